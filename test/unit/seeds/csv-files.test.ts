import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { physicalLine } from '../../../src/seeds/csv-errors';
import { readCsvHeader } from '../../../src/seeds/csv-header';
import { numberType } from '../../../src/seeds/type-inference';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsdbt-csv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(content: string): string {
  const path = join(dir, 'f.csv');
  writeFileSync(path, content);
  return path;
}

describe('readCsvHeader', () => {
  test('strips a BOM, honours quotes and stops at CR or LF', () => {
    expect(readCsvHeader(file('\ufeffa,"b, c","d ""e"""\r\n1,2,3'), ',', 'f.csv')).toEqual(['a', 'b, c', 'd "e"']);
  });

  test('a quoted name may span lines; multi-character delimiters work', () => {
    expect(readCsvHeader(file('"x\ny"||z\n1||2'), '||', 'f.csv')).toEqual(['x\ny', 'z']);
  });

  test('a header longer than one read chunk', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `column_${i}`);
    expect(readCsvHeader(file(names.join(',') + '\n'), ',', 'f.csv')).toEqual(names);
  });

  test('an unterminated quote in the header', () => {
    expect(() => readCsvHeader(file('a,"b\n'), ',', 'f.csv')).toThrow('f.csv:1: unterminated quoted column name');
  });
});

describe('physicalLine', () => {
  test('maps DuckDB record numbers to lines, counting line breaks inside quotes', () => {
    const path = file('h\n"a\nb"\nc\n\nd\n');
    expect(physicalLine(path, 1)).toBe(1);
    expect(physicalLine(path, 2)).toBe(2);
    expect(physicalLine(path, 3)).toBe(4);
    expect(physicalLine(path, 5)).toBe(6);
  });
});

describe('numberType', () => {
  test('picks the narrowest integer type that holds the range, DOUBLE for fractions', () => {
    expect(numberType({ whole: true, min: -2147483648, max: 2147483647 })).toBe('INTEGER');
    expect(numberType({ whole: true, min: 0, max: 2147483648 })).toBe('BIGINT');
    expect(numberType({ whole: true, min: '-9223372036854775809', max: 0 })).toBe('HUGEINT');
    expect(numberType({ whole: true, min: null, max: null })).toBe('INTEGER');
    expect(numberType({ whole: false, min: 1, max: 2 })).toBe('DOUBLE');
  });
});
