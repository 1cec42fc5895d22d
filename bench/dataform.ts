/**
 * The Dataform peer: its CLI installed with npm into a folder of the bench's work area (never a
 * dependency of tsdbt), and a SQLX project equivalent to a synthetic dbt project: same DAG, same
 * SQL, macros as JavaScript includes, generic tests as built-in assertions, seeds as declarations.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SyntheticModel } from './generate-project';

export interface DataformInstall {
  bin: string;
  coreModules: string;
  cliVersion: string;
  coreVersion: string;
}

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Installs @dataform/cli and @dataform/core once under `folder`; throws with npm's output when that fails. */
export function installDataform(folder: string): DataformInstall {
  const cliDir = path.join(folder, 'cli');
  const coreDir = path.join(folder, 'core');
  for (const [dir, pkg] of [
    [cliDir, '@dataform/cli'],
    [coreDir, '@dataform/core'],
  ] as const) {
    if (existsSync(path.join(dir, 'node_modules', pkg, 'package.json'))) continue;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"private": true}\n');
    try {
      execFileSync(NPM, ['install', '--no-audit', '--no-fund', '--ignore-scripts', pkg], { cwd: dir, stdio: 'pipe', timeout: 300_000 });
    } catch (error) {
      const output = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n').slice(-5).join(' ') ?? String(error);
      throw new Error(`npm install ${pkg} failed: ${output}`);
    }
  }
  const versionOf = (dir: string, pkg: string) => (require(path.join(dir, 'node_modules', pkg, 'package.json')) as { version: string }).version;
  return {
    bin: path.join(cliDir, 'node_modules', '@dataform', 'cli', 'bundle.js'),
    coreModules: path.join(coreDir, 'node_modules'),
    cliVersion: versionOf(cliDir, '@dataform/cli'),
    coreVersion: versionOf(coreDir, '@dataform/core'),
  };
}

/** Writes the SQLX twin of `models` into a fresh `dir`, resolving @dataform/core from `core.modules` (installed once). */
export function writeSqlxProject(dir: string, models: SyntheticModel[], seeds: string[], core: { modules: string; version: string }): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'definitions'), { recursive: true });
  mkdirSync(path.join(dir, 'includes'), { recursive: true });
  // A copy, not a symlink: Dataform's sandbox refuses modules whose real path leaves the project.
  cpSync(core.modules, path.join(dir, 'node_modules'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { '@dataform/core': core.version } }) + '\n');
  writeFileSync(
    path.join(dir, 'workflow_settings.yaml'),
    'defaultProject: bench\ndefaultLocation: US\ndefaultDataset: main\ndefaultAssertionDataset: main_assertions\n',
  );
  writeFileSync(path.join(dir, 'includes', 'macros.js'), MACROS_JS);
  for (const seed of seeds) writeFileSync(path.join(dir, 'definitions', `${seed}.sqlx`), `config { type: "declaration", name: "${seed}" }\n`);
  for (const model of models) {
    const folder = path.join(dir, 'definitions', `layer_${String(model.layer).padStart(4, '0')}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `${model.name}.sqlx`), sqlx(model));
  }
}

const MACROS_JS = `function scaled(column, factor) { return \`round(\${column} * \${factor}, 2)\`; }
function bucket(column) { return \`case when \${column} < 100 then 'small' when \${column} < 1000 then 'medium' else 'large' end\`; }
function safe_label(column) { return \`coalesce(nullif(trim(\${column}), ''), 'unknown')\`; }
module.exports = { scaled, bucket, safe_label };
`;

/** Dataform 3 dropped `inline` (its ephemeral); a view keeps the same SQL and refs. */
const TYPES = { table: 'table', view: 'view', ephemeral: 'view' } as const;

function sqlx(model: SyntheticModel): string {
  const type = TYPES[model.materialized];
  const assertions = model.tested ? `, assertions: { uniqueKey: ["id"], nonNull: ["id"] }` : '';
  const [first, ...others] = model.parents;
  const amount = ['p0.amount', ...others.map((_, i) => `coalesce(p${i + 1}.amount, 0)`)].join(' + ');
  return [
    `config { type: "${type}"${assertions} }`,
    `-- layer ${model.layer}`,
    `select`,
    `    p0.id,`,
    `    \${macros.safe_label("p0.category")} as category,`,
    `    \${macros.scaled("(${amount})", ${(model.layer % 3) + 1})} / ${model.parents.length} as amount,`,
    `    \${macros.bucket("p0.amount")} as size`,
    `from \${ref("${first}")} as p0`,
    ...others.map((parent, i) => `left join \${ref("${parent}")} as p${i + 1} on p${i + 1}.id = p0.id`),
    '',
  ].join('\n');
}
