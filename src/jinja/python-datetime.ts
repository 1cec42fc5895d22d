/*
 * Python's datetime and pytz as dbt exposes them (`run_started_at`, `modules.datetime`, `modules.pytz`). A datetime is
 * its wall-clock fields (kept in a Date's UTC fields) plus an optional time zone; comparisons with `<` work through
 * valueOf(). Zone offsets come from the ICU time zone database of Node.
 */
import { asFloat, splitCallArgs } from './compat';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_MS = 86_400_000;

/** Positional-or-keyword arguments by name, as Python binds them. */
function bindArgs(raw: unknown[], names: string[]): Record<string, unknown> {
  const { args, kwargs } = splitCallArgs(raw);
  const bound: Record<string, unknown> = {};
  names.forEach((name, i) => (bound[name] = i < args.length ? args[i] : kwargs[name]));
  return bound;
}

/** A fixed offset (`datetime.timezone.utc`) or a named zone (`pytz.timezone('Europe/Amsterdam')`). */
export class PyTzInfo {
  constructor(
    readonly zone: string,
    private readonly fixedMinutes: number | null = null,
  ) {}

  /** Minutes east of UTC at the given UTC instant. */
  offsetAt(utcMs: number): number {
    if (this.fixedMinutes !== null) return this.fixedMinutes;
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: this.zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(utcMs));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
  }

  /** Minutes east of UTC for a wall-clock time in this zone. */
  offsetForWall(wallMs: number): number {
    const guess = this.offsetAt(wallMs);
    return this.offsetAt(wallMs - guess * 60_000);
  }

  /** pytz: attach this zone to a naive datetime, keeping its wall-clock time. */
  localize(dt: PyDateTime): PyDateTime {
    return new PyDateTime(dt.wall, dt.micros, this, dt.dateOnly);
  }

  normalize(dt: PyDateTime): PyDateTime {
    return dt.astimezone(this);
  }

  utcoffset(dt: PyDateTime): PyTimedelta {
    return new PyTimedelta(this.offsetForWall(dt.wall.getTime()) * 60_000);
  }

  tzname(): string {
    return this.zone;
  }

  toString(): string {
    return this.zone;
  }
}

export const UTC = new PyTzInfo('UTC', 0);

export class PyTimedelta {
  constructor(readonly totalMs: number) {}
  total_seconds(): unknown {
    return asFloat(this.totalMs / 1000);
  }
  get days(): number {
    return Math.floor(this.totalMs / DAY_MS);
  }
  get seconds(): number {
    return Math.floor((this.totalMs - this.days * DAY_MS) / 1000);
  }
  get microseconds(): number {
    return Math.round((this.totalMs % 1000) * 1000);
  }
  valueOf(): number {
    return this.totalMs;
  }

  // Python's operators, which the template runtime calls for `+`, `-`, `*` and `==`.
  __add__(other: unknown): PyTimedelta | PyDateTime | undefined {
    if (other instanceof PyTimedelta) return new PyTimedelta(this.totalMs + other.totalMs);
    return other instanceof PyDateTime ? other.__add__(this) : undefined;
  }
  __sub__(other: unknown): PyTimedelta | undefined {
    return other instanceof PyTimedelta ? new PyTimedelta(this.totalMs - other.totalMs) : undefined;
  }
  __mul__(other: unknown): PyTimedelta | undefined {
    return typeof other === 'number' ? new PyTimedelta(this.totalMs * other) : undefined;
  }
  __rmul__(other: unknown): PyTimedelta | undefined {
    return this.__mul__(other);
  }
  __eq__(other: unknown): boolean {
    return other instanceof PyTimedelta && other.totalMs === this.totalMs;
  }
  /** Python's str(): `1 day, 2:03:04`. */
  toString(): string {
    const rest = this.totalMs - this.days * DAY_MS;
    const clock = `${Math.floor(rest / 3_600_000)}:${pad(Math.floor(rest / 60_000) % 60)}:${pad(Math.floor(rest / 1000) % 60)}`;
    const micros = this.microseconds ? '.' + pad(this.microseconds, 6) : '';
    return (this.days ? `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ` : '') + clock + micros;
  }
}

