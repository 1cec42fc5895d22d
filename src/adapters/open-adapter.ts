import type { Target } from '../project/profile';
import type { Adapter } from './adapter';

/** Opens the target's warehouse with a pool of `threads` connections. Drivers load only when a command needs one. */
export async function openTargetAdapter(target: Target, threads: number): Promise<Adapter> {
  if (target.type === 'postgres') {
    const { openPostgresAdapter } = await import('./postgres/adapter');
    return openPostgresAdapter(target.postgres!, threads);
  }
  const { openAdapter } = await import('./duckdb/adapter');
  return openAdapter({ path: target.path, threads, settings: target.settings, extensions: target.extensions });
}
