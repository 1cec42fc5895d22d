import { sameVersion, versionSuffix } from '../project/version-order';
import { ProjectError, didYouMean, type ErrorCollector } from '../errors';
import type { Manifest } from '../parse/manifest';
import { configFromTree, mergeConfig } from '../project/config';
import type { Node } from '../project/types';
import { describeTarget, type UnitTestSpec } from './spec';

/**
 * Unit tests become nodes attached to the model they test (a child of it in the project graph, so that selecting the
 * model selects its unit tests); execution reverses that edge so that they run before the model.
 */
export function addUnitTests(manifest: Manifest, specs: UnitTestSpec[], errors: ErrorCollector): void {
  const models = new Map<string, Node[]>();
  for (const node of manifest.nodes.values()) if (node.resourceType === 'model') models.set(node.name, [...(models.get(node.name) ?? []), node]);
  const disabledModels = new Set(
    [...manifest.disabled.values()]
      .flat()
      .filter((n) => n.resourceType === 'model')
      .map((n) => n.name),
  );
  for (const spec of specs) {
    errors.attempt(() => {
      const found = models.get(spec.model);
      if (!found) {
        if (disabledModels.has(spec.model)) return;
        throw new ProjectError(
          `unit test '${spec.name}' tests the model '${spec.model}', which was not found`,
          spec.location,
          didYouMean(spec.model, models.keys()) ?? 'set `model:` to the name of a model',
        );
      }
      for (const model of modelsToTest(spec, found)) addUnitTest(manifest, spec, model);
    });
  }
}

/** The model a unit test tests; for a versioned model, each version `versions:` keeps (every one by default), as dbt does. */
function modelsToTest(spec: UnitTestSpec, models: Node[]): Node[] {
  const { include, exclude } = spec.versions ?? {};
  const versions = models.filter((model) => model.version !== undefined);
  if (versions.length === 0) {
    if (include || exclude) {
      throw new ProjectError(
        `Unit test '${spec.name}' should not have a versions include or exclude when referencing non-versioned model '${spec.model}'`,
        spec.location,
        'remove `versions:`',
      );
    }
    return models.slice(-1);
  }
  const listed = (list: (string | number)[], model: Node) => list.some((v) => sameVersion(v, model.version));
  const kept = versions.filter((model) => (exclude ? !listed(exclude, model) : include ? listed(include, model) : true));
  if (kept.length === 0) {
    throw new ProjectError(
      `Unit test '${spec.name}' referenced a version of '${spec.model}' which was not found.`,
      spec.location,
      `'${spec.model}' has the versions ${versions.map((model) => String(model.version)).join(', ')}`,
    );
  }
  return kept;
}

function addUnitTest(manifest: Manifest, spec: UnitTestSpec, model: Node): void {
  const project = manifest.project;
  checkInputs(spec, model);
  const fqn = [...model.fqn, spec.name];
  const config = mergeConfig(
    mergeConfig({ enabled: true, materialized: 'unit', tags: [], meta: {} }, configFromTree(project.configTrees.unit_tests ?? {}, fqn)),
    spec.config,
  );
  if (config.enabled === false) return;
  const uniqueId = `unit_test.${project.name}.${model.name}.${spec.name}${model.version === undefined ? '' : `_${versionSuffix(model.version)}`}`;
  if (manifest.nodes.has(uniqueId)) {
    throw new ProjectError(
      `the unit test '${spec.name}' of model '${model.name}' is defined twice`,
      spec.location,
      'give each unit test of a model its own name',
    );
  }
  manifest.nodes.set(uniqueId, {
    uniqueId,
    resourceType: 'unit_test',
    packageName: project.name,
    name: spec.name,
    path: spec.location.file,
    originalFilePath: spec.location.file,
    rawCode: '',
    fqn,
    config,
    description: spec.description,
    columns: {},
    refs: [],
    sourceCalls: [],
    dependsOn: { nodes: [model.uniqueId], macros: [] },
    database: model.database,
    schema: model.schema,
    alias: spec.name,
    patchPath: spec.location.file,
    attachedNode: model.uniqueId,
    unitTest: spec,
    ...(model.version === undefined ? {} : { version: model.version }),
  });
}

/** Every given input must be something the model reads: otherwise it is a typo that would silently test nothing. */
function checkInputs(spec: UnitTestSpec, model: Node): void {
  for (const given of spec.given) {
    const target = given.target;
    const known =
      target.kind === 'this' ||
      (target.kind === 'ref' && model.refs.some((r) => r.name === target.name)) ||
      (target.kind === 'source' && model.sourceCalls.some(([s, t]) => s === target.sourceName && t === target.tableName));
    if (known) continue;
    const reads = [...model.refs.map((r) => `ref('${r.name}')`), ...model.sourceCalls.map(([s, t]) => `source('${s}', '${t}')`)];
    throw new ProjectError(
      `unit test '${spec.name}' gives ${describeTarget(target)}, which model '${model.name}' does not read`,
      given.location,
      reads.length ? `the model reads ${reads.join(', ')}` : `model '${model.name}' reads no refs or sources; remove the input`,
    );
  }
}
