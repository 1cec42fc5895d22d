/**
 * The DuckDB floor: the least a program can do to get the same result as tsdbt, on one
 * connection, so the bench can say how much tsdbt adds on top.
 *
 *   node dist/bench/floor.js replay <project-dir> <database-file>
 *     loads the seeds with read_csv, then runs the SQL that `tsdbt build` wrote to
 *     target/run/<project>/ in the order of target/run_results.json: each model's statements in
 *     one transaction (as tsdbt does), each test's query read back.
 *   node dist/bench/floor.js copy <csv-file> <database-file> <table>
 *     one CREATE TABLE ... AS SELECT * FROM read_csv(...) (a COPY), nothing else.
 *
 * It imports only @duckdb/node-api so that its start-up is the floor too.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ManifestNode {
  resource_type: string;
  name: string;
  path: string;
  original_file_path: string;
  relation_name?: string | null;
  config: { materialized?: string; column_types?: Record<string, string> };
}

const quoteText = (text: string) => `'${text.replace(/'/g, "''")}'`;

function readJson<T>(file: string): T {
  if (!existsSync(file)) throw new Error(`floor: ${file} is missing; run \`tsdbt build\` in that project first`);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export async function replay(projectDir: string, database: string): Promise<void> {
  const target = path.join(projectDir, 'target');
  const manifest = readJson<{ metadata: { project_name?: string }; nodes: Record<string, ManifestNode> }>(path.join(target, 'manifest.json'));
  const results = readJson<{ results: { unique_id: string }[] }>(path.join(target, 'run_results.json'));
  const projectName = manifest.metadata.project_name ?? path.basename(projectDir);
  const runDir = path.join(target, 'run', projectName);
  const connection = await (await DuckDBInstance.create(database)).connect();
  for (const { unique_id: id } of results.results) {
    const node = manifest.nodes[id];
    if (!node) throw new Error(`floor: ${id} from run_results.json is not in manifest.json`);
    if (node.resource_type === 'seed') await loadSeed(connection, path.join(projectDir, node.original_file_path), node);
    else if (node.resource_type === 'test') await connection.runAndReadAll(readFileSync(runFileOf(runDir, node), 'utf8'));
    else if (node.config.materialized !== 'ephemeral') await connection.run(`BEGIN TRANSACTION;\n${readFileSync(runFileOf(runDir, node), 'utf8')}\nCOMMIT;`);
  }
  connection.closeSync();
}

/** Generic tests live under their properties file, like tsdbt writes them. */
function runFileOf(runDir: string, node: ManifestNode): string {
  const relative = /\.ya?ml$/.test(node.original_file_path) ? path.join(node.original_file_path, path.basename(node.path)) : node.original_file_path;
  return path.join(runDir, relative);
}

async function loadSeed(connection: DuckDBConnection, csv: string, node: ManifestNode): Promise<void> {
  const types = Object.entries(node.config.column_types ?? {}).map(([column, type]) => `${quoteText(column)}: ${quoteText(type)}`);
  const options = types.length > 0 ? `, types = {${types.join(', ')}}` : '';
  const relation = node.relation_name ?? `"${node.name}"`;
  const schema = relation.split('.').slice(0, -1).join('.');
  if (schema) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await connection.run(`CREATE TABLE ${relation} AS SELECT * FROM read_csv(${quoteText(csv)}, header = true${options})`);
}

export async function copy(csv: string, database: string, table: string): Promise<void> {
  const connection = await (await DuckDBInstance.create(database)).connect();
  await connection.run(`CREATE TABLE "${table}" AS SELECT * FROM read_csv(${quoteText(csv)}, header = true)`);
  connection.closeSync();
}

async function main(argv: string[]): Promise<void> {
  const [mode, ...args] = argv;
  if (mode === 'replay' && args.length === 2) return replay(args[0], args[1]);
  if (mode === 'copy' && args.length === 3) return copy(args[0], args[1], args[2]);
  throw new Error('usage: floor replay <project-dir> <database-file> | floor copy <csv-file> <database-file> <table>');
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
