import path from 'node:path';
import type { NodePatch } from '../project/properties';
import { versionFileName } from '../project/model-versions';
import { sameVersion } from '../project/version-order';

/**
 * Which model files define a version of a versioned model, as dbt decides: the version's `defined_in` file, else
 * `<model>_v<v>`; the latest version may instead live in `<model>.sql` when its own file does not exist.
 */
export class ModelVersionFiles {
  private readonly byFileName = new Map<string, NodePatch>();

  constructor(models: Iterable<NodePatch>, modelFiles: string[]) {
    const names = new Set(modelFiles.map((file) => path.posix.basename(file).replace(/\.[^.]+$/, '')));
    for (const model of models) {
      for (const version of model.versions ?? []) {
        const fileName = versionFileName(model.name, version.version!);
        if (names.has(fileName)) this.byFileName.set(fileName, version);
        else if (sameVersion(version.version!.v, version.version!.latest) && names.has(model.name)) this.byFileName.set(model.name, version);
      }
    }
  }

  /** The properties of the version the file (name without extension) defines, if it defines one. */
  versionOf(fileName: string): NodePatch | undefined {
    return this.byFileName.get(fileName);
  }
}
