import { ProjectError, didYouMean, type ErrorCollector } from '../errors';
import { configFromTree, mergeConfig } from '../project/config';
import type { TestSpec } from '../project/column-properties';
import type { NodePatch, Properties } from '../project/properties';
import type { ModelVersionId, Node } from '../project/types';
import { versionSuffix } from '../project/version-order';
import { callsInArgs, genericTestHash, genericTestName, testTypeOf } from './generic-tests';
import type { Manifest } from './manifest';
import type { NodeFactory } from './node-factory';
import { ParseScope } from './parse-scope';
import { genericTestFqnDirs } from './properties-fqn';
import { sourceId } from './sources';

interface Attachment {
  uniqueId: string;
  targetName: string; // the model name, or `<source>_<table>`
  fqnDirs: string[];
  refName?: string;
  refVersion?: ModelVersionId;
  source?: [string, string];
}

/** Generic tests declared in YAML become test nodes named, configured and attached as dbt does. */
export function buildGenericTests(manifest: Manifest, properties: Properties, builder: NodeFactory, errors: ErrorCollector): void {
  const project = manifest.project;
  const attachToNode = (kind: string, patch: NodePatch) => {
    // A versioned model's tests are each version's; a version whose file is missing was already warned about.
    if (patch.versions) {
      for (const version of patch.versions) attachToNode(kind, version);
      return;
    }
    const v = patch.version?.v;
    // A properties entry describes the root project's node of that name, else an installed package's.
    const uniqueId = `${kind}.${project.name}.${patch.name}${v === undefined ? '' : `.${versionSuffix(v)}`}`;
    const node =
      manifest.nodes.get(uniqueId) ??
      [...manifest.nodes.values()].find((n) => n.resourceType === kind && n.name === patch.name && String(n.version) === String(v));
    if (!node) {
      if (v !== undefined) return;
      if (!manifest.disabled.has(uniqueId) && patch.tests.length > 0) {
        manifest.warnings.push(
          `${patch.location.file}:${patch.location.line ?? 1}: ${patch.tests.length} test(s) on the ${kind} '${patch.name}', which does not exist; the tests are disabled`,
        );
      }
      return;
    }
    for (const spec of patch.tests) {
      errors.attempt(() =>
        addTest(manifest, builder, spec, {
          uniqueId: node.uniqueId,
          // dbt names a version's tests after `<model>_v<version>`.
          targetName: v === undefined ? node.name : `${node.name}_${versionSuffix(v)}`,
          fqnDirs: genericTestFqnDirs(manifest, patch.location.file),
          refName: node.name,
          refVersion: v,
        }),
      );
    }
  };
  for (const patch of properties.models.values()) attachToNode('model', patch);
  for (const patch of properties.seeds.values()) attachToNode('seed', patch);
  for (const patch of properties.snapshots.values()) attachToNode('snapshot', patch);
  for (const patch of properties.sources) {
    const uniqueId = sourceId(patch);
    if (!manifest.sources.has(uniqueId)) continue;
    for (const spec of patch.tests) {
      errors.attempt(() =>
        addTest(manifest, builder, spec, {
          uniqueId,
          targetName: `${patch.sourceName}_${patch.tableName}`,
          fqnDirs: genericTestFqnDirs(manifest, patch.location.file),
          source: [patch.sourceName, patch.tableName],
        }),
      );
    }
  }
}

/** The `model` argument dbt gives a generic test, part of its unique_id's hash. */
function modelArgument(attached: Attachment): string {
  const target = attached.source
    ? `source('${attached.source[0]}', '${attached.source[1]}')`
    : attached.refVersion === undefined
      ? `ref('${attached.refName}')`
      : `ref('${attached.refName}', version='${String(attached.refVersion)}')`;
  return `{{ get_where_subquery(${target}) }}`;
}

function addTest(manifest: Manifest, builder: NodeFactory, spec: TestSpec, attached: Attachment): void {
  const project = manifest.project;
  const { macroName, namespace, typeName } = testTypeOf(spec, attached.source !== undefined);
  const { renderer } = builder;
  const macro = namespace ? renderer.lookupMacro(namespace, `test_${macroName}`) : renderer.hasGlobalMacro(`test_${macroName}`);
  if (!macro) {
    const known = [...manifest.macros.values(), ...['unique', 'not_null', 'accepted_values', 'relationships'].map((name) => ({ name: `test_${name}` }))]
      .filter((m) => m.name.startsWith('test_'))
      .map((m) => m.name.slice(5));
    throw new ProjectError(
      `unknown generic test '${spec.testName}'`,
      spec.location,
      didYouMean(macroName, known) ?? 'define it with {% test name(model, column_name) %} in macros/ or tests/generic/',
    );
  }
  const args: Record<string, unknown> = { ...spec.args };
  if (spec.columnName !== undefined) args.column_name = spec.columnName;
  const { name: synthesized, fullName } = genericTestName(typeName, attached.targetName, args);
  // dbt names the node (unique_id, fqn, logs) by the full name; only the compiled file takes the shortened one
  const name = spec.customName ?? fullName;
  const fqn = [project.name, ...attached.fqnDirs, name];
  const hash = genericTestHash(name, { name: macroName, namespace, kwargs: args }, modelArgument(attached));
  const configDefaults = { enabled: true, materialized: 'test', severity: 'ERROR', tags: [], meta: {} };
  let config = mergeConfig(mergeConfig(configDefaults, configFromTree(project.configTrees.tests, fqn)), spec.config);
  if (typeof config.severity === 'string') config = { ...config, severity: config.severity.toUpperCase() };

  const { refs, sources } = callsInArgs(spec.args);
  const node: Node = {
    uniqueId: `test.${project.name}.${name}.${hash}`,
    resourceType: 'test',
    packageName: project.name,
    name,
    path: `${spec.customName ?? synthesized}.sql`,
    originalFilePath: spec.location.file,
    rawCode: `{{ ${namespace ? `${namespace}.` : ''}test_${macroName}(**_dbt_generic_test_kwargs) }}`,
    fqn,
    config,
    description: '',
    columns: {},
    refs: [
      ...(attached.refName ? [attached.refVersion === undefined ? { name: attached.refName } : { name: attached.refName, version: attached.refVersion }] : []),
      ...refs,
    ],
    sourceCalls: [...(attached.source ? [attached.source] : []), ...sources],
    dependsOn: { nodes: [], macros: [`macro.${namespace ?? 'dbt'}.test_${macroName}`] },
    database: '',
    schema: '',
    alias: name,
    patchPath: spec.location.file,
    testMetadata: { name: macroName, namespace, kwargs: args },
    attachedNode: attached.uniqueId,
    columnName: spec.columnName,
  };
  if (manifest.nodes.has(node.uniqueId)) {
    throw new ProjectError(`the test '${name}' is defined twice on the same resource`, spec.location, 'remove the duplicate, or give one a distinct `name:`');
  }
  builder.finish(node, new ParseScope(node, manifest.target.database, manifest.target.schema));
}
