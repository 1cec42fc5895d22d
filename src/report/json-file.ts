import { closeSync, openSync, writeSync } from 'node:fs';

/** Bytes gathered before each write: large enough for few system calls, small next to an artifact of 100+ MB. */
const CHUNK = 1 << 20;

/**
 * Writes `value` as compact JSON, the same text as `JSON.stringify(value)`, without ever holding it as one string:
 * the object's keys, and the entries of each key holding an object (manifest.json's `nodes`, `macros`, ...), are
 * serialized one at a time and written in chunks. manifest.json of 50,000 models is a few hundred MB of text: one
 * string that size costs its own memory again, and V8 refuses strings over about 512 MB.
 */
export function writeJsonFile(file: string, value: Record<string, unknown>): void {
  const fd = openSync(file, 'w');
  try {
    let pending = '';
    const put = (text: string) => {
      pending += text;
      if (pending.length >= CHUNK) {
        writeSync(fd, pending);
        pending = '';
      }
    };
    entries(value, put, (inner, emit) => {
      if (isPlainObject(inner)) entries(inner, emit, (leaf, emitLeaf) => emitLeaf(JSON.stringify(leaf)));
      else emit(JSON.stringify(inner));
    });
    writeSync(fd, pending);
  } finally {
    closeSync(fd);
  }
}

/** `{"key":<value>,...}`, leaving out keys whose value JSON leaves out (undefined, functions), as JSON.stringify does. */
function entries(object: Record<string, unknown>, put: (text: string) => void, each: (value: unknown, put: (text: string) => void) => void): void {
  put('{');
  let first = true;
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    put(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    each(value, put);
  }
  put('}');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
