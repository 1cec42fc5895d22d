/**
 * Column-level lineage from the AST DuckDB's parser writes (`json_serialize_sql`): for each output
 * column of a query, the columns of models, seeds and sources it is computed from. Pure: the AST and
 * the upstream column lists come in, lineage (or the reason there is none) comes out.
 */

/** A column of a manifest node or source. */
export interface UpstreamColumn {
  node: string;
  column: string;
}

export interface ColumnLineage {
  column: string;
  /** The upstream columns the value is computed from (select expression only, not filters or join keys). */
  sources: UpstreamColumn[];
  /** false when the column passes an upstream column through unchanged (renamed at most). */
  transformed: boolean;
}

export type LineageResult = { columns: ColumnLineage[] } | { unavailable: string };

export interface LineageContext {
  /** The unique id of the model, seed, snapshot or source a table reference names, if any. */
  resolveTable(table: { catalog: string; schema: string; name: string }): string | undefined;
  /** The columns of a node or source, when known (catalog, or the node's own lineage). */
  columnsOf(uniqueId: string): string[] | undefined;
  /** The relation's own column names, as the warehouse reports them, to name computed columns. */
  outputNames?: string[];
}

/** Why a query cannot be analysed: shown on the page as "column lineage unavailable: <reason>". */
export class LineageUnavailable extends Error {}

// The AST is JSON of DuckDB's own making: read it loosely, checking the fields used.
type Ast = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface OutColumn {
  name: string;
  sources: Map<string, UpstreamColumn>;
  transformed: boolean;
}

/** A relation in a FROM clause: its alias and its columns (null: a model whose columns are unknown). */
interface ScopeRelation {
  alias: string;
  columns: OutColumn[] | null;
  /** The node a relation with unknown columns is, so that its columns still trace to it. */
  node?: string;
  /** Table functions and VALUES lists: any column they have comes from no upstream column. */
  opaque?: boolean;
}

interface Scope {
  relations: ScopeRelation[];
  ctes: Map<string, OutColumn[]>;
  parent?: Scope;
  /** Columns of USING joins: their name names the same value in both sides. */
  using: Set<string>;
}

const key = (ref: UpstreamColumn) => `${ref.node}\u0000${ref.column.toLowerCase()}`;
const lower = (text: string) => text.toLowerCase();

function merge(into: Map<string, UpstreamColumn>, from: Iterable<UpstreamColumn>): void {
  for (const ref of from) if (!into.has(key(ref))) into.set(key(ref), ref);
}

function ownColumns(node: string, names: string[]): OutColumn[] {
  return names.map((name) => ({ name, sources: new Map([[key({ node, column: name }), { node, column: name }]]), transformed: false }));
}

class Analyser {
  constructor(private readonly context: LineageContext) {}

  /** The output columns of a query node (SELECT, set operation, recursive CTE), with its CTEs in scope. */
  query(node: Ast, outer: Scope | undefined): OutColumn[] {
    const ctes = new Map(outer?.ctes ?? []);
    const scope: Scope = { relations: [], ctes, parent: outer, using: new Set() };
    for (const { key: name, value } of node.cte_map?.map ?? []) {
      const columns = this.query(value.query.node, { ...scope, ctes: new Map(ctes) });
      ctes.set(lower(name), rename(columns, value.aliases ?? []));
    }
    switch (node.type) {
      case 'SELECT_NODE':
        return this.select(node, scope);
      case 'SET_OPERATION_NODE':
        return this.setOperation(node.setop_type, this.query(node.left, scope), this.query(node.right, scope));
      case 'RECURSIVE_CTE_NODE': {
        const left = rename(this.query(node.left, scope), node.aliases ?? []);
        const withSelf: Scope = { ...scope, ctes: new Map([...ctes, [lower(node.cte_name), left]]) };
        return this.setOperation('UNION', left, this.query(node.right, withSelf));
      }
      default:
        throw new LineageUnavailable(`a ${String(node.type)} query is not analysed`);
    }
  }

  private setOperation(type: string, left: OutColumn[], right: OutColumn[]): OutColumn[] {
    const byName = type.endsWith('BY_NAME');
    const partner = (column: OutColumn, index: number) => (byName ? right.find((r) => lower(r.name) === lower(column.name)) : right[index]);
    const out = left.map((column, index) => {
      const other = partner(column, index);
      const sources = new Map(column.sources);
      if (other) merge(sources, other.sources.values());
      return { name: column.name, sources, transformed: column.transformed || !!other?.transformed };
    });
    if (byName) for (const column of right) if (!out.some((o) => lower(o.name) === lower(column.name))) out.push(column);
    return out;
  }

