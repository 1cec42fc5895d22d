import type { TemplateRenderer } from '../jinja/renderer';
import type { RenderScope } from '../jinja/scope';
import type { Target } from '../project/profile';
import type { Node } from '../project/types';
import { nodeDict } from './node-dict';

const NAMING_MACROS = ['generate_schema_name', 'generate_alias_name', 'generate_database_name'] as const;

/**
 * Gives a node its database, schema and alias. dbt's default naming is computed directly; when the project overrides
 * one of the naming macros, that macro is called as dbt would.
 */
export class RelationNamer {
  private readonly overridden: Set<string>;

  constructor(
    private readonly renderer: TemplateRenderer,
    private readonly target: Target,
    private readonly rootPackage: string,
  ) {
    this.overridden = new Set(
      NAMING_MACROS.filter(
        (name) =>
          renderer.lookupMacro(rootPackage, name) ||
          renderer.lookupMacro(rootPackage, `default__${name}`) ||
          renderer.lookupMacro(rootPackage, `duckdb__${name}`),
      ),
    );
  }

  assign(node: Node, scope: RenderScope): void {
    const custom = (key: 'schema' | 'alias' | 'database'): string | null => {
      const value = node.config[key];
      return value === undefined || value === null || value === '' ? null : String(value);
    };
    node.schema = this.overridden.has('generate_schema_name')
      ? this.callMacro('generate_schema_name', [custom('schema'), nodeDict(node)], scope)
      : custom('schema') === null
        ? this.target.schema
        : `${this.target.schema}_${custom('schema')!.trim()}`;
    node.alias = this.overridden.has('generate_alias_name')
      ? this.callMacro('generate_alias_name', [custom('alias'), nodeDict(node)], scope)
      : (custom('alias')?.trim() ?? defaultAlias(node));
    node.database = this.overridden.has('generate_database_name')
      ? this.callMacro('generate_database_name', [custom('database'), nodeDict(node)], scope)
      : (custom('database')?.trim() ?? this.target.database);
  }

  private callMacro(name: string, args: unknown[], scope: RenderScope): string {
    const macro = this.renderer.lookupMacro(this.rootPackage, name) ?? this.renderer.lookupMacro('dbt', name)!;
    return String(this.renderer.callMacro(macro, args, scope, scope.file)).trim();
  }
}

/** dbt's default alias: the name, and for a model version `<name>_v<version>` (dots made underscores), the latest too. */
export function defaultAlias(node: Node): string {
  return node.version === undefined ? node.name : `${node.name}_v${String(node.version).replaceAll('.', '_')}`;
}