export class PyDateTime {
  /**
   * `wall`: the wall-clock time in the Date's UTC fields; `micros`: microseconds below the millisecond; `tzinfo`: the
   * zone of an aware datetime.
   */
  constructor(
    readonly wall: Date,
    readonly micros = 0,
    readonly tzinfo: PyTzInfo | null = null,
    readonly dateOnly = false,
  ) {}

  get year() {
    return this.wall.getUTCFullYear();
  }
  get month() {
    return this.wall.getUTCMonth() + 1;
  }
  get day() {
    return this.wall.getUTCDate();
  }
  get hour() {
    return this.dateOnly ? undefined : this.wall.getUTCHours();
  }
  get minute() {
    return this.dateOnly ? undefined : this.wall.getUTCMinutes();
  }
  get second() {
    return this.dateOnly ? undefined : this.wall.getUTCSeconds();
  }
  get microsecond() {
    return this.dateOnly ? undefined : this.wall.getUTCMilliseconds() * 1000 + this.micros;
  }

  /** Minutes east of UTC, or null for a naive datetime. */
  private offsetMinutes(): number | null {
    return this.tzinfo ? this.tzinfo.offsetForWall(this.wall.getTime()) : null;
  }

  weekday(): number {
    return (this.wall.getUTCDay() + 6) % 7;
  }

  isoweekday(): number {
    return this.weekday() + 1;
  }

  strftime(format: string): string {
    const offset = this.offsetMinutes();
    const yday = Math.floor((Date.UTC(this.year, this.month - 1, this.day) - Date.UTC(this.year, 0, 1)) / DAY_MS) + 1;
    const hour = this.wall.getUTCHours();
    const table: Record<string, () => string> = {
      Y: () => String(this.year),
      y: () => pad(this.year % 100),
      m: () => pad(this.month),
      d: () => pad(this.day),
      H: () => pad(hour),
      I: () => pad(hour % 12 || 12),
      p: () => (hour < 12 ? 'AM' : 'PM'),
      M: () => pad(this.wall.getUTCMinutes()),
      S: () => pad(this.wall.getUTCSeconds()),
      f: () => pad(this.wall.getUTCMilliseconds() * 1000 + this.micros, 6),
      j: () => pad(yday, 3),
      A: () => DAY_NAMES[this.weekday()],
      a: () => DAY_NAMES[this.weekday()].slice(0, 3),
      w: () => String((this.weekday() + 1) % 7),
      u: () => String(this.isoweekday()),
      B: () => MONTH_NAMES[this.month - 1],
      b: () => MONTH_NAMES[this.month - 1].slice(0, 3),
      z: () => (offset === null ? '' : (offset < 0 ? '-' : '+') + pad(Math.floor(Math.abs(offset) / 60)) + pad(Math.abs(offset) % 60)),
      Z: () => (this.tzinfo ? this.tzinfo.tzname() : ''),
      '%': () => '%',
    };
    return format.replace(/%([a-zA-Z%])/g, (whole, code: string) => (table[code] ? table[code]() : whole));
  }

  isoformat(sep = 'T'): string {
    if (this.dateOnly) return this.strftime('%Y-%m-%d');
    const micro = this.wall.getUTCMilliseconds() * 1000 + this.micros;
    const fraction = micro ? `.${pad(micro, 6)}` : '';
    const offset = this.offsetMinutes();
    const zone = offset === null ? '' : (offset < 0 ? '-' : '+') + pad(Math.floor(Math.abs(offset) / 60)) + ':' + pad(Math.abs(offset) % 60);
    return this.strftime(`%Y-%m-%d${sep}%H:%M:%S`) + fraction + zone;
  }

  date(): PyDateTime {
    return new PyDateTime(new Date(Date.UTC(this.year, this.month - 1, this.day)), 0, null, true);
  }

