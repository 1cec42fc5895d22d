import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { BUILTIN_MACRO_FILES } from '../../../src/jinja/builtin-macros';
import { installDbtContext, newInvocation } from '../../../src/jinja/context';
import { toQueryTable, type QueryTable } from '../../../src/jinja/query-table';
import { TemplateRenderer } from '../../../src/jinja/renderer';
import { QueryNeeded, type RenderScope } from '../../../src/jinja/scope';
import type { Target } from '../../../src/project/profile';

const TARGET: Target = {
  profileName: 'compat',
  name: 'dev',
  type: 'duckdb',
  path: ':memory:',
  database: 'memory',
  schema: 'main',
  threads: 1,
  profileThreads: 1,
  settings: {},
  extensions: [],
  origin: 'built-in default',
};

/** Renders templates with the built-in macros and runs the SQL on an in-memory DuckDB, answering render-time queries. */
export class MacroHarness {
  private readonly renderer = new TemplateRenderer();
  private readonly answers = new Map<string, QueryTable>();

  private constructor(private readonly connection: DuckDBConnection) {
    installDbtContext(this.renderer, newInvocation({ projectName: 'compat', target: TARGET, invocationId: 'compat-invocation' }));
    for (const [name, source] of Object.entries(BUILTIN_MACRO_FILES)) this.renderer.registerMacroFile(source, `<builtin>/${name}`, 'dbt', 'global');
  }

  static async open(): Promise<MacroHarness> {
    const instance = await DuckDBInstance.create(':memory:');
    return new MacroHarness(await instance.connect());
  }

  /** Project macros, registered after the built-ins as a project's are. */
  addProjectMacros(source: string): void {
    this.renderer.registerMacroFile(source, 'macros/project.sql', 'compat', 'global');
  }

  /** The template's SQL, as an execute-time render (queries answered by DuckDB) would give it. */
  async render(template: string): Promise<string> {
    for (;;) {
      try {
        return this.renderer.render(template, 'models/probe.sql', this.scope());
      } catch (error) {
        if (!(error instanceof QueryNeeded)) throw error;
        this.answers.set(error.sql, await this.query(error.sql));
      }
    }
  }

  async query(sql: string): Promise<QueryTable> {
    const reader = await this.connection.runAndReadAll(sql);
    const names = reader.columnNames();
    return toQueryTable({ columns: names.map((name) => ({ name, type: '' })), rows: reader.getRowObjectsJS() as Record<string, unknown>[] });
  }

  close(): void {
    this.connection.closeSync();
  }

  /** The single value of `select <rendered expression>`. */
  async value(expression: string): Promise<unknown> {
    const sql = `select ${await this.render(expression)} as v`;
    return (await this.query(sql))[0][0];
  }

  private scope(): RenderScope {
    const answers = this.answers;
    const renderer = this.renderer;
    return {
      file: 'models/probe.sql',
      execute: true,
      thisRelation: null,
      model: null,
      ref: () => {
        throw new Error('ref is not available in the macro harness');
      },
      source: () => {
        throw new Error('source is not available in the macro harness');
      },
      setConfig: () => undefined,
      getConfig: () => undefined,
      isIncremental: () => false,
      runQuery: (sql: string) => answers.get(sql) ?? renderer.abortForQuery(sql),
    };
  }
}
