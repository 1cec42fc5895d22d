import { existsSync } from 'node:fs';
import path from 'node:path';
import { ProjectError, didYouMean } from '../errors';
import { isPlainObject, readYaml, type YamlFile } from './yaml-file';

/** A selector of selectors.yml as --select/--exclude tokens: space-separated is union, comma-joined is intersection. */
export interface NamedSelection {
  select: string[];
  exclude: string[];
}

const FILE = 'selectors.yml';

/** The selector `name` of selectors.yml, or (no name) the one marked `default: true`; undefined when there is none. */
export function selectorFromFile(rootDir: string, name: string | undefined): NamedSelection | undefined {
  const file = path.join(rootDir, FILE);
  if (!existsSync(file)) {
    if (name) throw new ProjectError(`--selector ${name}: the project has no ${FILE}`, undefined, `define it under selectors: in ${FILE} at the project root`);
    return undefined;
  }
  const yaml = readYaml(file, FILE);
  const list = isPlainObject(yaml.value) ? yaml.value.selectors : undefined;
  if (!Array.isArray(list)) throw new ProjectError(`${FILE} must hold a list under \`selectors:\``, { file: FILE, line: 1 });
  const definitions = new Map<string, { definition: unknown; index: number }>();
  let fallback: string | undefined;
  list.forEach((entry, index) => {
    if (!isPlainObject(entry) || typeof entry.name !== 'string' || entry.definition === undefined) {
      throw new ProjectError('each selector needs a `name` and a `definition`', { file: FILE, line: yaml.lineOf(['selectors', index]) });
    }
    definitions.set(entry.name, { definition: entry.definition, index });
    if (entry.default === true) fallback = entry.name;
  });
  const chosen = name ?? fallback;
  if (chosen === undefined) return undefined;
  const found = definitions.get(chosen);
  if (!found) {
    throw new ProjectError(`no selector named '${chosen}' in ${FILE}`, { file: FILE, line: 1 }, didYouMean(chosen, [...definitions.keys()]) ?? undefined);
  }
  const reader = new DefinitionReader(yaml, definitions);
  return reader.read(found.definition, ['selectors', found.index, 'definition'], [chosen]);
}

class DefinitionReader {
  constructor(
    private readonly yaml: YamlFile,
    private readonly definitions: Map<string, { definition: unknown; index: number }>,
  ) {}

  read(definition: unknown, at: (string | number)[], seen: string[]): NamedSelection {
    if (typeof definition === 'string') return { select: definition.split(/\s+/).filter(Boolean), exclude: [] };
    if (!isPlainObject(definition)) throw this.error('a selector definition must be a string or a mapping', at);
    if (Array.isArray(definition.union)) return this.union(definition.union, [...at, 'union'], seen);
    if (Array.isArray(definition.intersection)) return this.intersection(definition.intersection, [...at, 'intersection'], seen);
    if ('method' in definition) return this.method(definition, at, seen);
    const [key] = Object.keys(definition);
    if (key !== undefined && Object.keys(definition).length === 1 && typeof definition[key] !== 'object') {
      // The short form `tag: nightly`.
      return this.method({ method: key, value: definition[key] }, at, seen);
    }
    throw this.error('a selector definition needs `method`, `union` or `intersection`', at);
  }

  private union(items: unknown[], at: (string | number)[], seen: string[]): NamedSelection {
    const out: NamedSelection = { select: [], exclude: [] };
    items.forEach((item, i) => {
      if (isPlainObject(item) && Array.isArray(item.exclude)) {
        item.exclude.forEach((e, j) => out.exclude.push(...this.read(e, [...at, i, 'exclude', j], seen).select));
        return;
      }
      const part = this.read(item, [...at, i], seen);
      out.select.push(...part.select);
      out.exclude.push(...part.exclude);
    });
    return out;
  }

  /** Intersection of unions, distributed: (a b),(c) -> a,c b,c. */
  private intersection(items: unknown[], at: (string | number)[], seen: string[]): NamedSelection {
    let select: string[] = [''];
    const exclude: string[] = [];
    items.forEach((item, i) => {
      const part = this.read(item, [...at, i], seen);
      select = select.flatMap((left) => part.select.map((right) => (left ? `${left},${right}` : right)));
      exclude.push(...part.exclude);
    });
    return { select, exclude };
  }

  private method(definition: Record<string, unknown>, at: (string | number)[], seen: string[]): NamedSelection {
    const method = String(definition.method);
    const value = String(definition.value ?? '');
    if (method === 'selector') {
      const other = this.definitions.get(value);
      if (!other) throw this.error(`no selector named '${value}'`, at);
      if (seen.includes(value)) throw this.error(`selectors refer to each other in a loop: ${[...seen, value].join(' -> ')}`, at);
      return this.read(other.definition, ['selectors', other.index, 'definition'], [...seen, value]);
    }
    let token = `${method}:${value}`;
    if (definition.childrens_parents === true) token = `@${token}`;
    else {
      const depth = (key: string) => (typeof definition[`${key}_depth`] === 'number' ? String(definition[`${key}_depth`]) : '');
      if (definition.parents === true) token = `${depth('parents')}+${token}`;
      if (definition.children === true) token = `${token}+${depth('children')}`;
    }
    const exclude = Array.isArray(definition.exclude) ? definition.exclude.flatMap((e, j) => this.read(e, [...at, 'exclude', j], seen).select) : [];
    return { select: [token], exclude };
  }

  private error(message: string, at: (string | number)[]): ProjectError {
    return new ProjectError(message, { file: FILE, line: this.yaml.lineOf(at) }, 'see dbt\'s "YAML selectors" for the syntax');
  }
}
