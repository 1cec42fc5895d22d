import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openError } from './errors';

const IN_MEMORY = ':memory:';

interface SharedInstance {
  ready: Promise<DuckDBInstance>;
  /** Counted before `ready` settles, so a release racing an open never closes a leased instance. */
  users: number;
}

/**
 * Two DuckDBInstances on one file inside one process silently diverge, so every adapter on a
 * file shares one instance, keyed by absolute path. Concurrent opens wait for the same instance
 * instead of racing to create two.
 */
const sharedByPath = new Map<string, SharedInstance>();

export interface InstanceLease {
  instance: DuckDBInstance;
  release(): void;
}

/** One-time work on a new instance (loading extensions); a failure closes it again. */
export type InstanceSetup = (instance: DuckDBInstance) => Promise<void>;

function databaseKey(path: string): string {
  return path === IN_MEMORY ? IN_MEMORY : resolve(path);
}

async function create(path: string, config: Record<string, string>, setup: InstanceSetup): Promise<DuckDBInstance> {
  if (path !== IN_MEMORY) mkdirSync(dirname(path), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, config);
  } catch (error) {
    throw openError(error, path);
  }
  try {
    await setup(instance);
  } catch (error) {
    instance.closeSync();
    throw error;
  }
  return instance;
}

/** Settings only apply when the instance is created; later leases share the first one's. */
export async function leaseInstance(path: string, config: Record<string, string>, setup: InstanceSetup): Promise<InstanceLease> {
  const key = databaseKey(path);
  if (key === IN_MEMORY) {
    // Each ':memory:' open is its own database, as in DuckDB itself: nothing to share.
    const instance = await create(key, config, setup);
    return { instance, release: () => instance.closeSync() };
  }

  let shared = sharedByPath.get(key);
  if (!shared) {
    shared = { ready: create(key, config, setup), users: 0 };
    sharedByPath.set(key, shared);
  }
  const entry = shared;
  entry.users += 1;

  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    entry.users -= 1;
    if (entry.users > 0) return;
    if (sharedByPath.get(key) === entry) sharedByPath.delete(key);
    entry.ready.then(
      (instance) => instance.closeSync(),
      () => undefined,
    );
  };

  try {
    return { instance: await entry.ready, release };
  } catch (error) {
    release();
    throw error;
  }
}
