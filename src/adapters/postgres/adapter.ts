import { Client, types, type ClientConfig } from 'pg';
import type { ConnectionOptions } from 'node:tls';
import type { Adapter, Connection, Dialect } from '../adapter';
import { WarehouseError } from '../adapter';
import { Pool } from '../pool';
import { PooledAdapter } from '../pooled-adapter';
import type { PostgresCredentials } from '../../project/profile';
import { PostgresWarehouseConnection } from './connection';
import { postgresDialect } from './dialect';
import { connectionError } from './errors';
import { parserFor } from './results';

/**
 * libpq's sslmode in node-postgres terms. 'prefer' and 'allow' (libpq tries both) connect without TLS here: the
 * driver cannot fall back, and a server without TLS is the common case for them.
 */
function sslOf(sslmode: string | undefined): boolean | ConnectionOptions {
  switch (sslmode) {
    case undefined:
    case 'disable':
    case 'allow':
    case 'prefer':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
    case 'verify-full':
      return { rejectUnauthorized: true };
    default:
      throw new WarehouseError(`Unknown sslmode '${sslmode}': use disable, prefer, require, verify-ca or verify-full`, 'Connection Error');
  }
}

function clientConfig(credentials: PostgresCredentials): ClientConfig {
  return {
    host: credentials.host,
    port: credentials.port,
    user: credentials.user,
    password: credentials.password,
    database: credentials.dbname,
    application_name: credentials.applicationName,
    connectionTimeoutMillis: credentials.connectTimeout * 1000,
    keepAlive: credentials.keepalivesIdle > 0,
    keepAliveInitialDelayMillis: credentials.keepalivesIdle * 1000,
    ssl: sslOf(credentials.sslmode),
    types: { getTypeParser: ((oid: number, format?: string) => parserFor(oid) ?? defaultParser(oid, format)) as never },
  };
}

function defaultParser(oid: number, format?: string): unknown {
  return types.getTypeParser(oid, (format ?? 'text') as 'text');
}

/** Network hiccups are worth another attempt (dbt-postgres' `retries`); refused logins and missing databases are not. */
function retryable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN' || code === '57P03' || code === 'ECONNREFUSED';
}

/** The statement running in backend `pid` fails with "canceling statement due to user request". */
async function cancelBackend(credentials: PostgresCredentials, pid: number): Promise<void> {
  const client = new Client(clientConfig(credentials));
  try {
    await client.connect();
    await client.query('SELECT pg_cancel_backend($1)', [pid]);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function connect(credentials: PostgresCredentials): Promise<PostgresWarehouseConnection> {
  for (let attempt = 0; ; attempt++) {
    const client = new Client(clientConfig(credentials));
    try {
      await client.connect();
      const pid = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      const connection = new PostgresWarehouseConnection(client, () => cancelBackend(credentials, pid));
      if (credentials.role) await connection.execute(`SET ROLE ${postgresDialect.quote(credentials.role)}`);
      if (credentials.searchPath) await connection.execute(`SET search_path TO ${credentials.searchPath}`);
      return connection;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (error instanceof WarehouseError) throw error;
      if (attempt < credentials.retries && retryable(error)) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      throw connectionError(error, credentials);
    }
  }
}

class PostgresAdapter extends PooledAdapter {
  readonly type = 'postgres';
  readonly dialect: Dialect = postgresDialect;
}

/** A pool of `threads` connections to the server; the first is opened now, so a bad profile fails before any work. */
export async function openPostgresAdapter(credentials: PostgresCredentials, threads: number): Promise<Adapter> {
  const pool = new Pool<Connection>(
    threads,
    () => connect(credentials),
    (connection) => connection.close(),
  );
  try {
    const connection = await pool.acquire();
    pool.release(connection);
    return new PostgresAdapter(credentials.dbname, pool);
  } catch (error) {
    pool.close();
    throw error;
  }
}
