import type { DuckDBInstance } from '@duckdb/node-api';
import { WarehouseError, type Adapter, type AdapterOptions, type Connection, type Dialect } from '../adapter';
import { Pool } from '../pool';
import { PooledAdapter } from '../pooled-adapter';
import { DuckDBWarehouseConnection } from './connection';
import { duckdbDialect } from './dialect';
import { toWarehouseError } from './errors';
import { leaseInstance, type InstanceLease } from './instances';

/**
 * Without requested extensions DuckDB must not reach for the network behind the user's back:
 * unknown functions then fail fast instead of downloading an extension.
 */
function instanceConfig(options: AdapterOptions): Record<string, string> {
  const config: Record<string, string> = {};
  if (!options.extensions || options.extensions.length === 0) {
    config.autoinstall_known_extensions = 'false';
    config.autoload_known_extensions = 'false';
  }
  for (const [name, value] of Object.entries(options.settings ?? {})) config[name] = String(value);
  return config;
}

/** Built-in extensions load directly; others are installed first (which needs the network). */
async function loadExtensions(instance: DuckDBInstance, extensions: string[]): Promise<void> {
  if (extensions.length === 0) return;
  const connection = await instance.connect();
  try {
    for (const extension of extensions) {
      const name = duckdbDialect.literal(extension);
      try {
        await connection.run(`LOAD ${name}`);
      } catch {
        try {
          await connection.run(`INSTALL ${name}; LOAD ${name}`);
        } catch (error) {
          const cause = toWarehouseError(error);
          throw new WarehouseError(
            `Could not load DuckDB extension '${extension}': ${cause.message}\n` +
              'Check the extension name in the profile, or install it once with network access.',
            cause.kind,
          );
        }
      }
    }
  } finally {
    connection.closeSync();
  }
}

class DuckDBAdapter extends PooledAdapter {
  readonly type = 'duckdb';
  readonly dialect: Dialect = duckdbDialect;

  constructor(
    database: string,
    private readonly lease: InstanceLease,
    pool: Pool<Connection>,
  ) {
    super(database, pool);
  }

  protected afterClose(): void {
    this.lease.release();
  }
}

export async function openAdapter(options: AdapterOptions): Promise<Adapter> {
  const lease = await leaseInstance(options.path, instanceConfig(options), (instance) => loadExtensions(instance, options.extensions ?? []));
  let pool: Pool<Connection> | undefined;
  try {
    pool = new Pool<Connection>(
      options.threads,
      async () => new DuckDBWarehouseConnection(await lease.instance.connect()),
      (connection) => connection.close(),
    );
    const connection = await pool.acquire();
    const { rows } = await connection.query('SELECT current_database() AS name');
    pool.release(connection);
    return new DuckDBAdapter(String(rows[0].name), lease, pool);
  } catch (error) {
    pool?.close();
    lease.release();
    throw error;
  }
}
