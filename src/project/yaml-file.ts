import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from 'yaml';
import { ProjectError } from '../errors';
import { readTextFile } from './read-text';

/** A parsed YAML file that can say on which line any value of it starts. */
export interface YamlFile {
  file: string; // project-relative, for messages
  value: unknown;
  lineOf(path: (string | number)[]): number | undefined;
  /** The line of the key that ends `path` (lineOf gives its value's, which may start on a later line). */
  keyLineOf(path: (string | number)[]): number | undefined;
}

export function parseYaml(text: string, file: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? lineCounter.linePos(problem.pos[0]).line;
    throw new ProjectError(`invalid YAML: ${problem.message.split('\n')[0]}`, { file, line }, 'fix the YAML syntax (indentation, colons, quotes) at that line');
  }
  return {
    file,
    value: doc.toJS({ maxAliasCount: -1 }),
    lineOf(path) {
      const node = doc.getIn(path, true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      return undefined;
    },
    keyLineOf(path) {
      const parent = path.length === 0 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]) : undefined;
      const key = pair?.key;
      if (isNode(key) && key.range) return lineCounter.linePos(key.range[0]).line;
      return this.lineOf(path);
    },
  };
}

export function readYaml(absPath: string, file: string): YamlFile {
  return parseYaml(readTextFile(absPath, file), file);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
