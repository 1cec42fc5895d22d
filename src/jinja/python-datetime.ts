/** Enough of Python's datetime for dbt templates: `run_started_at`, `modules.datetime`. All values are UTC. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export class PyTimedelta {
  constructor(readonly totalMs: number) {}
  total_seconds(): number {
    return this.totalMs / 1000;
  }
  get days(): number {
    return Math.floor(this.totalMs / 86_400_000);
  }
}

export class PyDateTime {
  /** `micros` keeps Python's microsecond precision on top of the millisecond Date. */
  constructor(
    readonly date_: Date,
    readonly micros = 0,
    readonly withZone = true,
    readonly dateOnly = false,
  ) {}

  get year() {
    return this.date_.getUTCFullYear();
  }
  get month() {
    return this.date_.getUTCMonth() + 1;
  }
  get day() {
    return this.date_.getUTCDate();
  }
  get hour() {
    return this.date_.getUTCHours();
  }
  get minute() {
    return this.date_.getUTCMinutes();
  }
  get second() {
    return this.date_.getUTCSeconds();
  }
  get microsecond() {
    return this.date_.getUTCMilliseconds() * 1000 + this.micros;
  }

  strftime(format: string): string {
    const d = this.date_;
    const table: Record<string, () => string> = {
      Y: () => String(this.year),
      y: () => pad(this.year % 100),
      m: () => pad(this.month),
      d: () => pad(this.day),
      H: () => pad(this.hour),
      M: () => pad(this.minute),
      S: () => pad(this.second),
      f: () => pad(this.microsecond, 6),
      j: () => pad(Math.floor((Date.UTC(this.year, this.month - 1, this.day) - Date.UTC(this.year, 0, 1)) / 86_400_000) + 1, 3),
      A: () => DAY_NAMES[d.getUTCDay()],
      a: () => DAY_NAMES[d.getUTCDay()].slice(0, 3),
      B: () => MONTH_NAMES[d.getUTCMonth()],
      b: () => MONTH_NAMES[d.getUTCMonth()].slice(0, 3),
      z: () => (this.withZone ? '+0000' : ''),
      Z: () => (this.withZone ? 'UTC' : ''),
      '%': () => '%',
    };
    return format.replace(/%([a-zA-Z%])/g, (whole, code: string) => (table[code] ? table[code]() : whole));
  }

  isoformat(sep = 'T'): string {
    if (this.dateOnly) return this.strftime('%Y-%m-%d');
    const fraction = this.microsecond ? `.${pad(this.microsecond, 6)}` : '';
    return this.strftime(`%Y-%m-%d${sep}%H:%M:%S`) + fraction + (this.withZone ? '+00:00' : '');
  }

  date(): PyDateTime {
    const d = this.date_;
    return new PyDateTime(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())), 0, false, true);
  }

  timestamp(): number {
    return this.date_.getTime() / 1000;
  }

  replace(kwargs: Record<string, number> = {}): PyDateTime {
    const d = new Date(
      Date.UTC(
        kwargs.year ?? this.year,
        (kwargs.month ?? this.month) - 1,
        kwargs.day ?? this.day,
        kwargs.hour ?? this.hour,
        kwargs.minute ?? this.minute,
        kwargs.second ?? this.second,
        kwargs.microsecond !== undefined ? Math.floor(kwargs.microsecond / 1000) : this.date_.getUTCMilliseconds(),
      ),
    );
    return new PyDateTime(d, kwargs.microsecond !== undefined ? kwargs.microsecond % 1000 : this.micros, this.withZone, this.dateOnly);
  }

  /** Python's str(): `2024-01-02 03:04:05.123456+00:00`. */
  toString(): string {
    return this.isoformat(' ');
  }
}

function timedelta(kwargs: Record<string, number> = {}): PyTimedelta {
  const ms =
    (kwargs.days ?? 0) * 86_400_000 +
    (kwargs.hours ?? 0) * 3_600_000 +
    (kwargs.minutes ?? 0) * 60_000 +
    (kwargs.seconds ?? 0) * 1000 +
    (kwargs.milliseconds ?? 0) +
    (kwargs.weeks ?? 0) * 7 * 86_400_000;
  return new PyTimedelta(ms);
}

export function nowUtc(): PyDateTime {
  const [seconds, nanos] = process.hrtime();
  return new PyDateTime(new Date(), Math.floor((seconds * 1e9 + nanos) / 1000) % 1000);
}

/** `modules.datetime`, as dbt exposes Python's datetime module. */
export const datetimeModule = {
  datetime: {
    now: () => nowUtc(),
    utcnow: () => new PyDateTime(new Date(), 0, false),
    strptime: (text: string) => new PyDateTime(new Date(text.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? '' : 'Z')), 0, false),
    fromtimestamp: (seconds: number) => new PyDateTime(new Date(seconds * 1000), 0, false),
  },
  date: {
    today: () => nowUtc().date(),
  },
  timedelta,
  timezone: { utc: 'UTC' },
};
