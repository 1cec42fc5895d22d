import * as path from 'node:path';
import { fnmatch, hasWildcard, pathGlobMatch } from './glob';
import { compareVersions, sameVersion } from '../project/version-order';
import { isManifestNode, SELECTABLE_RESOURCE_TYPES, type SelectableNode } from './selectable-node';
import { SelectorSyntaxError } from './selector-error';
import type { SelectionCriterion, SelectorMethodName } from './selector-spec';

type Matcher = (node: SelectableNode, value: string, criterion: SelectionCriterion) => boolean;

/** Ids of the nodes a criterion names by its method and value, before graph operators. */
export function matchCriterion(criterion: SelectionCriterion, nodes: readonly SelectableNode[], projectRoot?: string): Set<string> {
  validateValue(criterion);
  checkPreviousStateLoaded(criterion, nodes);
  const matcher = criterion.method === 'path' ? pathMatcher(criterion.value, projectRoot) : MATCHERS[criterion.method];
  const matched = new Set<string>();
  for (const node of nodes) if (matcher(node, criterion.value, criterion)) matched.add(node.uniqueId);
  return matched;
}

const MATCHERS: Record<Exclude<SelectorMethodName, 'path'>, Matcher> = {
  fqn: (node, value) => (isManifestNode(node) || node.resourceType === 'unit_test') && qualifiedNameMatches(node.fqn, value, node.version !== undefined),
  tag: (node, value) => node.tags.some((tag) => fnmatch(tag, value)),
  group: (node, value) => isManifestNode(node) && node.config.group === value,
  // dbt models are 'protected' unless configured otherwise.
  access: (node, value) => node.resourceType === 'model' && (node.config.access ?? 'protected') === value,
  source: sourceMatches,
  file: (node, value) => {
    const fileName = node.originalFilePath.slice(node.originalFilePath.lastIndexOf('/') + 1);
    return fnmatch(fileName, value) || fnmatch(stemOf(fileName), value);
  },
  package: (node, value) => fnmatch(node.packageName, value),
  config: configMatches,
  test_name: (node, value) =>
    node.testName !== undefined && (fnmatch(node.testName, value) || fnmatch(node.testName.slice(node.testName.lastIndexOf('.') + 1), value)),
  test_type: testTypeMatches,
  resource_type: (node, value) => node.resourceType === value,
  state: stateMatches,
  result: (node, value) => node.result === value,
  exposure: (node, value) => node.resourceType === 'exposure' && packageAndNameMatch(node, value),
  version: versionMatches,
  unit_test: (node, value) =>
    node.resourceType === 'unit_test' &&
    ((!value.includes('.') && fnmatch(node.name, value)) ||
      (value.split('.').length === 2 && packageAndNameMatch(node, value)) ||
      qualifiedNameMatches(node.fqn, value)),
};

/**
 * dbt's name matching: the last fqn part, or a dotted prefix of the fqn, with or without the package. A model
 * version (fqn ending `[..., name, 'v2']`) matches its model's name, and `name.v2` or `name_v2`.
 */
export function qualifiedNameMatches(fqn: string[], selector: string, versioned = false): boolean {
  return fqnMatches(fqn, selector, versioned) || fqnMatches(fqn.slice(1), selector, versioned);
}

function fqnMatches(fqn: string[], selector: string, versioned: boolean): boolean {
  if (fqn.length === 0) return false;
  if (versioned && fqn.length >= 2) {
    if (fqn[fqn.length - 2] === selector) return true;
    if (fqn.slice(-2).join('_') === selector.split('.').slice(-2).join('_')) return true;
  } else if (fqn[fqn.length - 1] === selector) return true;
  // Dots inside a part (a model named 'a.b') count as separators too.
  const flat = fqn.flatMap((part) => part.split('.'));
  const selectorParts = selector.split('.');
  if (flat.length < selectorParts.length) return false;
  for (let i = 0; i < selectorParts.length; i++) {
    if (hasWildcard(selectorParts[i])) {
      return fnmatch(flat.slice(i).join('.'), selectorParts.slice(i).join('.'));
    }
    if (flat[i] !== selectorParts[i]) return false;
  }
  return true;
}

function sourceMatches(node: SelectableNode, value: string): boolean {
  if (node.resourceType !== 'source') return false;
  const parts = value.split('.');
  const [packageName, sourceName, tableName] = parts.length === 3 ? parts : ['*', parts[0], parts[1] ?? '*'];
  return fnmatch(node.packageName, packageName) && fnmatch(node.sourceName ?? '', sourceName) && fnmatch(node.name, tableName);
}

function packageAndNameMatch(node: SelectableNode, value: string): boolean {
  const parts = value.split('.');
  const [packageName, name] = parts.length === 2 ? parts : ['*', parts[0]];
  return fnmatch(node.packageName, packageName) && fnmatch(node.name, name);
}

/**
 * The value of `config.<key>[.<key>...]` equals the selector (strings compare exactly, as in dbt;
 * `severity` ignores case), contains it when a list, or `true`/`false` name a boolean.
 */
