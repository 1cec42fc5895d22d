import type { Measurement } from './measure';

export interface Summary {
  runs: number;
  wallMs: number;
  peakRssMb?: number;
  cpuMs?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function medianOfKnown(values: (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? median(known) : undefined;
}

/** Medians of wall time, CPU time and peak RSS over repeated runs of one command. */
export function summarize(measurements: Measurement[]): Summary {
  return {
    runs: measurements.length,
    wallMs: median(measurements.map((m) => m.wallMs)),
    cpuMs: medianOfKnown(measurements.map((m) => m.cpuMs)),
    peakRssMb: medianOfKnown(measurements.map((m) => m.peakRssMb)),
  };
}

/**
 * tsdbt and its reference measured side by side: `first` then `second`, `runs` times, so that both see the same load
 * on a shared machine (one after the other, minutes apart, they would not).
 */
export async function alternate(runs: number, first: () => Promise<Measurement>, second: () => Promise<Measurement>): Promise<[Summary, Summary]> {
  const a: Measurement[] = [];
  const b: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await first());
    b.push(await second());
  }
  return [summarize(a), summarize(b)];
}

/** Runs `once` `runs` times in a row (each run prepares its own state) and summarizes. */
export async function repeat(runs: number, once: () => Promise<Measurement>): Promise<Summary> {
  const measurements: Measurement[] = [];
  for (let i = 0; i < runs; i++) measurements.push(await once());
  return summarize(measurements);
}
