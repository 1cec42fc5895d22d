import type { Connection } from '../adapters/adapter';
import { readCsvHeader } from '../seeds/csv-header';
import { relationOf } from '../compile/compile-scope';
import { ProjectError } from '../errors';
import { requireOneStatement } from '../execute/one-statement';
import { sqlFiles } from '../report/sql-files';
import type { Manifest } from '../parse/manifest';
import type { ParsedProject } from '../parse/parsed-project';
import type { ColumnProperties, Node } from '../project/types';
import { formatRowDiff, type DiffRow } from './diff';
import { fixtureSelect, quote, type FixtureColumn } from './fixture-sql';
import { loadFixture } from './fixtures';
import { cteNameOf, renderModelUnderTest } from './render-model';
import { describeTarget, type GivenInput, type UnitTestSpec } from './spec';

export interface UnitTestOutcome {
  status: 'pass' | 'fail';
  message: string;
  /** Rows that differ: expected rows missing from the output plus output rows not expected. */
  failures: number;
}

/**
 * Renders the tested model over the given rows, runs it, and compares its output with the expected rows as multisets
 * on the expected columns only. Throws ProjectError / WarehouseError when the test cannot run at all.
 */
export async function runUnitTest(project: ParsedProject, conn: Connection, node: Node): Promise<UnitTestOutcome> {
  const { manifest } = project;
  const spec = node.unitTest!;
  const model = manifest.nodes.get(node.attachedNode!)!;
  const ctes: { name: string; sql: string }[] = [];
  for (const given of spec.given) ctes.push({ name: cteNameOf(given.target, model), sql: await inputSql(manifest, conn, model, given) });
  const modelSql = await renderModelUnderTest(project, model, spec, ctes, (sql) => conn.query(sql));
  writeTarget(manifest, 'compiled', node, modelSql);
  const owner = { resourceType: 'unit_test', name: spec.name, file: node.originalFilePath };
  await requireOneStatement(conn, modelSql, owner);

  const actualColumns = (await conn.query(`select * from (\n${modelSql}\n) as __model limit 0`)).columns.map((c) => ({ name: c.name, type: c.type }));
  const { sql: expectedSql, columns } = await expectedSelect(manifest, conn, spec, actualColumns);
  const list = columns.map(quote).join(', ');
  const comparison = [
    `with __unit_actual as (select ${list} from (\n${modelSql}\n) __actual),`,
    `__unit_expected as (select ${list} from (\n${expectedSql}\n) __expected)`,
    `select 'expected' as __unit_side, * from (select * from __unit_expected except all select * from __unit_actual) __missing`,
    'union all',
    `select 'actual' as __unit_side, * from (select * from __unit_actual except all select * from __unit_expected) __unexpected`,
  ].join('\n');
  writeTarget(manifest, 'run', node, comparison);
  await requireOneStatement(conn, comparison, owner);
  const { rows } = await conn.query(comparison);
  if (rows.length === 0) return { status: 'pass', message: 'PASS', failures: 0 };
  const diff: DiffRow[] = rows.map((row) => ({ side: row.__unit_side as DiffRow['side'], values: columns.map((c) => row[c]) }));
  return { status: 'fail', message: formatRowDiff(columns, diff), failures: rows.length };
}

/** The rows (or query) of one input, typed like the relation it stands for. */
async function inputSql(manifest: Manifest, conn: Connection, model: Node, given: GivenInput): Promise<string> {
  const data = loadFixture(given, manifest.project);
  if (data.kind === 'sql') return data.sql;
  const known = await inputColumns(manifest, conn, model, given);
  return fixtureSelect(data.rows, known, { label: describeTarget(given.target), location: given.location, fromCsv: given.format === 'csv' });
}

/** The columns of the real relation when it exists, else those declared with a data_type in YAML, else none. */
async function inputColumns(manifest: Manifest, conn: Connection, model: Node, given: GivenInput): Promise<FixtureColumn[]> {
  const target = given.target;
  let relation: { database: string; schema: string; identifier: string } | undefined;
  let declared: Record<string, ColumnProperties> = {};
  if (target.kind === 'source') {
    const source = [...manifest.sources.values()].find((s) => s.sourceName === target.sourceName && s.name === target.tableName);
    if (source && !source.externalLocation) relation = { database: source.database, schema: source.schema, identifier: source.identifier };
    declared = source?.columns ?? {};
  } else {
    const parent =
      target.kind === 'this'
        ? model
        : [...manifest.nodes.values()].find((n) => n.name === target.name && n.resourceType !== 'unit_test' && n.resourceType !== 'test');
    if (parent) {
      const rel = relationOf(parent);
      if (!rel.is_cte) relation = { database: parent.database, schema: parent.schema, identifier: parent.alias };
      declared = parent.columns;
    }
  }
  const existing = relation ? await conn.getColumns(relation) : [];
  if (existing.length > 0) return existing.map((c) => ({ name: c.name, type: c.dataType }));
  const typed = Object.values(declared).filter((c) => c.data_type);
  if (typed.length > 0 && typed.length === Object.keys(declared).length) return typed.map((c) => ({ name: c.name, type: c.data_type! }));
  return target.kind === 'ref' ? seedColumns(manifest, target.name) : [];
}

/** A seed not loaded yet still names its columns in its CSV header (typed by column_types, else by the given rows). */
function seedColumns(manifest: Manifest, name: string): FixtureColumn[] {
  const seed = [...manifest.nodes.values()].find((n) => n.resourceType === 'seed' && n.name === name);
  if (!seed?.seedFile) return [];
  const columnTypes = (seed.config.column_types ?? {}) as Record<string, string>;
  const header = readCsvHeader(seed.seedFile, String(seed.config.delimiter ?? ','), seed.originalFilePath);
  return header.map((column) => ({ name: column, type: columnTypes[column] ?? null }));
}

/** The expected rows typed like the model's output, and the columns to compare (those the rows name). */
async function expectedSelect(manifest: Manifest, conn: Connection, spec: UnitTestSpec, actual: FixtureColumn[]): Promise<{ sql: string; columns: string[] }> {
  const data = loadFixture(spec.expect, manifest.project);
  const byName = new Map(actual.map((c) => [c.name.toLowerCase(), c]));
  const resolve = (names: string[]) =>
    names.map((name) => {
      const column = byName.get(name.toLowerCase());
      if (!column) {
        throw new ProjectError(
          `unit test '${spec.name}' expects a column '${name}', which model '${spec.model}' does not return`,
          spec.expect.location,
          `the model returns: ${actual.map((c) => c.name).join(', ')}`,
        );
      }
      return column;
    });
  if (data.kind === 'sql') {
    await requireOneStatement(conn, data.sql, { resourceType: 'unit_test', name: spec.name, file: spec.expect.location.file });
    const names = (await conn.query(`select * from (\n${data.sql}\n) as __expected limit 0`)).columns.map((c) => c.name);
    return { sql: data.sql, columns: resolve(names).map((c) => c.name) };
  }
  const named = [...new Set(data.rows.flatMap((row) => Object.keys(row)).map((k) => k.toLowerCase()))];
  const columns = named.length > 0 ? resolve(named) : actual;
  const sql = fixtureSelect(data.rows, columns, { label: 'the expected output', location: spec.expect.location, fromCsv: spec.expect.format === 'csv' });
  return { sql, columns: columns.map((c) => c.name) };
}

function writeTarget(manifest: Manifest, kind: 'compiled' | 'run', node: Node, sql: string): void {
  sqlFiles(manifest).write(kind, node, sql);
}