function configMatches(node: SelectableNode, value: string, criterion: SelectionCriterion): boolean {
  if (!isManifestNode(node) && node.resourceType !== 'source') return false;
  let configured: unknown = node.config;
  for (const key of criterion.methodArguments) {
    if (configured === null || typeof configured !== 'object' || !(key in configured)) return false;
    configured = (configured as Record<string, unknown>)[key];
  }
  const ignoreCase = criterion.methodArguments.length === 1 && criterion.methodArguments[0] === 'severity';
  const lowered = value.toLowerCase();
  const equals = (candidate: unknown): boolean =>
    (typeof candidate === 'string' && (ignoreCase ? candidate.toLowerCase() === lowered : candidate === value)) ||
    (lowered === 'true' && candidate === true) ||
    (lowered === 'false' && candidate === false);
  return Array.isArray(configured) ? configured.some(equals) : equals(configured);
}

/** `version:latest|prerelease|old|none`: a model by where its version stands against the model's latest. */
const VERSION_KINDS: Record<string, (node: SelectableNode) => boolean> = {
  latest: (node) => node.version !== undefined && sameVersion(node.version, node.latestVersion),
  prerelease: (node) => node.version !== undefined && node.latestVersion !== undefined && compareVersions(node.version, node.latestVersion) > 0,
  old: (node) => node.version !== undefined && node.latestVersion !== undefined && compareVersions(node.version, node.latestVersion) < 0,
  none: (node) => node.version === undefined,
};

function versionMatches(node: SelectableNode, value: string): boolean {
  return node.resourceType === 'model' && VERSION_KINDS[value](node);
}

const TEST_TYPES: Record<string, (node: SelectableNode) => boolean> = {
  generic: (node) => node.resourceType === 'test' && node.testType === 'generic',
  singular: (node) => node.resourceType === 'test' && node.testType === 'singular',
  unit: (node) => node.resourceType === 'unit_test' || node.testType === 'unit',
};
// Older names dbt still accepts: 'schema' tests became generic; 'data' now means every data test.
TEST_TYPES.schema = TEST_TYPES.generic;
TEST_TYPES.data = (node) => TEST_TYPES.generic(node) || TEST_TYPES.singular(node);

function testTypeMatches(node: SelectableNode, value: string): boolean {
  return TEST_TYPES[value](node);
}

const STATE_CHECKS = [
  'new',
  'old',
  'modified',
  'unmodified',
  'modified.body',
  'modified.configs',
  'modified.persisted_descriptions',
  'modified.relation',
  'modified.macros',
  'modified.contract',
];

function stateMatches(node: SelectableNode, value: string): boolean {
  const state = node.state ?? {};
  if (value === 'old') return state.new !== true;
  if (value === 'unmodified') return state.modified !== true;
  return state[value] === true;
}

/** Values a method accepts, so a typo fails loudly even when no node could match. */
function validateValue({ method, value }: SelectionCriterion): void {
  const expect = (allowed: boolean, what: string): void => {
    if (!allowed) throw new SelectorSyntaxError(`Invalid selector "${method}:${value}": ${what}.`);
  };
  const parts = value.split('.').length;
  if (method === 'source') {
    expect(parts <= 3, 'write source:<source>, source:<source>.<table> or source:<package>.<source>.<table>');
  } else if (method === 'exposure') {
    expect(parts <= 2, 'write exposure:<name> or exposure:<package>.<name>');
  } else if (method === 'test_type') {
    expect(Object.hasOwn(TEST_TYPES, value), `expected one of ${Object.keys(TEST_TYPES).join(', ')}`);
  } else if (method === 'resource_type') {
    expect((SELECTABLE_RESOURCE_TYPES as readonly string[]).includes(value), `expected one of ${SELECTABLE_RESOURCE_TYPES.join(', ')}`);
  } else if (method === 'version') {
    expect(Object.hasOwn(VERSION_KINDS, value), 'expected one of: "latest", "prerelease", "old", or "none"');
  } else if (method === 'state') {
    expect(STATE_CHECKS.includes(value), `expected one of ${STATE_CHECKS.join(', ')}`);
  }
}

function checkPreviousStateLoaded(criterion: SelectionCriterion, nodes: readonly SelectableNode[]): void {
  if (criterion.method === 'state' && !nodes.some((node) => node.state !== undefined)) {
    throw new SelectorSyntaxError(`Selector "${criterion.raw}" compares with a previous run: pass --state <folder holding that run's manifest.json>.`);
  }
  if (criterion.method === 'result' && !nodes.some((node) => node.result !== undefined)) {
    throw new SelectorSyntaxError(`Selector "${criterion.raw}" needs a previous run's results: pass --state <folder holding run_results.json>.`);
  }
}

/**
 * `path:` selects files and everything under folders matching a glob relative to the project root
 * (an absolute path inside the project works too), including nodes whose YAML properties live there.
 */
function pathMatcher(selector: string, projectRoot?: string): Matcher {
  const pattern = normalizePathSelector(selector, projectRoot);
  if (pattern === '') return () => true;
  return (node) => {
    const candidates = [node.originalFilePath, ...folderPrefixes(node.originalFilePath)];
    if (node.patchPath) candidates.push(node.patchPath);
    return candidates.some((candidate) => pathGlobMatch(candidate, pattern));
  };
}

function normalizePathSelector(selector: string, projectRoot?: string): string {
  let pattern = selector.replace(/\\/g, '/');
  if (projectRoot && path.isAbsolute(selector)) {
    pattern = path.relative(projectRoot, selector).replace(/\\/g, '/');
  }
  return pattern
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

/** 'models/staging/a.sql' → ['models', 'models/staging']. */
function folderPrefixes(filePath: string): string[] {
  const parts = filePath.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Python's Path.stem: the file name without its last extension. */
function stemOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}