  /** Seconds since the epoch; a naive datetime counts as UTC (the zone dbt runs in, here). */
  timestamp(): number {
    return (this.wall.getTime() - (this.offsetMinutes() ?? 0) * 60_000) / 1000 + this.micros / 1e6;
  }

  astimezone(tz: PyTzInfo = UTC): PyDateTime {
    const utc = this.wall.getTime() - (this.offsetMinutes() ?? 0) * 60_000;
    return new PyDateTime(new Date(utc + tz.offsetAt(utc) * 60_000), this.micros, tz);
  }

  utcoffset(): PyTimedelta | null {
    const offset = this.offsetMinutes();
    return offset === null ? null : new PyTimedelta(offset * 60_000);
  }

  replace(...raw: unknown[]): PyDateTime {
    const { kwargs } = splitCallArgs(raw);
    const n = (key: string, current: number | undefined) => (kwargs[key] !== undefined ? Number(kwargs[key]) : (current ?? 0));
    const micro = n('microsecond', this.microsecond);
    const wall = new Date(
      Date.UTC(
        n('year', this.year),
        n('month', this.month) - 1,
        n('day', this.day),
        n('hour', this.hour),
        n('minute', this.minute),
        n('second', this.second),
        Math.floor(micro / 1000),
      ),
    );
    const tz = 'tzinfo' in kwargs ? ((kwargs.tzinfo as PyTzInfo | null) ?? null) : this.tzinfo;
    return new PyDateTime(wall, micro % 1000, tz, this.dateOnly);
  }

  // Python's operators, which the template runtime calls for `+`, `-` and `==`.
  __add__(other: unknown): PyDateTime | undefined {
    return other instanceof PyTimedelta ? this.shifted(other, 1) : undefined;
  }
  __radd__(other: unknown): PyDateTime | undefined {
    return this.__add__(other);
  }
  __sub__(other: unknown): PyDateTime | PyTimedelta | undefined {
    if (other instanceof PyTimedelta) return this.shifted(other, -1);
    if (!(other instanceof PyDateTime) || other.dateOnly !== this.dateOnly) return undefined;
    if ((this.tzinfo === null) !== (other.tzinfo === null)) throw new Error("TypeError: can't subtract offset-naive and offset-aware datetimes");
    return new PyTimedelta(this.utcMs() - other.utcMs() + (this.micros - other.micros) / 1000);
  }
  __eq__(other: unknown): boolean {
    return other instanceof PyDateTime && other.dateOnly === this.dateOnly && this.utcMs() === other.utcMs() && this.micros === other.micros;
  }

  /** This moment moved by `delta` forwards (1) or back (-1); a date moves by `delta.days` only, as Python's does. */
  private shifted(delta: PyTimedelta, sign: 1 | -1): PyDateTime {
    const step = sign * (this.dateOnly ? delta.days * DAY_MS : delta.totalMs);
    const exact = this.wall.getTime() + this.micros / 1000 + step;
    let whole = Math.floor(exact);
    let micros = Math.round((exact - whole) * 1000);
    if (micros === 1000) [whole, micros] = [whole + 1, 0];
    return new PyDateTime(new Date(whole), micros, this.tzinfo, this.dateOnly);
  }

  /** Whole milliseconds since the epoch, in UTC. */
  private utcMs(): number {
    return this.wall.getTime() - (this.offsetMinutes() ?? 0) * 60_000;
  }

  /** Milliseconds since the epoch (UTC), so that `<`, `>` compare datetimes. */
  valueOf(): number {
    return this.timestamp() * 1000;
  }

  /** Python's str(): `2024-01-02 03:04:05.123456+00:00`, `2024-01-02` for a date. */
  toString(): string {
    return this.isoformat(' ');
  }
}

