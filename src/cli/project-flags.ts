import path from 'node:path';
import { findProjectFile } from '../project/project-file';
import { isPlainObject, readYaml } from '../project/yaml-file';

/**
 * `flags:` of the project file, read before anything else (they set the log format and level of the whole run). No
 * project file, or no `flags:`: none; the project's own errors are reported when it is parsed.
 */
export function readProjectFlags(projectDir: unknown): Record<string, unknown> {
  const dir = path.resolve(typeof projectDir === 'string' ? projectDir : process.cwd());
  const file = findProjectFile(dir);
  if (!file) return {};
  try {
    const yaml = readYaml(path.join(dir, file), file);
    return isPlainObject(yaml.value) && isPlainObject(yaml.value.flags) ? yaml.value.flags : {};
  } catch {
    return {};
  }
}
