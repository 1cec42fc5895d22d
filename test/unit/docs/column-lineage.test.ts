import { readFileSync } from 'node:fs';
import path from 'node:path';
import { columnLineage, type LineageContext, type LineageResult } from '../../../src/docs/column-lineage';

/**
 * The fixtures are real `json_serialize_sql` outputs of DuckDB (scripts/serialise-sql.ts writes them
 * next to their .sql), so these tests follow the parser's actual AST, not a hand-made imitation.
 */
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'column-lineage');
const ast = (file: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, `${file}.ast.json`), 'utf8'));

/** A context where tables are named by their last name part and their columns are given. */
function context(columns: Record<string, string[] | undefined>, outputNames?: string[]): LineageContext {
  return {
    resolveTable: ({ name }) => (name in columns ? `model.p.${name}` : undefined),
    columnsOf: (id) => columns[id.replace('model.p.', '')],
    outputNames,
  };
}

const USERS = ['id', 'name', 'email', 'user_id'];
const ORDERS = ['id', 'user_id', 'amount', 'paid_at'];
const tables = context({ stg_users: USERS, stg_orders: ORDERS });

/** "column <- node.column, ..." lines: short to read and compare. */
function shown(result: LineageResult): string[] | string {
  if ('unavailable' in result) return `unavailable: ${result.unavailable}`;
  return result.columns.map(
    (c) => `${c.column}${c.transformed ? ' (transformed)' : ''} <- ${c.sources.map((s) => `${s.node.replace(/^\w+\.\w+\./, '')}.${s.column}`).join(', ')}`,
  );
}

describe('column lineage from DuckDB ASTs', () => {
  it('follows CTEs, aliases, * of a CTE, and a USING join (its column from both sides, once)', () => {
    expect(shown(columnLineage(ast('cases/cte-join-using'), tables))).toEqual([
      'id <- stg_users.id',
      'name <- stg_users.name',
      'email <- stg_users.email',
      'user_id <- stg_orders.user_id, stg_users.user_id',
      'order_id <- stg_orders.id',
      'cents (transformed) <- stg_orders.amount',
      'again <- stg_orders.id',
    ]);
  });

  it('expands * with EXCLUDE, REPLACE and RENAME through a subquery', () => {
    expect(shown(columnLineage(ast('cases/star-modifiers'), tables))).toEqual([
      'user_id <- stg_users.id',
      'name (transformed) <- stg_users.name',
      'user_id <- stg_users.user_id',
    ]);
  });

  it('unions columns by position; window functions and aggregates read every column they name', () => {
    expect(shown(columnLineage(ast('cases/union-window-aggregate'), tables))).toEqual([
      'user_id <- stg_orders.user_id, stg_users.id',
      'running (transformed) <- stg_orders.amount, stg_orders.paid_at, stg_orders.user_id, stg_users.name',
      'channel (transformed) <- ',
    ]);
  });

  it('reads scalar subqueries (correlated), lambdas, aliased derived tables and earlier select aliases', () => {
    expect(shown(columnLineage(ast('cases/subqueries'), tables))).toEqual([
      'id <- stg_users.id',
      'biggest_order (transformed) <- stg_orders.amount',
      'name_length (transformed) <- stg_users.name',
      'shifted (transformed) <- stg_users.id',
      'doubled (transformed) <- stg_users.name',
    ]);
  });

  it('follows a recursive CTE', () => {
    expect(shown(columnLineage(ast('cases/recursive'), tables))).toEqual(['n (transformed) <- ', 'label <- stg_users.name']);
  });

  it('names computed columns as the warehouse does when their count matches, else by position', () => {
    expect(shown(columnLineage(ast('cases/unnamed-columns'), tables))).toEqual([
      'column 1 (transformed) <- stg_users.name',
      'column 2 (transformed) <- stg_users.id',
    ]);
    const named = context({ stg_users: USERS }, ['upper("name")', '(id + 1)']);
    expect(shown(columnLineage(ast('cases/unnamed-columns'), named))).toEqual([
      'upper("name") (transformed) <- stg_users.name',
      '(id + 1) (transformed) <- stg_users.id',
    ]);
  });

  it('traces columns of a table whose columns are unknown, but will not expand its *', () => {
    const unknownColumns = context({ stg_users: undefined, stg_orders: ORDERS });
    expect(shown(columnLineage(ast('cases/unnamed-columns'), unknownColumns))).toEqual([
      'column 1 (transformed) <- stg_users.name',
      'column 2 (transformed) <- stg_users.id',
    ]);
    expect(shown(columnLineage(ast('cases/cte-join-using'), unknownColumns))).toBe(
      'unavailable: the columns of model.p.stg_users are unknown (build it, or declare its columns), so * cannot be expanded',
    );
  });

  it('says why, rather than guessing, when a query cannot be analysed', () => {
    expect(shown(columnLineage(ast('cases/unknown-table'), tables))).toBe(
      'unavailable: it reads raw.untracked_table, which is no model, seed, snapshot or source of the project',
    );
    expect(shown(columnLineage(ast('cases/syntax-error'), tables))).toBe(
      `unavailable: DuckDB's parser could not read the SQL: syntax error at or near "selec"`,
    );
    expect(shown(columnLineage(ast('cases/two-statements'), tables))).toBe('unavailable: the SQL is not one SELECT statement');
    const noOrders = context({ stg_users: ['id'] });
    expect(shown(columnLineage(ast('cases/unnamed-columns'), noOrders))).toBe('unavailable: column name is not found in the tables it reads');
  });
});

