import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { copyFixture, tsdbt, type CliRun } from '../../helpers/project';

/** A fixture copied to a temporary folder, built with its own profiles.yml (when it has one). */
export class FixtureProject {
  readonly dir: string;

  constructor(readonly name: string) {
    this.dir = copyFixture(name);
  }

  run(...args: string[]): Promise<CliRun> {
    return tsdbt(this.dir, ...args, '--profiles-dir', this.dir);
  }

  /** Runs without --profiles-dir: the project has no profiles.yml and uses the built-in default target. */
  runWithoutProfile(...args: string[]): Promise<CliRun> {
    return tsdbt(this.dir, ...args);
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  write(file: string, contents: string): void {
    writeFileSync(path.join(this.dir, file), contents);
  }

  /** Rows of `sql` against the project's database file, opened after the run has closed it. */
  async query(databaseFile: string, sql: string): Promise<Record<string, unknown>[]> {
    const instance = await DuckDBInstance.create(path.join(this.dir, databaseFile), { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }
}

/** Fails with the run's output when it did not succeed, so that a broken fixture says why. */
export function expectSuccess(run: CliRun): void {
  if (run.code !== 0) throw new Error(`tsdbt exited with ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
}
