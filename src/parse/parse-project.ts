import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ErrorCollector, ProjectError, didYouMean } from '../errors';
import { allCycles } from '../graph/cycles';
import { Dag, formatCycle } from '../graph/dag';
import { BUILTIN_FILE_PREFIX, BUILTIN_MACRO_FILES } from '../jinja/builtin-macros';
import { installDbtContext, newInvocation, type InvocationContext } from '../jinja/context';
import { TemplateRenderer } from '../jinja/renderer';
import { templateCaches } from '../jinja/template-cache';
import { configFromTree, mergeConfig } from '../project/config';
import { profilesCandidates, resolveTarget, type Target } from '../project/profile';
import { loadProjectFile, type ProjectFile } from '../project/project-file';
import { emptyProperties, readProperties, type NodePatch, type Properties } from '../project/properties';
import type { Node, RefCall, ResourceType, SourceLocation } from '../project/types';
import { isPlainObject, readYaml } from '../project/yaml-file';
import { buildGenericTests } from './test-nodes';
import { addUnitTests } from '../unit-tests/build-nodes';
import { dependencyDag, type Manifest } from './manifest';
import { ParsedProject, type RenderServices } from './parsed-project';
import { ParseInputs } from './parse-inputs';
import { RelationNamer } from './naming';
import { exposureDict, groupDict, nodeDict, sourceDict } from './node-dict';
import { RenderCache } from './render-cache';
import { ModelVersionFiles } from './model-version-files';
import { RefLookup } from './ref-lookup';
import { semanticDicts } from './semantic-resources';
import { pythonModelCalls } from './python-model';
import { deprecationWarnings } from './model-deprecations';
import { versionFileName } from '../project/model-versions';
import { versionSuffix, versionedSearchName } from '../project/version-order';
import type { NodeFactory } from './node-factory';
import { ParseScope } from './parse-scope';
import { staticValueRenderer } from './static-scope';
import { addSnapshots } from './snapshots';
import { inferPrimaryKey } from './primary-key';
import { buildSources, findSource } from './sources';
import { renderDescriptions } from './descriptions';
import { registerMacros } from './macros';
import { checkRequiredDbtVersion } from '../project/dbt-version-check';
import { checkPackagesInstalled, listInstalledPackages } from '../project/packages';
import { readTextFile } from '../project/read-text';
import { buildGroups, checkGroupsAndAccess } from './access';
import { buildExposures } from './exposures';
import { buildSemanticLayer } from './semantic-layer';

export interface ParseOptions {
  projectDir: string;
  profilesDir?: string;
  /** --profile: a profile other than the one the project file names. */
  profileName?: string;
  targetName?: string;
  threads?: number;
  vars?: Record<string, unknown>;
  targetPath?: string;
  flags?: Record<string, unknown>;
  log?: InvocationContext['log'];
  /** The id of this invocation, shared with the reporter that prints parse-time logs; a new one when absent. */
  invocationId?: string;
  /** Reuse the parse kept in target/ when nothing it read has changed (--partial-parse, on unless false). */
  partialParse?: boolean;
  /** tsdbt's own debug lines (why a stored parse was not reused). */
  debug?: (message: string) => void;
}

const DEFAULT_MATERIALIZATION: Partial<Record<ResourceType, string>> = { model: 'view', seed: 'seed', test: 'test', analysis: 'view', snapshot: 'snapshot' };

/** What the first phase of a parse sets up: the project and its target, and a renderer that knows every macro. */
interface ParseStart {
  rootDir: string;
  project: ProjectFile;
  target: Target;
  renderer: TemplateRenderer;
  invocation: InvocationContext;
  renderValue: (text: string, file: string, packageName?: string) => unknown;
  /** The manifest so far: macros and docs. */
  manifest: Manifest;
  packages: { dir: string; project: ProjectFile }[];
  errors: ErrorCollector;
  inputs: ParseInputs;
}

/** The renderer and Jinja context of a project reloaded from target/, made only when something needs rendering. */
export function renderServices(options: ParseOptions, manifest: Manifest): RenderServices {
  const start = startParse(options, false);
  start.errors.throwIfAny();
  attachGraph(start.invocation, manifest);
  return { renderer: start.renderer, invocation: start.invocation };
}

/**
 * Reads the project file, resolves the target and registers every macro and docs block; `recording`: stamps what it
 * reads, for a parse that will be kept.
 */