function timedelta(...raw: unknown[]): PyTimedelta {
  const a = bindArgs(raw, ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks']);
  const n = (key: string) => Number(a[key] ?? 0);
  return new PyTimedelta(
    n('days') * DAY_MS +
      n('seconds') * 1000 +
      n('microseconds') / 1000 +
      n('milliseconds') +
      n('minutes') * 60_000 +
      n('hours') * 3_600_000 +
      n('weeks') * 7 * DAY_MS,
  );
}

/** The current time as an aware UTC datetime, with microseconds (dbt's `run_started_at`). */
export function nowUtc(): PyDateTime {
  const [seconds, nanos] = process.hrtime();
  return new PyDateTime(new Date(), Math.floor((seconds * 1e9 + nanos) / 1000) % 1000, UTC);
}

function makeDateTime(...raw: unknown[]): PyDateTime {
  const a = bindArgs(raw, ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo']);
  const n = (key: string) => Number(a[key] ?? 0);
  const wall = new Date(Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'), Math.floor(n('microsecond') / 1000)));
  wall.setUTCFullYear(n('year'));
  return new PyDateTime(wall, n('microsecond') % 1000, (a.tzinfo as PyTzInfo | null | undefined) ?? null);
}

function makeDate(...raw: unknown[]): PyDateTime {
  const a = bindArgs(raw, ['year', 'month', 'day']);
  const wall = new Date(Date.UTC(Number(a.year), Number(a.month) - 1, Number(a.day)));
  wall.setUTCFullYear(Number(a.year));
  return new PyDateTime(wall, 0, null, true);
}

/** `datetime.fromisoformat`: `2024-01-02`, `2024-01-02T03:04:05.123456+01:00` (and a space for the T). */
function fromIsoFormat(text: string): PyDateTime {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d)(?::(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?)?)?\s*(Z|[+-]\d\d:?\d\d)?$/.exec(String(text).trim());
  if (!m) throw new Error(`ValueError: Invalid isoformat string: '${text}'`);
  const micro = m[7] ? Number(m[7].padEnd(6, '0')) : 0;
  const tz = m[8] ? fixedOffset(m[8]) : null;
  return makeDateTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), micro, tz);
}

/**
 * A date or timestamp as a warehouse writes it ('2024-01-02', '2024-01-02 03:04:05.123456789+00'), as the date or
 * datetime a Python driver hands dbt (agate keeps them so); null for text Python has no value for (infinity, BC).
 * Python keeps microseconds: finer digits are dropped.
 */
export function fromSqlText(text: string, dateOnly: boolean): PyDateTime | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?)?([+-]\d\d(?::?\d\d)?)?$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (dateOnly) return makeDate(year, month, day);
  const micro = m[7] ? Number(m[7].slice(0, 6).padEnd(6, '0')) : 0;
  const tz = m[8] ? fixedOffset(m[8].length === 3 ? `${m[8]}:00` : m[8]) : null;
  return makeDateTime(year, month, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), micro, tz);
}

function fixedOffset(text: string): PyTzInfo {
  if (text === 'Z') return UTC;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.replace(/[^0-9]/g, '');
  const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  return minutes === 0 ? UTC : new PyTzInfo(`UTC${text.slice(0, 3)}:${digits.slice(2, 4)}`, minutes);
}

const STRPTIME_FIELDS: Record<string, string> = {
  Y: '(?<Y>\\d{4})',
  m: '(?<m>\\d{1,2})',
  d: '(?<d>\\d{1,2})',
  H: '(?<H>\\d{1,2})',
  M: '(?<M>\\d{1,2})',
  S: '(?<S>\\d{1,2})',
  f: '(?<f>\\d{1,6})',
  y: '(?<y>\\d{2})',
  j: '(?<j>\\d{1,3})',
  b: '(?<b>[A-Za-z]{3})',
  B: '(?<B>[A-Za-z]+)',
  z: '(?<z>Z|[+-]\\d\\d:?\\d\\d)',
  '%': '%',
};

