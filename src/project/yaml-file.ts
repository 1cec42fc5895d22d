import { LineCounter, parse, parseDocument, isMap, isNode, isScalar, Scalar, type Document, type SchemaOptions, type ScalarTag, type Tags } from 'yaml';
import { ProjectError } from '../errors';
import { PyFloat } from '../jinja/compat/python-values';
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
  const doc: Document = parseDocument(text, { ...PYTHON_NUMBERS, lineCounter, uniqueKeys: true, prettyErrors: false });
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

/** A YAML float read as a whole number: it stays a float, as Python's loader keeps it, so that Jinja prints `1.0`. */
class WholeFloat extends Scalar {
  toJSON(): unknown {
    return typeof this.value === 'number' && Number.isInteger(this.value) ? new PyFloat(this.value) : this.value;
  }
}

function keepingFloats(tag: ScalarTag): ScalarTag {
  if (tag.tag !== 'tag:yaml.org,2002:float' || !tag.resolve) return tag;
  const resolve = tag.resolve.bind(tag);
  return {
    ...tag,
    resolve(...args) {
      const resolved = resolve(...args);
      if (isScalar(resolved)) return Object.assign(new WholeFloat(resolved.value), resolved);
      return new WholeFloat(resolved);
    },
  };
}

/** Parse options under which whole floats (`1.0`, `2e3`) load as PyFloat rather than as JS integers. */
export const PYTHON_NUMBERS: SchemaOptions = {
  customTags: (tags: Tags) =>
    tags.map((tag) => (typeof tag === 'object' && 'resolve' in tag && !('collection' in tag) ? keepingFloats(tag as ScalarTag) : tag)),
};

/** One YAML text to JS, floats kept as floats (the --vars flag, Jinja's fromyaml). */
export function parseYamlValue(text: string): unknown {
  return parse(text, PYTHON_NUMBERS);
}

export function readYaml(absPath: string, file: string): YamlFile {
  return parseYaml(readTextFile(absPath, file), file);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PyFloat);
}
