import { hubBaseUrl } from '../../deps/hub-client';
import { runDeps } from '../../deps/run-deps';
import { loadProjectFile } from '../../project/project-file';
import { DBT_VERSION } from '../../version';
import type { Invocation } from '../invocation';
import { parseVars } from '../options';

/** `deps`: resolves packages.yml / dependencies.yml, writes package-lock.yml and installs the packages. */
export async function depsCommand(invocation: Invocation): Promise<number> {
  const { flags, reporter, projectDir } = invocation;
  const project = loadProjectFile(projectDir, (text) => text);
  await runDeps({
    rootDir: projectDir,
    projectName: project.name,
    installPath: project.packagesInstallPath,
    cliVars: parseVars(flags.str('vars')),
    upgrade: flags.bool('upgrade'),
    lockOnly: flags.bool('lock'),
    addPackage: flags.str('add_package'),
    source: flags.str('source') ?? 'hub',
    hubUrl: hubBaseUrl(),
    dbtVersion: DBT_VERSION,
    report: { info: (m) => reporter.info(m), warn: (m) => reporter.warn(m) },
  });
  return 0;
}