function startParse(options: ParseOptions, recording = true): ParseStart {
  const rootDir = path.resolve(options.projectDir);
  const inputs = new ParseInputs(recording);
  const renderer = new TemplateRenderer();
  const invocation = newInvocation({
    cliVars: options.vars ?? {},
    invocationId: options.invocationId ?? randomUUID(),
    flags: options.flags ?? {},
    log: options.log ?? (() => undefined),
    envVarsRead: new Map(),
  });
  installDbtContext(renderer, invocation);
  const renderValue = staticValueRenderer(renderer);

  let resolved: Target | undefined;
  // The target is known before the project file's configs are rendered (`+materialized: "{{ ... target.name ... }}"`).
  const project = loadProjectFile(rootDir, renderValue, (unrendered) => {
    if (isPlainObject(unrendered.vars)) invocation.projectVars = unrendered.vars;
    if (typeof unrendered.name !== 'string') return;
    invocation.projectName = unrendered.name;
    resolved = invocation.target = resolveTarget({
      profileName: options.profileName ?? (typeof unrendered.profile === 'string' ? unrendered.profile : unrendered.name),
      projectName: unrendered.name,
      projectDir: rootDir,
      profilesDir: options.profilesDir,
      targetName: options.targetName,
      threads: options.threads,
      render: renderValue,
    });
  });
  inputs.note(path.join(rootDir, project.configFile));
  for (const file of profilesCandidates(rootDir, options.profilesDir)) inputs.note(file);
  for (const file of ['packages.yml', 'dependencies.yml']) inputs.note(path.join(rootDir, file));
  if (options.targetPath) project.targetPath = options.targetPath;
  renderer.useCache(templateCaches(path.resolve(rootDir, project.targetPath)));
  const target = resolved!;
  Object.assign(invocation, { projectName: project.name, target, projectVars: project.vars, dispatch: project.dispatch });

  const errors = new ErrorCollector();
  errors.attempt(() => checkRequiredDbtVersion(project, project.configFile, options.flags?.VERSION_CHECK));
  const manifest: Manifest = {
    project,
    target,
    nodes: new Map(),
    sources: new Map(),
    macros: new Map(),
    docs: new Map(),
    disabled: new Map(),
    dag: new Dag(),
    warnings: [],
  };

  // Macros: built-ins, then the root project's (which win), then installed packages' (under their namespace, and
  // unprefixed only where no other macro has the name).
  for (const [name, source] of Object.entries(BUILTIN_MACRO_FILES)) {
    for (const macro of renderer.registerMacroFile(source, `${BUILTIN_FILE_PREFIX}${name}`, 'dbt', 'global').macros) {
      const uniqueId = `macro.dbt.${macro.name}`;
      manifest.macros.set(uniqueId, {
        uniqueId,
        name: macro.name,
        packageName: 'dbt',
        originalFilePath: macro.file,
        line: macro.line,
        description: '',
        macroSql: macro.sql,
      });
    }
  }
  const { macroPaths, testPaths, docsPaths } = project;
  registerMacros(
    manifest,
    renderer,
    inputs,
    { packageName: project.name, dir: rootDir, displayPrefix: '', macroPaths, testPaths, docsPaths },
    'global',
    errors,
  );
  invocation.projects = new Map([[project.name, { version: project.version }]]);
  const packages: { dir: string; project: ProjectFile }[] = [];
  const installed = errors.attempt(() => listInstalledPackages(rootDir, project.packagesInstallPath)) ?? [];
  errors.attempt(() => checkPackagesInstalled(rootDir, project.packagesInstallPath, installed.length));
  for (const pkg of installed) {
    errors.attempt(() => {
      const pkgProject = loadProjectFile(pkg.dir, renderValue);
      inputs.note(path.join(pkg.dir, pkgProject.configFile));
      checkRequiredDbtVersion(
        pkgProject,
        path.posix.join(project.packagesInstallPath, path.basename(pkg.dir), pkgProject.configFile),
        options.flags?.VERSION_CHECK,
      );
      packages.push({ dir: path.posix.join(project.packagesInstallPath, path.basename(pkg.dir)), project: pkgProject });
      (invocation.packageVars ??= new Map()).set(pkg.name, pkgProject.vars);
      invocation.projects?.set(pkg.name, { version: pkgProject.version });
      (manifest.packages ??= []).push({ name: pkg.name, project: pkgProject, dir: path.posix.join(project.packagesInstallPath, path.basename(pkg.dir)) });
      const displayPrefix = path.posix.join(project.packagesInstallPath, path.basename(pkg.dir));
      registerMacros(
        manifest,
        renderer,
        inputs,
        {
          packageName: pkg.name,
          dir: pkg.dir,
          displayPrefix,
          macroPaths: pkgProject.macroPaths,
          testPaths: pkgProject.testPaths,
          docsPaths: pkgProject.docsPaths,
        },
        'global-unless-taken',
        errors,
      );
    });
  }
  for (const [name, doc] of manifest.docs) invocation.docs.set(name, doc.contents);
  return { rootDir, project, target, renderer, invocation, renderValue, manifest, packages, errors, inputs };
}