  private select(node: Ast, scope: Scope): OutColumn[] {
    this.from(node.from_table, scope);
    const out: OutColumn[] = [];
    // DuckDB lets a select item use the alias of an earlier one, when no table of FROM has that column.
    const aliases: ScopeRelation = { alias: '', columns: [] };
    const itemScope: Scope = { ...scope, parent: { relations: [aliases], ctes: scope.ctes, parent: scope.parent, using: new Set() } };
    for (const item of node.select_list as Ast[]) {
      if (item.class === 'STAR') {
        out.push(...this.star(item, scope));
        continue;
      }
      const sources = new Map<string, UpstreamColumn>();
      const passthrough = this.expression(item, itemScope, sources);
      const name = item.alias || (item.class === 'COLUMN_REF' ? item.column_names[item.column_names.length - 1] : '');
      const column = { name, sources, transformed: !passthrough };
      out.push(column);
      if (name) (aliases.columns as OutColumn[]).push(column);
    }
    return out;
  }

  /** Adds the relations of a FROM clause to the scope. */
  private from(table: Ast | null, scope: Scope): void {
    if (!table) return;
    const alias: string = table.alias ?? '';
    switch (table.type) {
      case 'EMPTY':
        return;
      case 'BASE_TABLE': {
        const name = lower(table.table_name);
        const cte = !table.schema_name && !table.catalog_name ? scope.ctes.get(name) : undefined;
        if (cte) {
          scope.relations.push({ alias: alias || table.table_name, columns: rename(cte, table.column_name_alias ?? []) });
          return;
        }
        const node = this.context.resolveTable({ catalog: table.catalog_name ?? '', schema: table.schema_name ?? '', name: table.table_name });
        if (!node) {
          const written = [table.catalog_name, table.schema_name, table.table_name].filter(Boolean).join('.');
          throw new LineageUnavailable(`it reads ${written}, which is no model, seed, snapshot or source of the project`);
        }
        const names = this.context.columnsOf(node);
        scope.relations.push({
          alias: alias || table.table_name,
          columns: names ? rename(ownColumns(node, names), table.column_name_alias ?? []) : null,
          node,
        });
        return;
      }
      case 'SUBQUERY': {
        const columns = this.query(table.subquery.node, { ...scope, relations: [], using: new Set() });
        scope.relations.push({ alias, columns: rename(columns, table.column_name_alias ?? []) });
        return;
      }
      case 'JOIN':
        this.from(table.left, scope);
        this.from(table.right, scope);
        for (const column of table.using_columns ?? []) scope.using.add(lower(column));
        if (table.ref_type === 'NATURAL') throw new LineageUnavailable('NATURAL joins are not analysed');
        return;
      case 'TABLE_FUNCTION':
      case 'EXPRESSION_LIST': {
        const names: string[] = table.column_name_alias ?? [];
        scope.relations.push({ alias, columns: names.length ? names.map((name) => ({ name, sources: new Map(), transformed: true })) : null, opaque: true });
        return;
      }
      default:
        throw new LineageUnavailable(`a ${String(table.type)} in FROM is not analysed`);
    }
  }

  private star(item: Ast, scope: Scope): OutColumn[] {
    if (item.columns || item.expr) throw new LineageUnavailable('COLUMNS(...) expressions are not analysed');
    const relations = item.relation_name ? scope.relations.filter((r) => lower(r.alias) === lower(item.relation_name)) : scope.relations;
    if (relations.length === 0) throw new LineageUnavailable(`${item.relation_name}.* names no table of its FROM clause`);
    const excluded = new Set<string>([...(item.exclude_list ?? []), ...(item.qualified_exclude_list ?? []).map(lastName)].map(lower));
    const replaced = new Map<string, Ast>((item.replace_list ?? []).map((entry: Ast) => [lower(entry.key), entry.value]));
    const renamed = new Map<string, string>((item.rename_list ?? []).map((entry: Ast) => [lower(lastName(entry.key)), entry.value]));
    const out: OutColumn[] = [];
    for (const relation of relations) {
      if (!relation.columns)
        throw new LineageUnavailable(
          `the columns of ${relation.node ?? relation.alias} are unknown (build it, or declare its columns), so * cannot be expanded`,
        );
      for (const column of relation.columns) {
        const name = lower(column.name);
        if (excluded.has(name)) continue;
        // `select *` over a USING join shows a joined column once, holding the value of both sides.
        const joined = !item.relation_name && scope.using.has(name) ? out.find((o) => lower(o.name) === name) : undefined;
        if (joined) {
          joined.sources = new Map(joined.sources);
          merge(joined.sources, column.sources.values());
          continue;
        }
        const replacement = replaced.get(name);
        if (replacement) {
          const sources = new Map<string, UpstreamColumn>();
          this.expression(replacement, scope, sources);
          out.push({ name: column.name, sources, transformed: true });
        } else out.push({ ...column, name: renamed.get(name) ?? column.name });
      }
    }
    return out;
  }

