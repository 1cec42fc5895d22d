/**
 * Package versions as dbt compares them: semantic versions with an optional matcher (`>=1.0.0`), ranges reduced by
 * intersection, and the highest available version that fits. dbt's rules are kept where they differ from npm's: a
 * prerelease may be written without a dash (`0.4.5a2`), and an upper bound `<2.0.0` excludes `2.0.0-rc1`.
 */

export type Matcher = '>' | '>=' | '<' | '<=' | '=';

export interface VersionSpec {
  major: number;
  minor: number;
  patch: number;
  prerelease?: string;
  build?: string;
  matcher: Matcher;
}

/** A range; an absent end is unbounded. */
export interface VersionRange {
  start?: VersionSpec;
  end?: VersionSpec;
}

export class SemverError extends Error {}

/** No version satisfies every requirement. */
export class VersionConflict extends Error {}

const NUM = '(0|[1-9]\\d*)';
const IDENT = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)';
const VERSION = new RegExp(`^(>=|>|<=|<|=)?${NUM}\\.${NUM}\\.${NUM}(?:-?(${IDENT}(?:\\.${IDENT})*))?(?:\\+([0-9A-Za-z-]*(?:\\.[0-9A-Za-z-]*)*))?$`);

export function parseVersion(text: string): VersionSpec {
  const match = VERSION.exec(text.trim());
  if (!match) throw new SemverError(`"${text}" is not a valid semantic version.`);
  return {
    matcher: (match[1] as Matcher | undefined) ?? '=',
    major: Number(match[2]),
    minor: Number(match[3]),
    patch: Number(match[4]),
    prerelease: match[5] || undefined,
    build: match[6] || undefined,
  };
}

export function isValidVersion(text: string): boolean {
  return VERSION.test(text.trim());
}

export function versionString(spec: VersionSpec, withMatcher = true): string {
  const pre = spec.prerelease ? `-${spec.prerelease}` : '';
  const build = spec.build ? `+${spec.build}` : '';
  return `${withMatcher ? spec.matcher : ''}${spec.major}.${spec.minor}.${spec.patch}${pre}${build}`;
}

const isLower = (s: VersionSpec) => s.matcher === '>' || s.matcher === '>=';
const isUpper = (s: VersionSpec) => s.matcher === '<' || s.matcher === '<=';
const isExact = (s: VersionSpec) => s.matcher === '=';

/** Prerelease tags compared part by part, numbers below words (as semver orders them). */
function comparePrerelease(a: string, b: string): number {
  const parts = (s: string) => s.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x < y ? -1 : 1;
    } else if (typeof x === 'number') return -1;
    else if (typeof y === 'number') return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

/**
 * Compares two bounds; equal numbers are ordered by their matchers (`<1.0.0` before `<=1.0.0`), so that a range
 * whose start passes its end is empty. An undefined (unbounded) side compares equal to anything.
 */
export function compareSpecs(a: VersionSpec | undefined, b: VersionSpec | undefined): number {
  if (!a || !b) return 0;
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] > b[key] ? 1 : -1;
  }
  if (a.prerelease !== undefined || b.prerelease !== undefined) {
    // A release sorts after its prereleases, except against a strict upper bound: `<2.0.0` keeps 2.0.0-rc1 out.
    if (a.prerelease === undefined) return a.matcher === '<' ? -1 : 1;
    if (b.prerelease === undefined) return -1;
    const c = comparePrerelease(a.prerelease, b.prerelease);
    if (c !== 0) return c;
  }
  if ((a.matcher === '>=' && b.matcher === '<=') || (a.matcher === '<=' && b.matcher === '>=')) return 0;
  if ((a.matcher === '<' && b.matcher === '<=') || (b.matcher === '>' && a.matcher === '>=') || (isUpper(a) && isLower(b))) return -1;
  if ((b.matcher === '<' && a.matcher === '<=') || (a.matcher === '>' && b.matcher === '>=') || (isLower(a) && isUpper(b))) return 1;
  return 0;
}

function toRange(spec: VersionSpec): VersionRange {
  if (isExact(spec)) return { start: spec, end: spec };
  return isLower(spec) ? { start: spec } : { end: spec };
}