/**
 * Loads and parses a whole project: every file read once, every error collected and reported together; templates are
 * rendered where the render cache has no result for them. `inputs` is what it read.
 */
export function parseAll(options: ParseOptions): { parsed: ParsedProject; inputs: ParseInputs; invocation: InvocationContext } {
  const { rootDir, project, target, renderer, invocation, renderValue, manifest, packages, errors, inputs } = startParse(options);
  const files = (dirs: string[], pattern: string, ignore: string[] = []) => inputs.list(rootDir, dirs, pattern, ignore);

  // YAML properties.
  const properties = emptyProperties();
  const yamlDirs = (p: ProjectFile, base = '') =>
    [...p.modelPaths, ...p.seedPaths, ...p.snapshotPaths, ...p.analysisPaths, ...p.macroPaths].map((d) => path.posix.join(base, d));
  for (const file of files([...yamlDirs(project), ...packages.flatMap((pkg) => yamlDirs(pkg.project, pkg.dir))], '**/*.{yml,yaml}')) {
    const packageName = packages.find((pkg) => file.startsWith(`${pkg.dir}/`))?.project.name ?? project.name;
    errors.attempt(() =>
      readProperties(readYaml(path.join(rootDir, file), file), properties, errors, packageName, (text) => renderValue(text, file, packageName)),
    );
  }
  manifest.warnings.push(...properties.warnings);

  const namer = new RelationNamer(renderer, target, project.name);
  const builder = new NodeBuilder(manifest, renderer, namer, errors, properties);
  const renderCache = new RenderCache(manifest, options.vars ?? {});
  builder.renderCache = renderCache;

  // Every model file is listed first: which file defines a model version depends on which other files exist.
  const modelFiles = new Map<string, string[]>();
  for (const dir of [...project.modelPaths, ...packages.flatMap((pkg) => pkg.project.modelPaths.map((d) => path.posix.join(pkg.dir, d)))])
    modelFiles.set(dir, files([dir], '**/*.sql'));
  builder.versionFiles = new ModelVersionFiles(properties.models.values(), [...modelFiles.values()].flat());
  for (const dir of project.modelPaths) for (const file of modelFiles.get(dir)!) builder.addTemplated('model', dir, file);
  for (const dir of project.analysisPaths) for (const file of files([dir], '**/*.sql')) builder.addTemplated('analysis', dir, file);
  for (const dir of project.testPaths) for (const file of files([dir], '**/*.sql', [`${dir}/generic/**`])) builder.addTemplated('test', dir, file);
  for (const dir of project.seedPaths) for (const file of files([dir], '**/*.csv')) builder.addSeed(dir, file);
  // Installed packages' models and seeds, configured by their own project file and then by the root project's.
  for (const pkg of packages) {
    builder.inPackage(pkg.project, () => {
      for (const dir of pkg.project.modelPaths.map((d) => path.posix.join(pkg.dir, d)))
        for (const file of modelFiles.get(dir)!) builder.addTemplated('model', dir, file);
      for (const dir of pkg.project.seedPaths.map((d) => path.posix.join(pkg.dir, d))) for (const file of files([dir], '**/*.csv')) builder.addSeed(dir, file);
    });
  }
  addSnapshots(
    builder,
    project.snapshotPaths.flatMap((dir) => files([dir], '**/*.sql').map((file) => ({ dir, file }))),
    properties.snapshots,
    errors,
  );
  for (const dir of project.modelPaths) for (const file of files([dir], '**/*.py')) builder.addPython(dir, file);
  builder.reportUnmatchedPatches();

  buildSources(manifest, properties.sources, renderer, errors);
  buildGenericTests(manifest, properties, builder, errors);
  inferPrimaryKeys(manifest);
  addUnitTests(manifest, properties.unitTests, errors);
  renderDescriptions(manifest, renderer, errors);

  // Refs are checked even when some files failed, so that one run reports every error; refs to those files are not.
  resolveDependencies(manifest, errors, builder.unparsedNames);
  manifest.warnings.push(...deprecationWarnings(manifest));
  manifest.exposures = buildExposures(manifest, properties.exposures, errors);
  manifest.semanticLayer = buildSemanticLayer(manifest, properties, errors);
  checkGroupsAndAccess(manifest, properties.groups, errors);
  manifest.groups = buildGroups(properties.groups);
  buildDag(manifest, errors);
  errors.throwIfAny();
  attachGraph(invocation, manifest);
  const parsed = new ParsedProject(manifest, invocation.invocationId, () => ({ renderer, invocation }), renderCache);
  // The templates this parse compiled are kept even when the command renders nothing more (`parse`, `ls`).
  parsed.alsoSave(() => renderer.saveCache());
  return { parsed, inputs, invocation };
}

