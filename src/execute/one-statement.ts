import type { Connection } from '../adapters/adapter';
import { ProjectError } from '../errors';

/** The node a body belongs to, for the error. */
export interface BodyOwner {
  resourceType: string;
  name: string;
  file: string;
}

/**
 * dbt sends a node's body to the warehouse as one statement. A body holding several (a stray `;`, or a value that
 * closed its quote) would run all of them, so it is refused before anything runs; hooks, run_query and operations
 * may hold several and are not checked. A body that does not parse is left to the warehouse, which says where.
 */
export async function requireOneStatement(conn: Connection, sql: string, owner: BodyOwner): Promise<void> {
  let count: number;
  try {
    count = await conn.countStatements(sql);
  } catch {
    return;
  }
  if (count === 1) return;
  const what = `${owner.resourceType} '${owner.name}'`;
  if (count === 0) {
    throw new ProjectError(
      `${what} is empty: its SQL holds no statement`,
      { file: owner.file },
      'write the select statement it should run, or delete the file',
    );
  }
  throw new ProjectError(
    `${what} holds ${count} SQL statements; a ${owner.resourceType}'s SQL must be exactly one statement`,
    { file: owner.file },
    "remove the extra ';' (or check values put into the SQL); statements to run around it belong in pre_hook/post_hook or an operation",
  );
}
