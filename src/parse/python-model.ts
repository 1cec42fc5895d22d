import { ProjectError } from '../errors';
import type { RefCall } from '../project/types';

/** What a Python model's code tells dbt's parser: its `dbt.ref`, `dbt.source` and `dbt.config` calls. */
export interface PythonModelCalls {
  refs: RefCall[];
  sourceCalls: [string, string][];
  configs: Record<string, unknown>[];
}

const STRING = String.raw`(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")`;
const CALL = /\bdbt\.(ref|source|config)\s*\(/g;

/**
 * Finds the calls as dbt's Python model parser does (it walks the Python syntax tree): arguments must be literals,
 * strings for ref and source, literals for config's keywords. Comments are skipped; a call built from variables is
 * refused, as dbt refuses it, naming its line.
 */
export function pythonModelCalls(code: string, file: string): PythonModelCalls {
  const calls: PythonModelCalls = { refs: [], sourceCalls: [], configs: [] };
  const text = blanked(code, false);
  for (const match of blanked(code, true).matchAll(CALL)) {
    const line = text.slice(0, match.index).split('\n').length;
    const args = argumentsAt(text, match.index + match[0].length, file, line);
    const positional = args.filter((a) => a.key === undefined).map((a) => a.value);
    const keywords = Object.fromEntries(args.filter((a) => a.key !== undefined).map((a) => [a.key!, a.value]));
    const refuse = (what: string) => new ProjectError(`dbt.${match[1]}() ${what}`, { file, line }, 'pass literal values, as dbt requires in Python models');
    if (match[1] === 'config') {
      if (positional.length > 0) throw refuse('takes keyword arguments only');
      calls.configs.push(keywords);
      continue;
    }
    if (positional.length < 1 || positional.length > 2 || positional.some((p) => typeof p !== 'string')) throw refuse('takes one or two strings');
    const names = positional as string[];
    if (match[1] === 'source') {
      if (names.length !== 2) throw refuse('takes a source name and a table name');
      calls.sourceCalls.push([names[0], names[1]]);
      continue;
    }
    const version = keywords.v ?? keywords.version;
    const ref: RefCall = names.length === 2 ? { package: names[0], name: names[1], line } : { name: names[0], line };
    if (typeof version === 'string' || typeof version === 'number') ref.version = version;
    calls.refs.push(ref);
  }
  return calls;
}

const TRIPLE = String.raw`'''[\s\S]*?'''|"""[\s\S]*?"""`;
/** Strings (triple-quoted first) and `#` comments, in the order Python reads them. */
const STRINGS_AND_COMMENTS = new RegExp(`${TRIPLE}|${STRING}|#[^\\n]*`, 'g');
const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/**
 * The text with `#` comments blanked (kept in length, so that offsets and lines stay); with `stringInsides`, the
 * insides of strings too (where calls can be), else strings as they are (where arguments are read).
 */
function blanked(code: string, stringInsides: boolean): string {
  return code.replace(STRINGS_AND_COMMENTS, (found) =>
    found.startsWith('#') ? blank(found) : stringInsides ? found[0] + blank(found.slice(1, -1)) + found.slice(-1) : found,
  );
}

interface Argument {
  key?: string;
  value: unknown;
}

/** The literal arguments of a call whose `(` ends just before `start`. */
function argumentsAt(text: string, start: number, file: string, line: number): Argument[] {
  const token = new RegExp(String.raw`\s*(?:(\))|,|([A-Za-z_]\w*)\s*=(?!=)|${STRING}|(-?\d+(?:\.\d+)?)|(True|False|None)\b|(\[[^\]]*\]))`, 'y');
  const args: Argument[] = [];
  let key: string | undefined;
  for (let at = start; ;) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m)
      throw new ProjectError(
        'a dbt.ref/source/config call in a Python model must have literal arguments',
        { file, line },
        'pass strings, numbers, True/False/None or lists of them',
      );
    at = token.lastIndex;
    if (m[1]) return args;
    if (m[2]) {
      key = m[2];
      continue;
    }
    const value = literal(m);
    if (value === undefined) continue;
    args.push({ key, value: value.value });
    key = undefined;
  }
}

function literal(m: RegExpExecArray): { value: unknown } | undefined {
  if (m[3] !== undefined || m[4] !== undefined) return { value: unescape(m[3] ?? m[4]) };
  if (m[5] !== undefined) return { value: Number(m[5]) };
  if (m[6] !== undefined) return { value: m[6] === 'None' ? null : m[6] === 'True' };
  if (m[7] !== undefined) return { value: [...m[7].matchAll(new RegExp(STRING, 'g'))].map((s) => unescape(s[1] ?? s[2])) };
  return undefined;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}
