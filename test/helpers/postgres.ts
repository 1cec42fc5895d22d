import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

/**
 * A real PostgreSQL server for tests. `.ci/run` (or `npm run test:postgres`) starts one cluster and exports
 * TSDBT_PG_*; otherwise each test file starts its own throwaway cluster with scripts/postgres-cluster.sh. Every
 * test file gets a database of its own. Without server binaries the tests skip, saying so; under .ci/run (TSDBT_REQUIRE_POSTGRES) they fail.
 */
const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'postgres-cluster.sh');

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** The database created for this test file. */
  dbname: string;
}

function serverBinariesFound(): boolean {
  if (process.env.TSDBT_PG_HOST) return true;
  const root = '/usr/lib/postgresql';
  if (existsSync(root) && readdirSync(root).some((v) => existsSync(path.join(root, v, 'bin', 'postgres')))) return true;
  try {
    return existsSync(path.join(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim(), 'postgres'));
  } catch {
    return false;
  }
}

export const postgresAvailable = serverBinariesFound();
const SKIP_REASON = 'PostgreSQL tests skipped: no server binaries found (apt-get install postgresql, or set TSDBT_PG_HOST/PORT/USER/PASSWORD)';

if (!postgresAvailable) {
  if (process.env.TSDBT_REQUIRE_POSTGRES) throw new Error(`${SKIP_REASON}; CI must run them`);
  console.warn(SKIP_REASON);
}

type Admin = Omit<PostgresServer, 'dbname'>;

/** The server of this test file: the one CI exported, or a cluster started for the file and stopped after it. */
let serverOfFile: Promise<Admin> | undefined;
let clusterOfFile: string | undefined;
let stopRegistered = false;

/** Registered at file level by the first describePostgres, while jest still collects hooks. */
function stopClusterAfterFile(): void {
  if (stopRegistered) return;
  stopRegistered = true;
  afterAll(() => {
    if (clusterOfFile) execFileSync(SCRIPT, ['stop', clusterOfFile]);
  }, 60_000);
}

function fileServer(): Promise<Admin> {
  serverOfFile ??= (async () => {
    let env: Record<string, string | undefined> = process.env;
    if (!env.TSDBT_PG_HOST) {
      const exports = execFileSync(SCRIPT, ['start'], { encoding: 'utf8' });
      env = Object.fromEntries([...exports.matchAll(/(TSDBT_PG_\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
      clusterOfFile = env.TSDBT_PG_CLUSTER;
    }
    return { host: env.TSDBT_PG_HOST!, port: Number(env.TSDBT_PG_PORT), user: env.TSDBT_PG_USER!, password: env.TSDBT_PG_PASSWORD ?? '' };
  })();
  return serverOfFile;
}

/** `describe` with a fresh database on a real server, or a skipped describe when there is none. */
export function describePostgres(name: string, body: (server: () => PostgresServer) => void): void {
  if (!postgresAvailable) {
    describe.skip(`${name} [${SKIP_REASON}]`, () => body(() => undefined as never));
    return;
  }
  let server: PostgresServer | undefined;
  stopClusterAfterFile();
  describe(name, () => {
    beforeAll(async () => {
      const base = await fileServer();
      const dbname = `tsdbt_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      await adminQuery(base, 'postgres', `create database ${dbname}`);
      server = { ...base, dbname };
    }, 120_000);
    afterAll(async () => {
      if (server) await adminQuery(server, 'postgres', `drop database if exists ${server.dbname} with (force)`).catch(() => undefined);
    }, 60_000);
    body(() => {
      if (!server) throw new Error('the PostgreSQL server did not start');
      return server;
    });
  });
}

async function adminQuery(server: Admin, database: string, sql: string): Promise<void> {
  const client = new Client({ ...server, database });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Rows of `sql` in the test file's database. */
export async function queryPostgres(server: PostgresServer, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ host: server.host, port: server.port, user: server.user, password: server.password, database: server.dbname });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** profiles.yml text for `profile` pointing at the server; the password comes through env_var as users write it. */
export function postgresProfile(server: PostgresServer, profile: string, options: { schema?: string; threads?: number } = {}): string {
  process.env.TSDBT_TEST_PG_PASSWORD = server.password;
  return [
    `${profile}:`,
    `  target: pg`,
    `  outputs:`,
    `    pg:`,
    `      type: postgres`,
    `      host: ${server.host}`,
    `      port: ${server.port}`,
    `      user: ${server.user}`,
    `      pass: "{{ env_var('TSDBT_TEST_PG_PASSWORD') }}"`,
    `      dbname: ${server.dbname}`,
    `      schema: ${options.schema ?? 'analytics'}`,
    `      threads: ${options.threads ?? 4}`,
    '',
  ].join('\n');
}

/** Points the project in `dir` at the server by writing its profiles.yml. */
export function usePostgresProfile(dir: string, server: PostgresServer, profile: string, options?: { schema?: string; threads?: number }): void {
  writeFileSync(path.join(dir, 'profiles.yml'), postgresProfile(server, profile, options));
}