/** Creates nodes from files: fqn, config from the project file, YAML and the template, parse-time render. */
export class NodeBuilder implements NodeFactory {
  private readonly names = new Map<string, string>();
  private readonly usedPatches = new Set<NodePatch>();
  /** Names of files whose parse failed (their error is already reported). */
  readonly unparsedNames = new Set<string>();
  /** The installed package whose files are being added, or null for the root project. */
  private currentPackage: ProjectFile | null = null;
  /** Render results of unchanged templates from earlier runs (see RenderCache). */
  renderCache?: RenderCache;
  /** The model files that define versions of versioned models. */
  versionFiles?: ModelVersionFiles;

  constructor(
    readonly manifest: Manifest,
    readonly renderer: TemplateRenderer,
    readonly namer: RelationNamer,
    private readonly errors: ErrorCollector,
    private readonly properties: Properties,
  ) {}

  addTemplated(resourceType: 'model' | 'analysis' | 'test', resourceDir: string, file: string): void {
    const parsed = this.errors.attempt(() => {
      const rawCode = readTextFile(path.join(this.manifest.project.rootDir, file), file);
      const node = this.newNode(resourceType, resourceDir, file, rawCode);
      const scope = new ParseScope(node, this.manifest.target.database, this.manifest.target.schema);
      // A static template renders faster than its cache key is computed.
      const entry = this.renderer.isStatic(rawCode) ? undefined : this.renderCache?.parseEntry(node);
      const cached = entry?.record;
      if (cached) {
        node.refs = cached.refs;
        node.sourceCalls = cached.sourceCalls;
        node.dependsOn.macros = [...cached.macros];
        cached.configCalls.forEach((values) => scope.setConfig(values));
      } else {
        this.renderer.render(rawCode, file, scope);
        if (!scope.volatile) entry?.store({ configCalls: scope.configCalls, refs: node.refs, sourceCalls: node.sourceCalls, macros: node.dependsOn.macros });
      }
      node.config = scope.config;
      this.finish(node, scope);
      return true;
    });
    const fileName = path.posix.basename(file).replace(/\.[^.]+$/, '');
    if (!parsed) this.unparsedNames.add(this.versionFiles?.versionOf(fileName)?.name ?? fileName);
  }

  /**
   * A Python model: a node with its refs, sources and config found as dbt's parser finds them, so that the graph,
   * selection, docs and everything downstream see it. tsdbt does not run Python: building it fails with a message.
   */
  addPython(resourceDir: string, file: string): void {
    this.errors.attempt(() => {
      const rawCode = readTextFile(path.join(this.manifest.project.rootDir, file), file);
      const node = this.newNode('model', resourceDir, file, rawCode);
      node.language = 'python';
      const scope = new ParseScope(node, this.manifest.target.database, this.manifest.target.schema);
      // dbt's default for Python models: a table (a view cannot hold a dataframe).
      scope.setConfig({ materialized: node.config.materialized === 'view' ? 'table' : node.config.materialized });
      const calls = pythonModelCalls(rawCode, file);
      node.refs = calls.refs;
      node.sourceCalls = calls.sourceCalls;
      calls.configs.forEach((values) => scope.setConfig(values));
      node.config = scope.config;
      this.finish(node, scope);
    });
  }