describe('column lineage of StreamFlix', () => {
  const SEEDS: Record<string, string[]> = {
    raw_users: ['user_id', 'created_at', 'country', 'marketing_channel'],
    raw_subscriptions: ['subscription_id', 'user_id', 'plan_type', 'status', 'start_date', 'end_date'],
    raw_payments: ['payment_id', 'subscription_id', 'amount', 'payment_date', 'status'],
  };
  const MODELS = [
    'stg_users',
    'stg_subscriptions',
    'stg_payments',
    'int_subscriptions',
    'int_revenue_payments',
    'int_as_of_date',
    'int_month_spine',
    'int_user_active_months',
    'dim_users',
    'fct_mrr',
  ];
  // Each model's columns come from its own lineage, parents first: no catalog needed.
  const results = new Map<string, LineageResult>();
  const columns = new Map<string, string[]>(Object.entries(SEEDS).map(([name, list]) => [`seed.streamflix.${name}`, list]));
  const streamflix: LineageContext = {
    resolveTable: ({ catalog, schema, name }) => {
      expect([catalog, schema]).toEqual(['streamflix', 'main']);
      return name in SEEDS ? `seed.streamflix.${name}` : `model.streamflix.${name}`;
    },
    columnsOf: (id) => columns.get(id),
  };
  for (const model of MODELS) {
    const result = columnLineage(ast(`streamflix/${model}`), streamflix);
    results.set(model, result);
    if ('columns' in result)
      columns.set(
        `model.streamflix.${model}`,
        result.columns.map((c) => c.column),
      );
  }

  it('analyses every model', () => {
    expect(Object.fromEntries([...results].filter(([, result]) => 'unavailable' in result))).toEqual({});
  });

  it('dim_users: each column from its upstream columns', () => {
    expect(shown(results.get('dim_users') as LineageResult)).toEqual([
      'user_id <- stg_users.user_id',
      'created_at <- stg_users.created_at',
      'country <- stg_users.country',
      'marketing_channel <- stg_users.marketing_channel',
      'first_subscription_date (transformed) <- int_subscriptions.start_date',
      'current_plan_type <- int_subscriptions.plan_type',
      'subscription_status (transformed) <- int_as_of_date.as_of_date, int_subscriptions.end_date, int_subscriptions.start_date, int_subscriptions.user_id',
      'lifetime_value (transformed) <- int_revenue_payments.amount',
      'successful_payments (transformed) <- ',
    ]);
  });

  it('stg_users: cleaned columns from the seed, through select * of a CTE', () => {
    expect(shown(results.get('stg_users') as LineageResult)).toEqual([
      'user_id (transformed) <- raw_users.user_id',
      'created_at (transformed) <- raw_users.created_at',
      'country (transformed) <- raw_users.country',
      'marketing_channel (transformed) <- raw_users.marketing_channel',
    ]);
  });
});
