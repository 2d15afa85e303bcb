import type { z } from 'zod';
import { AppError } from './errors.js';

/**
 * A JSON value the database holds that does not parse as any shape it ever had: named by its
 * table, row and column, so the row can be found and mended, instead of a crash later on a
 * missing field.
 */
export class StoredJsonError extends AppError {
  override readonly name = 'StoredJsonError';
  constructor(where: { table: string; column: string; id: number | string }, issues: string) {
    super('STORED_JSON_INVALID', `${where.table} row ${where.id}: ${where.column} does not parse (${issues})`, { context: { ...where } });
  }
}

/**
 * How a jsonb column is read: its current schema (`version` says which), and the one upgrade
 * that turns every older shape the column ever held into the current one. Read only through
 * readStoredJson, so older shapes are handled in this one place and not case by case.
 */
export interface StoredJsonFormat<T, Row = unknown> {
  table: string;
  column: string;
  /** The version of `schema`; raised, with `upgrade` taught the previous shape, whenever the shape changes. */
  version: number;
  schema: z.ZodType<T>;
  /**
   * Turns an older shape into the current one (given the row, for what it kept outside the JSON);
   * a value it does not recognise is returned as it is, and then fails to parse.
   */
  upgrade: (value: unknown, row: Row) => unknown;
}

/** Reads a stored JSON value through its format: the current shape as it is, an older one upgraded; anything else a StoredJsonError. */
export function readStoredJson<T, Row>(format: StoredJsonFormat<T, Row>, id: number | string, value: unknown, row: Row): T {
  const direct = format.schema.safeParse(value);
  if (direct.success) return direct.data;
  const upgraded = format.schema.safeParse(format.upgrade(value, row));
  if (upgraded.success) return upgraded.data;
  const issues = upgraded.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`)
    .join('; ');
  throw new StoredJsonError({ table: format.table, column: format.column, id }, issues);
}

/** Whether a value is a plain JSON object (not null, not an array): what an upgrade looks into. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