  addSeed(resourceDir: string, file: string): void {
    this.errors.attempt(() => {
      const node = this.newNode('seed', resourceDir, file, '');
      node.seedFile = path.join(this.manifest.project.rootDir, file);
      this.finish(node, new ParseScope(node, this.manifest.target.database, this.manifest.target.schema));
    });
  }

  /** Adds a finished node, or files it under disabled. */
  finish(node: Node, scope: ParseScope): void {
    this.namer.assign(node, scope);
    if (node.config.enabled === false) {
      const list = this.manifest.disabled.get(node.uniqueId) ?? [];
      list.push(node);
      this.manifest.disabled.set(node.uniqueId, list);
      return;
    }
    // Tests are not refs' targets: as in dbt, two of the same name clash only when their unique_ids do.
    const key = node.resourceType === 'test' ? `test:${node.uniqueId}` : node.version === undefined ? node.name : versionedSearchName(node.name, node.version);
    const clash = this.names.get(key);
    if (clash && node.resourceType !== 'analysis') {
      throw new ProjectError(
        `two resources are named '${node.name}': ${clash} and ${node.originalFilePath}`,
        { file: node.originalFilePath, line: 1 },
        'rename one of the files, or disable one with enabled: false (refs are by name and must be unambiguous)',
      );
    }
    if (node.resourceType !== 'analysis') this.names.set(key, node.originalFilePath);
    this.manifest.nodes.set(node.uniqueId, node);
  }

  /** Adds the files of an installed package: nodes named and configured as that package's. */
  inPackage(pkg: ProjectFile, add: () => void): void {
    this.currentPackage = pkg;
    try {
      add();
    } finally {
      this.currentPackage = null;
    }
  }

  newNode(resourceType: ResourceType, resourceDir: string, file: string, rawCode: string): Node {
    const root = this.manifest.project;
    const project = this.currentPackage ?? root;
    const relative = path.posix.relative(resourceDir.replace(/\\/g, '/').replace(/\/$/, ''), file);
    const fileName = path.posix.basename(relative).replace(/\.[^.]+$/, '');
    const dirs = path.posix.dirname(relative) === '.' ? [] : path.posix.dirname(relative).split('/');
    // A file that defines a model version is a node named after the model, its fqn and unique_id ending in the version.
    const versionPatch = resourceType === 'model' ? this.versionPatchFor(fileName) : undefined;
    const version = versionPatch?.version;
    const name = versionPatch?.name ?? fileName;
    const fqn =
      resourceType === 'analysis' ? [project.name, 'analysis', ...dirs, name] : [project.name, ...dirs, name, ...(version ? [versionSuffix(version.v)] : [])];
    const tree = { model: 'models', seed: 'seeds', test: 'tests', analysis: 'analyses', snapshot: 'snapshots' }[
      resourceType as 'model'
    ] as keyof typeof project.configTrees;
    const patch = versionPatch ?? this.patchFor(resourceType, name);
    let config = mergeConfig(
      { enabled: true, materialized: DEFAULT_MATERIALIZATION[resourceType], tags: [], meta: {} },
      configFromTree(project.configTrees[tree] ?? {}, fqn),
    );
    if (project !== root) config = mergeConfig(config, configFromTree(root.configTrees[tree] ?? {}, fqn));
    if (resourceType === 'test') config = mergeConfig(config, { severity: 'ERROR', ...singularTestDefaults(config) });
    if (patch) config = mergeConfig(config, patch.config);
    const uniqueId = `${resourceType}.${project.name}.${name}${version ? `.${versionSuffix(version.v)}` : ''}`;
    const node: Node = {
      uniqueId,
      resourceType,
      packageName: project.name,
      name,
      path: relative,
      originalFilePath: file,
      rawCode,
      fqn,
      config,
      description: patch?.description ?? '',
      columns: patch?.columns ?? {},
      refs: [],
      sourceCalls: [],
      dependsOn: { nodes: [], macros: [] },
      database: '',
      schema: '',
      alias: name,
      patchPath: patch ? patch.location.file : undefined,
    };
    if (version) Object.assign(node, { version: version.v, latestVersion: version.latest });
    if (resourceType === 'model' && patch?.deprecationDate) node.deprecationDate = patch.deprecationDate;
    if (resourceType === 'model' && patch?.constraints) node.constraints = patch.constraints;
    if (resourceType === 'model' && patch?.timeSpine) node.timeSpine = patch.timeSpine;
    return node;
  }

