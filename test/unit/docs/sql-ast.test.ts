import fg from 'fast-glob';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SqlParser } from '../../../src/docs/sql-ast';

describe("DuckDB's parser for column lineage", () => {
  let parser: SqlParser;
  beforeAll(async () => (parser = await SqlParser.open()));
  afterAll(() => parser.close());

  it('parses many queries in one go, in order, each with its own result or error', async () => {
    const [ok, broken, empty] = (await parser.parseAll(['select 1 as a', 'selec x', ''])) as { error: boolean; error_message?: string }[];
    expect(ok.error).toBe(false);
    expect(broken).toMatchObject({ error: true, error_message: 'syntax error at or near "selec"' });
    expect(empty).toMatchObject({ error: false, statements: [] });
    expect(await parser.parseAll([])).toEqual([]);
  });

  it('still writes the committed fixtures (regenerate them with scripts/serialise-sql.ts if DuckDB changed)', async () => {
    const files = await fg('test/fixtures/column-lineage/**/*.sql', { cwd: path.join(__dirname, '..', '..', '..'), absolute: true });
    expect(files.length).toBeGreaterThan(15);
    const asts = await parser.parseAll(files.map((file) => readFileSync(file, 'utf8')));
    files.forEach((file, index) => expect(asts[index]).toEqual(JSON.parse(readFileSync(file.replace(/\.sql$/, '.ast.json'), 'utf8'))));
  });
});