function combineWithExact(bound: VersionSpec, exact: VersionSpec, lower: boolean): VersionSpec {
  const c = compareSpecs(bound, exact);
  const fits = lower ? c < 0 || (c === 0 && bound.matcher === '>=') : c > 0 || (c === 0 && bound.matcher === '<=');
  if (fits) return exact;
  throw new VersionConflict();
}

function combineBound(a: VersionSpec | undefined, b: VersionSpec | undefined, lower: boolean): VersionSpec | undefined {
  if (!b) return a;
  if (!a) return b;
  if (!isExact(a) && !isExact(b)) {
    const c = compareSpecs(a, b);
    return lower ? (c < 0 ? b : a) : c > 0 ? b : a;
  }
  return isExact(a) ? combineWithExact(b, a, lower) : combineWithExact(a, b, lower);
}

function intersect(a: VersionRange, b: VersionRange): VersionRange {
  let start: VersionSpec | undefined;
  let end: VersionSpec | undefined;
  if (a.start && b.start && isExact(a.start) && isExact(b.start)) {
    if (compareSpecs(a.start, b.start) !== 0) throw new VersionConflict();
    start = end = a.start;
  } else {
    start = combineBound(a.start, b.start, true);
    end = combineBound(a.end, b.end, false);
  }
  if (compareSpecs(start, end) > 0) throw new VersionConflict();
  return { start, end };
}

/** The intersection of every requirement (each `>=1.0.0`, `<2.0.0` or `1.2.3`); throws VersionConflict when empty. */
export function reduceVersions(requirements: (string | VersionSpec)[]): VersionRange {
  const specs = requirements.map((r) => (typeof r === 'string' ? parseVersion(r) : r));
  if (specs.length === 0) return {};
  try {
    return specs.slice(1).reduce((range, spec) => intersect(range, toRange(spec)), toRange(specs[0]));
  } catch (error) {
    if (error instanceof VersionConflict) {
      throw new VersionConflict(`Could not find a satisfactory version from options: [${specs.map((s) => `'${versionString(s)}'`).join(', ')}]`);
    }
    throw error;
  }
}

export function rangeString(range: VersionRange): string {
  if (!range.start && !range.end) return 'ANY';
  if (range.start && range.end && range.start === range.end) return versionString(range.start);
  return [range.start, range.end]
    .filter((s): s is VersionSpec => !!s)
    .map((s) => versionString(s))
    .join(', ');
}

export function versionInRange(version: string | VersionSpec, range: VersionRange): boolean {
  const spec = typeof version === 'string' ? parseVersion(version) : version;
  try {
    reduceVersions([spec, ...[range.start, range.end].filter((s): s is VersionSpec => !!s)]);
    return true;
  } catch (error) {
    if (error instanceof VersionConflict) return false;
    throw error;
  }
}

/** Release versions (and prereleases when allowed), lowest first, as written. Unparseable versions are left out. */
export function installableVersions(versions: string[], includePrerelease: boolean): string[] {
  return versions
    .filter(isValidVersion)
    .map((v) => ({ text: v, spec: parseVersion(v) }))
    .filter((v) => includePrerelease || !v.spec.prerelease)
    .sort((a, b) => compareSpecs(a.spec, b.spec))
    .map((v) => v.text);
}

/** The highest of `versions` inside `range`, or undefined. */
export function highestInRange(range: VersionRange, versions: string[]): string | undefined {
  let best: { text: string; spec: VersionSpec } | undefined;
  for (const text of versions) {
    const spec = parseVersion(text);
    if (versionInRange(spec, range) && (!best || compareSpecs(best.spec, spec) < 0)) best = { text, spec };
  }
  return best?.text;
}

/** Whether `version` (e.g. the dbt version tsdbt follows) satisfies a `require-dbt-version` value. */
export function satisfies(version: string, requirement: unknown): boolean {
  const list = versionRequirements(requirement);
  if (list.length === 0) return true;
  try {
    return versionInRange(version, reduceVersions(list));
  } catch {
    return false;
  }
}

/** A version requirement as written in YAML: one string, a comma-separated string or a list of them. */
export function versionRequirements(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