  private versionPatchFor(fileName: string): NodePatch | undefined {
    const patch = this.versionFiles?.versionOf(fileName);
    if (patch) this.usedPatches.add(patch).add(this.properties.models.get(patch.name)!);
    return patch;
  }

  patchFor(resourceType: ResourceType, name: string): NodePatch | undefined {
    const map = { model: this.properties.models, seed: this.properties.seeds, snapshot: this.properties.snapshots, analysis: this.properties.analyses }[
      resourceType as 'model'
    ];
    const patch = map?.get(name);
    if (patch) this.usedPatches.add(patch);
    return patch;
  }

  /** A properties entry for a resource that does not exist is a warning in dbt; keep it so. */
  reportUnmatchedPatches(): void {
    const kinds: [string, Map<string, NodePatch>][] = [
      ['model', this.properties.models],
      ['seed', this.properties.seeds],
      ['snapshot', this.properties.snapshots],
      ['analysis', this.properties.analyses],
    ];
    for (const [kind, map] of kinds) {
      for (const patch of map.values()) {
        if (patch.versions) {
          // dbt's warning for a version whose file was not found (NoNodeForYamlKey).
          for (const version of patch.versions.filter((v) => !this.usedPatches.has(v))) {
            this.manifest.warnings.push(
              `${version.location.file}:${version.location.line ?? 1}: Did not find matching node for patch with name '${versionFileName(patch.name, version.version!)}' in the 'models' section of file '${version.location.file}' (version ${version.version!.v} of model '${patch.name}': no file ${versionFileName(patch.name, version.version!)}.sql)`,
            );
          }
        } else if (!this.usedPatches.has(patch)) {
          this.manifest.warnings.push(
            `${patch.location.file}:${patch.location.line ?? 1}: properties for the ${kind} '${patch.name}', which does not exist (no matching file)`,
          );
        }
      }
    }
  }
}

function singularTestDefaults(config: Record<string, unknown>): Record<string, unknown> {
  return typeof config.severity === 'string' ? { severity: config.severity.toUpperCase() } : {};
}

function lineOfCall(rawCode: string, needle: string): number | undefined {
  const index = rawCode.search(new RegExp(`['"]${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`));
  return index < 0 ? undefined : rawCode.slice(0, index).split('\n').length;
}

/** Turns recorded ref()/source() calls into edges, reporting unknown names with the nearest ones. */
function resolveDependencies(manifest: Manifest, errors: ErrorCollector, unparsedNames: ReadonlySet<string>): void {
  const lookup = new RefLookup(manifest.nodes.values(), manifest.project.name);
  const disabledNames = new Set([...manifest.disabled.values()].flat().map((n) => n.name));

  for (const node of manifest.nodes.values()) {
    const parents = new Set<string>(node.dependsOn.nodes);
    for (const ref of node.refs) {
      const target = lookup.find(ref, node.packageName);
      if (target) {
        parents.add(target.uniqueId);
        continue;
      }
      if (unparsedNames.has(ref.name)) continue;
      if (node.testMetadata) {
        // dbt disables a generic test whose arguments refer to a missing model, with a warning.
        manifest.warnings.push(`${node.patchPath}: test '${node.name}' refers to '${ref.name}', which was not found; the test is disabled`);
        disableNode(manifest, node);
        break;
      }
      const where = {
        file: node.patchPath && node.resourceType === 'test' && node.testMetadata ? node.patchPath : node.originalFilePath,
        line: lineOfCall(node.rawCode, ref.name),
      };
      if (ref.version !== undefined && ref.version !== null) {
        errors.add(unknownVersionError(node, ref, where, manifest));
      } else if (disabledNames.has(ref.name)) {
        errors.add(
          new ProjectError(`${node.resourceType} '${node.name}' depends on '${ref.name}', which is disabled`, where, `enable '${ref.name}' or remove the ref`),
        );
      } else {
        errors.add(
          new ProjectError(
            `${node.resourceType} '${node.name}' refers to '${ref.name}', which was not found`,
            where,
            didYouMean(
              ref.name,
              lookup.names().filter((name) => name !== node.name),
            ) ?? 'check the name: refs name a model, seed or snapshot',
          ),
        );
      }
    }
    for (const [sourceName, tableName] of node.sourceCalls) {
      const source = findSource(manifest, sourceName, tableName, node.packageName);
      if (source) {
        parents.add(source.uniqueId);
        continue;
      }
      errors.add(
        new ProjectError(
          `${node.resourceType} '${node.name}' refers to source '${sourceName}.${tableName}', which was not found`,
          { file: node.originalFilePath, line: lineOfCall(node.rawCode, tableName) },
          didYouMean(
            `${sourceName}.${tableName}`,
            [...manifest.sources.values()].map((s) => `${s.sourceName}.${s.name}`),
          ) ?? 'declare it under `sources:` in a YAML file',
        ),
      );
    }
    node.dependsOn.nodes = [...parents];
  }
}

