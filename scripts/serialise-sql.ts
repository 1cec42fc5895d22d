import { readFileSync, writeFileSync } from 'node:fs';
import { SqlParser } from '../src/docs/sql-ast';

/**
 * Writes DuckDB's AST of each given .sql file next to it as .ast.json: the fixtures of the column
 * lineage tests (test/fixtures/column-lineage). Usage: node dist/scripts/serialise-sql.js <file.sql>...
 */
async function main(files: string[]): Promise<void> {
  const parser = await SqlParser.open();
  try {
    const asts = await parser.parseAll(files.map((file) => readFileSync(file, 'utf8')));
    files.forEach((file, index) => writeFileSync(file.replace(/\.sql$/, '.ast.json'), JSON.stringify(asts[index], null, 1) + '\n'));
  } finally {
    parser.close();
  }
}

void main(process.argv.slice(2));