/** `datetime.strptime(text, format)` for the numeric and month-name directives. */
function strptime(text: string, format: string): PyDateTime {
  const source = String(format).replace(/%([a-zA-Z%])|([.*+?^${}()|[\]\\])/g, (whole, code: string | undefined, special: string | undefined) =>
    special ? '\\' + special : (STRPTIME_FIELDS[code!] ?? whole),
  );
  const m = new RegExp(`^${source}$`, 'i').exec(String(text));
  if (!m) throw new Error(`ValueError: time data '${text}' does not match format '${format}'`);
  const g = m.groups ?? {};
  const monthName = g.b ?? g.B;
  const month = monthName ? MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(monthName.toLowerCase())) + 1 : Number(g.m ?? 1);
  const year = g.Y ? Number(g.Y) : g.y ? 1900 + Number(g.y) + (Number(g.y) < 69 ? 100 : 0) : 1900;
  const result = makeDateTime(
    year,
    month,
    Number(g.d ?? 1),
    Number(g.H ?? 0),
    Number(g.M ?? 0),
    Number(g.S ?? 0),
    g.f ? Number(g.f.padEnd(6, '0')) : 0,
    g.z ? fixedOffset(g.z) : null,
  );
  return g.j ? new PyDateTime(new Date(Date.UTC(year, 0, Number(g.j))), 0, result.tzinfo) : result;
}

function pytzTimezone(name: unknown): PyTzInfo {
  const zone = String(name);
  if (zone.toUpperCase() === 'UTC') return UTC;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`UnknownTimeZoneError: '${zone}'`);
  }
  return new PyTzInfo(zone);
}

/** `datetime.datetime`, whose `now`, `utcnow` and `today` read `now` (the current time as an aware UTC datetime). */
function datetimeClassWith(now: () => PyDateTime) {
  const naiveNow = () => new PyDateTime(now().wall, 0, null);
  return Object.assign((...raw: unknown[]) => makeDateTime(...raw), {
    now: (tz?: PyTzInfo | null) => (tz instanceof PyTzInfo ? now().astimezone(tz) : naiveNow()),
    utcnow: naiveNow,
    today: naiveNow,
    strptime,
    fromisoformat: fromIsoFormat,
    fromtimestamp: (seconds: number, tz?: PyTzInfo | null) => {
      const utc = new PyDateTime(new Date(seconds * 1000), 0, UTC);
      return tz instanceof PyTzInfo ? utc.astimezone(tz) : new PyDateTime(utc.wall, 0, null);
    },
    utcfromtimestamp: (seconds: number) => new PyDateTime(new Date(seconds * 1000), 0, null),
    combine: (date: PyDateTime, time?: PyDateTime) =>
      makeDateTime(date.year, date.month, date.day, time?.hour ?? 0, time?.minute ?? 0, time?.second ?? 0, time?.microsecond ?? 0, time?.tzinfo ?? null),
  });
}

/** `modules.datetime`, as dbt exposes Python's datetime module, reading the time from `now`. */
export function createDatetimeModule(now: () => PyDateTime = nowUtc) {
  return {
    datetime: datetimeClassWith(now),
    date: Object.assign((...raw: unknown[]) => makeDate(...raw), {
      today: () => new PyDateTime(now().wall, 0, null).date(),
      fromisoformat: (text: string) => fromIsoFormat(text).date(),
      fromtimestamp: (seconds: number) => new PyDateTime(new Date(seconds * 1000), 0, null).date(),
    }),
    timedelta,
    timezone: Object.assign((offset: PyTimedelta) => new PyTzInfo(`UTC${offset.totalMs < 0 ? '-' : '+'}`, offset.totalMs / 60_000), { utc: UTC }),
    MINYEAR: 1,
    MAXYEAR: 9999,
  };
}

/** `modules.datetime` on the real clock. */
export const datetimeModule = createDatetimeModule();

/** `modules.pytz`, as far as dbt packages use it. */
export const pytzModule = {
  utc: UTC,
  UTC,
  timezone: pytzTimezone,
  all_timezones: typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [],
};
