import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { GlobalOptions } from '../options';
import { hubBaseUrl } from '../../deps/hub-client';
import { runDeps } from '../../deps/run-deps';
import { loadProjectFile } from '../../project/project-file';
import { ConsoleReporter } from '../../report/console';
import { DBT_VERSION } from '../../version';

export interface DepsFlags {
  upgrade?: boolean;
  lock?: boolean;
  addPackage?: string;
  source?: string;
}

/** `deps`: resolves packages.yml / dependencies.yml, writes package-lock.yml and installs the packages. */
export async function depsCommand(options: GlobalOptions, flags: DepsFlags, io: { out: (line: string) => void; color: boolean }): Promise<number> {
  const rootDir = path.resolve(options.projectDir);
  const project = loadProjectFile(rootDir, (text) => text);
  const reporter = new ConsoleReporter({ format: options.logFormat, quiet: options.quiet, color: io.color, invocationId: randomUUID(), write: io.out });
  await runDeps({
    rootDir,
    projectName: project.name,
    installPath: project.packagesInstallPath,
    cliVars: options.vars,
    upgrade: !!flags.upgrade,
    lockOnly: !!flags.lock,
    addPackage: flags.addPackage,
    source: flags.source ?? 'hub',
    hubUrl: hubBaseUrl(),
    dbtVersion: DBT_VERSION,
    report: { info: (m) => reporter.info(m), warn: (m) => reporter.warn(m) },
  });
  return 0;
}
