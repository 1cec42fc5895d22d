import path from 'node:path';
import type { ErrorCollector } from '../errors';
import type { MacroVisibility, TemplateRenderer } from '../jinja/renderer';
import type { Manifest } from './manifest';
import type { ParseInputs } from './parse-inputs';
import { readTextFile } from '../project/read-text';

export interface MacroSourceSet {
  packageName: string;
  /** Folder the package lives in; files are read relative to it. */
  dir: string;
  /** Shown in messages and the manifest, relative to the root project ('' for the root project itself). */
  displayPrefix: string;
  macroPaths: string[];
  testPaths: string[];
  docsPaths: string[];
}

/** Registers a package's macros (macro-paths and tests/generic) and its docs blocks. */
export function registerMacros(
  manifest: Manifest,
  renderer: TemplateRenderer,
  inputs: ParseInputs,
  set: MacroSourceSet,
  visibility: MacroVisibility,
  errors: ErrorCollector,
): void {
  const display = (file: string) => (set.displayPrefix ? path.posix.join(set.displayPrefix, file) : file);
  const macroFiles = [...inputs.list(set.dir, set.macroPaths, '**/*.sql'), ...inputs.list(set.dir, set.testPaths, 'generic/**/*.sql')];
  for (const file of macroFiles) {
    errors.attempt(() => {
      const { macros, blocks } = renderer.registerMacroFile(readTextFile(path.join(set.dir, file), display(file)), display(file), set.packageName, visibility);
      for (const macro of macros) {
        const uniqueId = `macro.${set.packageName}.${macro.name}`;
        manifest.macros.set(uniqueId, {
          uniqueId,
          name: macro.name,
          packageName: set.packageName,
          originalFilePath: display(file),
          line: macro.line,
          description: '',
          macroSql: macro.sql,
        });
      }
      for (const [name, doc] of blocks.docs)
        manifest.docs.set(name, { name, packageName: set.packageName, contents: doc.contents, originalFilePath: display(file) });
    });
  }
  for (const file of inputs.list(set.dir, set.docsPaths, '**/*.md')) {
    errors.attempt(() => {
      const { docs } = renderer.registerMacroFile(readTextFile(path.join(set.dir, file), display(file)), display(file), set.packageName, 'namespaced').blocks;
      for (const [name, doc] of docs) manifest.docs.set(name, { name, packageName: set.packageName, contents: doc.contents, originalFilePath: display(file) });
    });
  }
}
