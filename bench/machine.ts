import os from 'node:os';
import path from 'node:path';

export interface MachineInfo {
  cpus: string;
  memory: string;
  os: string;
  node: string;
  /** Other work on the machine skews timings; recorded so readers can judge. */
  loadAverage: string;
  versions: Record<string, string>;
}

function packageVersion(repoRoot: string, name: string): string {
  try {
    return (require(path.join(repoRoot, 'node_modules', name, 'package.json')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function describeMachine(repoRoot: string): MachineInfo {
  const cpus = os.cpus();
  const tsdbt = (require(path.join(repoRoot, 'package.json')) as { version: string }).version;
  return {
    cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    memory: `${Math.round(os.totalmem() / 1024 ** 3)} GB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(', '),
    versions: {
      tsdbt,
      '@duckdb/node-api': packageVersion(repoRoot, '@duckdb/node-api'),
      nunjucks: packageVersion(repoRoot, 'nunjucks'),
    },
  };
}