/** dbt's error for `ref(name, v=...)` naming a version that does not exist, with the versions that do. */
function unknownVersionError(node: Node, ref: RefCall, where: SourceLocation, manifest: Manifest): ProjectError {
  const versions = [...manifest.nodes.values()]
    .filter((n) => n.resourceType === 'model' && n.name === ref.name && n.version !== undefined && (!ref.package || n.packageName === ref.package))
    .map((n) => String(n.version));
  return new ProjectError(
    `${node.resourceType} '${node.uniqueId}' (${node.originalFilePath}) depends on a node named '${ref.name}' with version '${ref.version}' ${ref.package ? `in package or project '${ref.package}' ` : ''}which was not found`,
    where,
    versions.length > 0 ? `'${ref.name}' has the versions ${versions.join(', ')}` : `'${ref.name}' has no versions: remove v=`,
  );
}

/** Every model's `primary_key`, from its constraints and the generic tests attached to it (disabled ones too). */
function inferPrimaryKeys(manifest: Manifest): void {
  const testsOf = new Map<string, Node[]>();
  for (const test of [...manifest.nodes.values(), ...[...manifest.disabled.values()].flat()]) {
    if (test.resourceType === 'test' && test.attachedNode) testsOf.set(test.attachedNode, [...(testsOf.get(test.attachedNode) ?? []), test]);
  }
  for (const node of manifest.nodes.values()) if (node.resourceType === 'model') node.primaryKey = inferPrimaryKey(node, testsOf.get(node.uniqueId) ?? []);
}

function disableNode(manifest: Manifest, node: Node): void {
  manifest.nodes.delete(node.uniqueId);
  manifest.disabled.set(node.uniqueId, [...(manifest.disabled.get(node.uniqueId) ?? []), node]);
}

function buildDag(manifest: Manifest, errors: ErrorCollector): void {
  const dag = (manifest.dag = dependencyDag(manifest));
  if (!dag.findCycle()) return;
  for (const cycle of allCycles(dag)) {
    const names = cycle.map((id) => manifest.nodes.get(id)?.name ?? id);
    // `cycle` repeats its first node last; the edge from the node before that into the first is a ref in the first file.
    const first = manifest.nodes.get(cycle[0]);
    const where = first ? { file: first.originalFilePath, line: lineOfCall(first.rawCode, names[names.length - 2]) } : undefined;
    errors.add(new ProjectError(`found a cycle: ${formatCycle(names)}`, where, 'remove one of these refs so that the models form a DAG'));
  }
}

/** The `graph` context variable: nodes, sources, exposures, groups and the semantic layer as manifest.json has them, built once per invocation. */
function attachGraph(invocation: InvocationContext, manifest: Manifest): void {
  let graph: Record<string, unknown> | undefined;
  invocation.graph = () => (graph ??= graphContext(manifest));
}

function graphContext(manifest: Manifest): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  for (const node of manifest.nodes.values()) if (node.resourceType !== 'unit_test') nodes[node.uniqueId] = nodeDict(node);
  const sources: Record<string, unknown> = {};
  for (const source of manifest.sources.values()) sources[source.uniqueId] = sourceDict(source);
  const exposures: Record<string, unknown> = {};
  for (const exposure of manifest.exposures?.values() ?? []) exposures[exposure.uniqueId] = exposureDict(exposure);
  const groups: Record<string, unknown> = {};
  for (const group of manifest.groups?.values() ?? []) groups[group.uniqueId] = groupDict(group);
  const layer = manifest.semanticLayer;
  return {
    nodes,
    sources,
    exposures,
    metrics: semanticDicts(layer?.metrics),
    groups,
    semantic_models: semanticDicts(layer?.semanticModels),
    saved_queries: semanticDicts(layer?.savedQueries),
  };
}
