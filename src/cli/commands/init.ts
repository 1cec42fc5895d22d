import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, parseDocument } from 'yaml';
import { ProjectError } from '../../errors';
import { findProjectFile } from '../../project/project-file';
import { isPlainObject, readYaml } from '../../project/yaml-file';
import type { Invocation } from '../invocation';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The starter project: dbt's layout, one example model pair with tests, and a .gitignore for what runs leave behind. */
function starterFiles(name: string): Record<string, string> {
  return {
    'dbt_project.yml': [
      `name: ${name}`,
      "version: '1.0.0'",
      `profile: ${name}`,
      '',
      'model-paths: ["models"]',
      'analysis-paths: ["analyses"]',
      'test-paths: ["tests"]',
      'seed-paths: ["seeds"]',
      'macro-paths: ["macros"]',
      'snapshot-paths: ["snapshots"]',
      '',
      'clean-targets:',
      '  - "target"',
      '  - "dbt_packages"',
      '',
      'models:',
      `  ${name}:`,
      '    example:',
      '      +materialized: view',
      '',
    ].join('\n'),
    'models/example/first_model.sql': "{{ config(materialized='table') }}\n\nselect 1 as id\nunion all\nselect 2 as id\n",
    'models/example/second_model.sql': "select id, id * 10 as amount\nfrom {{ ref('first_model') }}\n",
    'models/example/schema.yml': [
      'version: 2',
      '',
      'models:',
      '  - name: first_model',
      '    description: "A starter table model"',
      '    columns:',
      '      - name: id',
      '        data_tests: [unique, not_null]',
      '  - name: second_model',
      '    description: "A view on first_model"',
      '    columns:',
      '      - name: id',
      '        data_tests: [unique, not_null]',
      '',
    ].join('\n'),
    'analyses/.gitkeep': '',
    'macros/.gitkeep': '',
    'seeds/.gitkeep': '',
    'snapshots/.gitkeep': '',
    'tests/.gitkeep': '',
    '.gitignore': 'target/\ndbt_packages/\nlogs/\n*.duckdb\n*.duckdb.wal\n',
    'README.md': `# ${name}\n\nA dbt project. Try:\n\n- tsdbt build\n- tsdbt ls\n- tsdbt show --select second_model\n`,
  };
}

/**
 * `init [project_name]`: a new project folder from the starter, and a DuckDB profile in profiles.yml (the --profiles-dir
 * folder, else ~/.dbt). Inside an existing project only the profile is set up. On a terminal it asks, offering the
 * defaults; otherwise it takes the arguments and flags as given.
 */
export async function initCommand(invocation: Invocation): Promise<number> {
  const { flags, reporter, io } = invocation;
  const ask = io.ask ?? (async (_question: string, fallback: string) => fallback);
  const cwd = invocation.projectDir;
  const existing = findProjectFile(cwd);
  let name: string;
  let projectDir: string;
  if (existing) {
    const yaml = readYaml(path.join(cwd, existing), existing);
    const profile = isPlainObject(yaml.value) ? (yaml.value.profile ?? yaml.value.name) : undefined;
    name = String(profile);
    projectDir = cwd;
    reporter.info(`A project already exists here (${existing}); setting up its profile '${name}'.`);
  } else {
    name = invocation.args[0] ?? (io.ask ? await ask('Enter a name for your project (letters, digits, underscore)', 'my_project') : '');
    if (!name) throw new ProjectError('init needs a project name', undefined, 'run tsdbt init <project_name>');
    if (!NAME.test(name))
      throw new ProjectError(`'${name}' is not a valid project name`, undefined, 'use letters, digits and underscores, starting with a letter');
    projectDir = path.join(cwd, name);
    if (existsSync(projectDir))
      throw new ProjectError(`a folder named ${name} already exists here`, undefined, 'choose another name, or run tsdbt init inside that folder');
    for (const [file, text] of Object.entries(starterFiles(name))) {
      mkdirSync(path.dirname(path.join(projectDir, file)), { recursive: true });
      writeFileSync(path.join(projectDir, file), text);
    }
    reporter.info(`Your new dbt project "${name}" was created in ${path.relative(process.cwd(), projectDir) || '.'}`, 'ProjectCreated');
  }
  if (flags.bool('skip_profile_setup')) return 0;

  const profilesDir = path.resolve(flags.str('profiles_dir') ?? path.join(os.homedir(), '.dbt'));
  const file = path.join(profilesDir, 'profiles.yml');
  const parsed = parseDocument(existsSync(file) ? readFileSync(file, 'utf8') : '');
  const doc = parsed.contents === null ? new Document({}) : parsed;
  if (parsed.errors.length) throw new ProjectError(`${file} is not valid YAML: ${parsed.errors[0].message.split('\n')[0]}`);
  if (doc.has(name)) {
    reporter.info(`The profile ${name} already exists in ${file}; leaving it as it is.`);
    return 0;
  }
  reporter.info(`Setting up your profile (DuckDB; press Enter to take the default in brackets).`, 'SettingUpProfile');
  const dbPath = flags.str('db_path') ?? (await ask('path (the DuckDB file, relative to the project folder)', `${name}.duckdb`));
  const schema = flags.str('schema') ?? (await ask('schema', 'main'));
  const threads = flags.int('threads', 1) ?? Number(await ask('threads (1 or more)', '4'));
  if (!Number.isInteger(threads) || threads < 1) throw new ProjectError(`threads must be a whole number of at least 1, not '${threads}'`);
  doc.set(name, doc.createNode({ target: 'dev', outputs: { dev: { type: 'duckdb', path: dbPath, schema, threads } } }));
  mkdirSync(profilesDir, { recursive: true });
  writeFileSync(file, doc.toString());
  reporter.info(`Profile ${name} written to ${file} using target dev.`);
  return 0;
}
