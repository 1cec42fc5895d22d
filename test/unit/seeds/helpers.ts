import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAdapter } from '../../../src/adapters/duckdb/adapter';
import type { Adapter, Connection, Relation } from '../../../src/adapters/adapter';
import { loadSeed, type SeedLoadOptions, type SeedLoadResult } from '../../../src/seeds';

/** A fresh file database in a temp folder, with a helper to write CSVs and load them as seeds. */
export interface SeedWorld {
  dir: string;
  adapter: Adapter;
  conn: Connection;
  relation(identifier: string, schema?: string): Relation;
  write(name: string, content: string): string;
  load(name: string, content: string | undefined, options?: Partial<SeedLoadOptions>): Promise<SeedLoadResult>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  types(identifier: string, schema?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function seedWorld(): Promise<SeedWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-seeds-'));
  const adapter = await openAdapter({ path: join(dir, 'warehouse.duckdb'), threads: 1 });
  const conn = await adapter.acquire();
  const relation = (identifier: string, schema = 'main'): Relation => ({ database: adapter.database, schema, identifier });
  const write = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  return {
    dir,
    adapter,
    conn,
    relation,
    write,
    load: (name, content, options = {}) => {
      const csvPath = content === undefined ? join(dir, name) : write(name, content);
      const identifier = name.replace(/\.csv$/, '');
      return loadSeed(conn, adapter.dialect, {
        csvPath,
        relation: relation(identifier),
        fileLabel: `seeds/${name}`,
        ...options,
      });
    },
    rows: async (sql) => (await conn.query(sql)).rows,
    types: async (identifier, schema = 'main') =>
      Object.fromEntries((await conn.getColumns(relation(identifier, schema))).map((c) => [c.name, c.dataType])),
    close: async () => {
      adapter.release(conn);
      await adapter.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
