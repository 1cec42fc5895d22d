import path from 'node:path';
import type { ProjectFile } from '../project/project-file';
import type { Manifest } from './manifest';

/*
 * Resources declared in a properties file (sources, generic tests) take the file's folders into their fqn, as dbt
 * does, so that project-file config such as `sources: my_project: staging: +enabled: false` reaches them.
 */

/** The file's path inside the project or installed package that declares it. */
function inPackage(manifest: Manifest, file: string): { project: ProjectFile; file: string } {
  const pkg = manifest.packages?.find((p) => file.startsWith(`${p.dir}/`));
  return pkg ? { project: pkg.project, file: file.slice(pkg.dir.length + 1) } : { project: manifest.project, file };
}

/** A source's fqn folders: the YAML file's folders below the resource path it was found in (`models/staging/x.yml` -> staging). */
export function sourceFqnDirs(manifest: Manifest, yamlFile: string): string[] {
  const { project, file } = inPackage(manifest, yamlFile);
  const searchDirs = [...project.modelPaths, ...project.seedPaths, ...project.snapshotPaths, ...project.analysisPaths, ...project.macroPaths];
  const base = searchDirs.map((d) => d.replace(/\/$/, '')).find((d) => file.startsWith(`${d}/`));
  return base === undefined ? folders(file, 1) : folders(file.slice(base.length + 1), 0);
}

/** A generic test's fqn folders: dbt drops the first folder of its YAML file's path (the resource path) and the file name. */
export function genericTestFqnDirs(manifest: Manifest, yamlFile: string): string[] {
  return folders(inPackage(manifest, yamlFile).file, 1);
}

function folders(file: string, skip: number): string[] {
  const dir = path.posix.dirname(file);
  return dir === '.' ? [] : dir.split('/').slice(skip);
}
