import { existsSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { ProjectError } from '../errors';
import type { ProjectFile } from '../project/project-file';
import { isPlainObject } from '../project/yaml-file';
import { parseCsvRows } from './csv';
import type { FixtureSpec } from './spec';
import { readTextFile } from '../project/read-text';

/** A fixture's content: rows to turn into a literal select, or a query given as is. */
export type FixtureData = { kind: 'rows'; rows: Record<string, unknown>[] } | { kind: 'sql'; sql: string };

/** Reads inline rows, or the file `fixture:` names under a test path's `fixtures/` folder. */
export function loadFixture(spec: FixtureSpec, project: ProjectFile): FixtureData {
  const text = spec.fixture === undefined ? spec.rows : readFixtureFile(spec, project);
  if (spec.format === 'sql') return { kind: 'sql', sql: String(text) };
  if (spec.format === 'csv') return { kind: 'rows', rows: parseCsvRows(String(text)) };
  const rows = (text ?? []) as unknown[];
  rows.forEach((row, i) => {
    if (!isPlainObject(row))
      throw new ProjectError(`row ${i + 1} of the fixture is not a mapping of column to value`, spec.location, 'write each row as {column: value, ...}');
  });
  return { kind: 'rows', rows: rows as Record<string, unknown>[] };
}

function readFixtureFile(spec: FixtureSpec, project: ProjectFile): string {
  const extension = spec.format === 'sql' ? 'sql' : 'csv';
  if (spec.format === 'dict') {
    throw new ProjectError(`fixture '${spec.fixture}' needs format: csv or format: sql`, spec.location, 'dict rows are written inline under rows:');
  }
  for (const testPath of project.testPaths) {
    const dir = path.join(project.rootDir, testPath, 'fixtures');
    if (!existsSync(dir)) continue;
    const [match] = fg.sync(`**/${fg.escapePath(spec.fixture!)}.${extension}`, { cwd: dir, absolute: true });
    if (match) return readTextFile(match, path.relative(project.rootDir, match).split(path.sep).join('/'));
  }
  throw new ProjectError(
    `fixture file '${spec.fixture}.${extension}' was not found`,
    spec.location,
    `put it under ${project.testPaths.map((p) => `${p}/fixtures/`).join(' or ')} (name without extension in fixture:)`,
  );
}
