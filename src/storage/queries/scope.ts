import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';

/*
 * The one scope predicate of every query over a subtree (figures, exports, review counts, the web
 * console's lists), on its own so that any query file can use it without importing the figures.
 */

/**
 * The asked unit, resolved once so its path can go to the planner as a value (see `inScope`):
 * with inScope, the one scope helper of every query over a subtree (figures, exports, the web
 * console's lists).
 */
export interface Scope {
  id: number;
  path: string;
  depth: number;
  subtree: boolean;
}

/** The unit and scope a figures query is about; undefined when the unit does not exist. */
export async function resolveScope(db: Db, unitId: number, subtree = true): Promise<Scope | undefined> {
  const [row] = await queryRows<{ id: number; path: string; depth: number }>(db, sql`select id, path, depth from org_units where id = ${unitId}`);
  return row ? { id: Number(row.id), path: row.path, depth: Number(row.depth), subtree } : undefined;
}

/**
 * The scope predicate on an org_units alias, with the root's path range as parameters rather
 * than read from a join: the planner then estimates the subtree from the path index's
 * statistics and plans a province (a few thousand units: index probes) differently from the
 * national root (everything: hash joins). `subtree = false` is the unit alone. On another table
 * name its columns: a models alias is in scope by `unit_path` and `unit_id` (kept by triggers).
 */
export function inScope(alias: string, scope: Scope, columns: { path: string; id: string } = { path: 'path', id: 'id' }): SQL {
  if (!scope.subtree) return sql`${sql.raw(`${alias}.${columns.id}`)} = ${scope.id}`;
  return underPath(`${alias}.${columns.path}`, scope.path);
}

/**
 * The subtree half of the scope predicate, for callers that hold materialised paths rather than
 * a unit (the photo route's scope): `column` (a path column, "u.path") lies under `path` ("/1/7/"),
 * as a range the text_pattern_ops index serves. Refuses anything that is not a path.
 */
export function underPath(column: string, path: string): SQL {
  if (!/^(\/\d+)+\/$/.test(path)) throw new Error(`not a unit path: ${path}`);
  const upper = `${path.slice(0, -1)}0`;
  return sql`(${sql.raw(column)} operator(pg_catalog.~>=~) ${path}::text and ${sql.raw(column)} operator(pg_catalog.~<~) ${upper}::text)`;
}
