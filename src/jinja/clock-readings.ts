import { nowUtc, type PyDateTime } from './python-datetime';

/**
 * The times one render read, shared by its passes: a render re-run after a query answer reads the same times in the
 * same order, so SQL built from the clock (a temp table named after the current microsecond) is the same text again
 * and its answer is found instead of asked for again, forever.
 */
export class ClockReadings {
  private readonly readings: PyDateTime[] = [];

  /** The `index`th reading of a pass: the one an earlier pass took, or the current time. */
  at(index: number): PyDateTime {
    return (this.readings[index] ??= nowUtc());
  }
}
