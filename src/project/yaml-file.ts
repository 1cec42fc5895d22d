import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { ProjectError } from '../errors';
import { readTextFile } from './read-text';

/** A parsed YAML file that can say on which line any value of it starts. */
export interface YamlFile {
  file: string; // project-relative, for messages
  value: unknown;
  lineOf(path: (string | number)[]): number | undefined;
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
  };
}

export function readYaml(absPath: string, file: string): YamlFile {
  return parseYaml(readTextFile(absPath, file), file);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
