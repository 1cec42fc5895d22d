import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeJsonFile } from '../../../src/report/json-file';

const written = (value: Record<string, unknown>) => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tsdbt-json-')), 'out.json');
  writeJsonFile(file, value);
  return readFileSync(file, 'utf8');
};

describe('writeJsonFile', () => {
  test('writes the same text as JSON.stringify, section by section', () => {
    const value = {
      metadata: { generated_at: new Date(0), 'quote"d': 'é\n\u2028', nothing: null, gone: undefined },
      nodes: { 'model.a': { name: 'a', columns: {}, tags: ['x'] }, 'model.b': { skipped: undefined, fn: () => 1, n: 1.5 } },
      empty: {},
      list: [1, undefined, { a: undefined }],
      date: new Date(86_400_000),
      nested: { deeper: { deepest: { value: [null] } } },
      gone: undefined,
      withToJson: { toJSON: () => 'replaced' },
      count: 3,
    };
    expect(written(value)).toBe(JSON.stringify(value));
  });

  test('a value larger than one chunk is written whole', () => {
    const nodes: Record<string, unknown> = {};
    for (let i = 0; i < 5_000; i++) nodes[`model.p.m${i}`] = { name: `m${i}`, raw_code: 'select 1 as id -- padding '.repeat(10) };
    const value = { nodes, after: true };
    expect(written(value)).toBe(JSON.stringify(value));
  });
});
