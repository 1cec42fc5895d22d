/**
 * Build overhead on PostgreSQL: `tsdbt run` on a synthetic project against the floor, the SQL that run wrote to
 * target/run/ replayed with the same driver on one connection (each model's statements in one transaction), so
 * the difference is what tsdbt adds (parsing, rendering, planning, catalog lookups, bookkeeping).
 *
 *   TSDBT_PG_HOST=... TSDBT_PG_PORT=... TSDBT_PG_USER=... TSDBT_PG_PASSWORD=... \
 *     node dist/bench/postgres-floor.js [models=1000] [rounds=3]
 *
 * Both sides run with one thread (tsdbt `--threads 1`), start a fresh node process and build over existing
 * relations (a first, untimed run creates them).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { generateProject } from './generate-project';

interface ManifestNode {
  resource_type: string;
  path: string;
  original_file_path: string;
  config: { materialized?: string };
}

function server() {
  const env = process.env;
  if (!env.TSDBT_PG_HOST)
    throw new Error('set TSDBT_PG_HOST, TSDBT_PG_PORT, TSDBT_PG_USER and TSDBT_PG_PASSWORD (scripts/postgres-cluster.sh start prints them)');
  return { host: env.TSDBT_PG_HOST, port: Number(env.TSDBT_PG_PORT ?? 5432), user: env.TSDBT_PG_USER ?? 'postgres', password: env.TSDBT_PG_PASSWORD ?? '' };
}

/** Replays target/run/ of the last run: the floor. Called in its own process (`replay <project-dir> <dbname>`). */
async function replay(projectDir: string, dbname: string): Promise<void> {
  const target = path.join(projectDir, 'target');
  const manifest = JSON.parse(readFileSync(path.join(target, 'manifest.json'), 'utf8')) as {
    metadata: { project_name: string };
    nodes: Record<string, ManifestNode>;
  };
  const results = JSON.parse(readFileSync(path.join(target, 'run_results.json'), 'utf8')) as { results: { unique_id: string }[] };
  const runDir = path.join(target, 'run', manifest.metadata.project_name);
  const client = new Client({ ...server(), database: dbname });
  await client.connect();
  for (const { unique_id: id } of results.results) {
    const node = manifest.nodes[id];
    if (node.resource_type !== 'model' || node.config.materialized === 'ephemeral') continue;
    const file = path.join(runDir, node.original_file_path);
    if (!existsSync(file)) throw new Error(`floor: ${file} is missing`);
    await client.query(`BEGIN;\n${readFileSync(file, 'utf8')}\nCOMMIT;`);
  }
  await client.end();
}

function seconds(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'replay') return replay(args[0], args[1]);
  const models = Number(command ?? 1000);
  const rounds = Number(args[0] ?? 3);
  const dbname = `tsdbt_bench_${process.pid}`;
  const admin = new Client({ ...server(), database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbname}`);
  try {
    const project = generateProject({ models, outDir: path.join(os.tmpdir(), `tsdbt-bench-pg-${models}`), name: 'synthetic' });
    // Postgres rounds only numeric to a number of places: the generated macro's round(double, 2) is DuckDB's.
    const macros = path.join(project.dir, 'macros', 'bench_macros.sql');
    writeFileSync(
      macros,
      readFileSync(macros, 'utf8').replace('round({{ column }} * {{ factor }}, 2)', 'round(cast({{ column }} * {{ factor }} as numeric), 2)'),
    );
    const s = server();
    writeFileSync(
      path.join(project.dir, 'profiles.yml'),
      `synthetic:\n  target: pg\n  outputs:\n    pg:\n      type: postgres\n      host: ${s.host}\n      port: ${s.port}\n      user: ${s.user}\n      password: ${s.password}\n      dbname: ${dbname}\n      schema: bench\n      threads: 1\n`,
    );
    const cli = path.join(__dirname, '..', '..', 'bin', 'tsdbt.js');
    const tsdbt = (...a: string[]) =>
      execFileSync(process.execPath, [cli, ...a, '--project-dir', project.dir, '--profiles-dir', project.dir], { stdio: 'ignore' });
    tsdbt('seed');
    tsdbt('run', '--threads', '1');
    const run: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < rounds; i++) {
      run.push(seconds(() => tsdbt('run', '--threads', '1')));
      floor.push(seconds(() => execFileSync(process.execPath, [__filename, 'replay', project.dir, dbname], { stdio: 'inherit' })));
    }
    const [tsdbtSeconds, floorSeconds] = [median(run), median(floor)];
    console.log(
      JSON.stringify({
        models,
        rounds,
        tsdbtRunSeconds: tsdbtSeconds,
        floorSeconds,
        ratio: Number((tsdbtSeconds / floorSeconds).toFixed(2)),
        runs: run,
        floors: floor,
      }),
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbname} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