  /** Adds the upstream columns an expression reads to `sources`; true when it is a bare untransformed column. */
  private expression(expr: Ast, scope: Scope, sources: Map<string, UpstreamColumn>): boolean {
    if (expr.class === 'COLUMN_REF') {
      const column = this.resolve(expr.column_names, scope);
      merge(sources, column.sources.values());
      return !column.transformed;
    }
    if (expr.class === 'SUBQUERY') {
      for (const column of this.query(expr.subquery.node, scope)) merge(sources, column.sources.values());
      if (expr.child) this.expression(expr.child, scope, sources);
      return false;
    }
    if (expr.class === 'LAMBDA') {
      const parameters = collectColumnNames(expr.lhs).map((name) => ({ name, sources: new Map(), transformed: true }));
      this.expression(expr.expr, { ...scope, relations: [...scope.relations, { alias: '', columns: parameters }] }, sources);
      return false;
    }
    if (expr.class === 'STAR') throw new LineageUnavailable('a * inside an expression is not analysed');
    for (const child of childExpressions(expr)) this.expression(child, scope, sources);
    return false;
  }

  /** The column a name (column, table.column, or longer) stands for, from the innermost scope out. */
  private resolve(names: string[], scope: Scope): OutColumn {
    for (let at: Scope | undefined = scope; at; at = at.parent) {
      const found = this.resolveIn(names, at);
      if (found) return found;
    }
    throw new LineageUnavailable(`column ${names.join('.')} is not found in the tables it reads`);
  }

  private resolveIn(names: string[], scope: Scope): OutColumn | undefined {
    // table.column (possibly schema.table.column), else column.field... (a struct field).
    if (names.length >= 2) {
      const relation = scope.relations.find((r) => r.alias && lower(r.alias) === lower(names[names.length - 2]));
      if (relation) return this.columnOf(relation, names[names.length - 1]);
      const head = scope.relations.find((r) => r.alias && lower(r.alias) === lower(names[0]));
      if (head) return this.columnOf(head, names[1]);
    }
    const name = names[0];
    const matches = scope.relations.filter((r) => r.columns?.some((c) => lower(c.name) === lower(name)));
    if (matches.length > 0) {
      // Several only for USING columns, or where DuckDB would refuse the query: either way, all of them.
      const sources = new Map<string, UpstreamColumn>();
      let transformed = false;
      for (const relation of matches) {
        const column = this.columnOf(relation, name) as OutColumn;
        merge(sources, column.sources.values());
        transformed ||= column.transformed;
      }
      return { name, sources, transformed };
    }
    const unknown = scope.relations.filter((r) => r.columns === null);
    if (unknown.length === 1) return this.columnOf(unknown[0], name);
    if (unknown.length > 1)
      throw new LineageUnavailable(`column ${name} may come from ${unknown.map((r) => r.node ?? r.alias).join(' or ')}, whose columns are unknown`);
    return undefined;
  }

  private columnOf(relation: ScopeRelation, name: string): OutColumn | undefined {
    if (relation.columns) return relation.columns.find((c) => lower(c.name) === lower(name));
    if (relation.opaque) return { name, sources: new Map(), transformed: true };
    return ownColumns(relation.node as string, [name])[0];
  }
}

function lastName(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  // A qualified name: { catalog, schema, table, column }.
  return String((entry as Ast)?.column ?? '');
}

/** Columns renamed by a `name(a, b)` alias list, first ones first. */
function rename(columns: OutColumn[], aliases: string[]): OutColumn[] {
  return columns.map((column, index) => (index < aliases.length ? { ...column, name: aliases[index] } : column));
}

function collectColumnNames(expr: Ast): string[] {
  if (!expr || typeof expr !== 'object') return [];
  if (expr.class === 'COLUMN_REF') return [expr.column_names[expr.column_names.length - 1]];
  return childExpressions(expr).flatMap(collectColumnNames);
}

/** Every expression nested in an expression's fields (children, CASE arms, window partitions, filters...). */
function childExpressions(expr: Ast): Ast[] {
  const found: Ast[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const object = value as Ast;
      if (typeof object.class === 'string' && object !== expr) found.push(object);
      else Object.values(object).forEach(visit);
    }
  };
  visit(expr);
  return found;
}

/**
 * The lineage of a query from its `json_serialize_sql` output. Output columns are named as the
 * warehouse names them (`outputNames`) when their count matches; an unnamed computed column otherwise
 * gets its position.
 */
export function columnLineage(serialised: unknown, context: LineageContext): LineageResult {
  const ast = serialised as Ast;
  if (!ast || ast.error) return { unavailable: `DuckDB's parser could not read the SQL: ${String(ast?.error_message ?? 'no result')}` };
  if (!Array.isArray(ast.statements) || ast.statements.length !== 1) return { unavailable: 'the SQL is not one SELECT statement' };
  try {
    const columns = new Analyser(context).query(ast.statements[0].node, undefined);
    const names = context.outputNames?.length === columns.length ? context.outputNames : undefined;
    return {
      columns: columns.map((column, index) => ({
        column: names?.[index] ?? (column.name || `column ${index + 1}`),
        sources: [...column.sources.values()].sort((a, b) => a.node.localeCompare(b.node) || a.column.localeCompare(b.column)),
        transformed: column.transformed,
      })),
    };
  } catch (error) {
    if (error instanceof LineageUnavailable) return { unavailable: error.message };
    throw error;
  }
}
