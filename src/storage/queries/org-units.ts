import { asc, eq, inArray, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { OrgUnitKind } from '../../core/domain.js';
import { queryRows, type Db } from '../client.js';
import { orgUnits } from '../schema/index.js';
import type { OrgUnitRow } from '../types.js';

/** A unit to create or update by its code; the parent is given by id (already resolved). */
export interface UnitInput {
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentId: number | null;
  dissolvedOn?: string | null;
}

/** Every unit's code and its parent's code: what an import checks a file against. */
export async function listUnitParents(db: Db): Promise<Map<string, string | null>> {
  const parent = alias(orgUnits, 'parent');
  const rows = await db
    .select({ code: orgUnits.code, parentCode: parent.code })
    .from(orgUnits)
    .leftJoin(parent, eq(parent.id, orgUnits.parentId));
  return new Map(rows.map((row) => [row.code, row.parentCode]));
}

/** Ids of the units with these codes (missing codes are simply absent from the map). */
export async function findUnitIdsByCodes(db: Db, codes: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < codes.length; i += 5000) {
    const chunk = codes.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    const rows = await db.select({ id: orgUnits.id, code: orgUnits.code }).from(orgUnits).where(inArray(orgUnits.code, chunk));
    for (const row of rows) found.set(row.code, row.id);
  }
  return found;
}

export async function findUnitByCode(db: Db, code: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.code, code));
  return row;
}

export async function findUnitById(db: Db, id: number): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row;
}

/**
 * Creates units or updates them by code, many per statement. Re-parenting an existing unit
 * moves its whole subtree (the database trigger rewrites the paths). Returns code → id.
 */
export async function upsertUnits(db: Db, units: readonly UnitInput[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < units.length; i += 1000) {
    const rows = await db
      .insert(orgUnits)
      .values(units.slice(i, i + 1000).map((u) => ({ ...u, dissolvedOn: u.dissolvedOn ?? null })))
      .onConflictDoUpdate({
        target: orgUnits.code,
        set: {
          name: sql`excluded.name`,
          kind: sql`excluded.kind`,
          parentId: sql`excluded.parent_id`,
          dissolvedOn: sql`excluded.dissolved_on`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: orgUnits.id, code: orgUnits.code });
    for (const row of rows) ids.set(row.code, row.id);
  }
  return ids;
}

/** A unit and everything under it, shallowest first: one indexed prefix scan on the path. */
export async function listSubtree(db: Db, rootId: number): Promise<OrgUnitRow[]> {
  const root = db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, rootId));
  return db
    .select()
    .from(orgUnits)
    .where(like(orgUnits.path, sql`(${root}) || '%'`))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.code));
}

/**
 * A digest of everything an import writes (units, people, roles, models), compared before and
 * after an import to tell the administrator whether it changed anything. Reads the whole tables:
 * an import is rare and already writes to all of them.
 */
export async function fingerprintOrganisation(db: Db): Promise<string> {
  const [row] = await queryRows<{ digest: string }>(
    db,
    sql`select md5(concat_ws('|',
          (select string_agg(concat_ws(',', id, code, name, kind, parent_id, dissolved_on), ';' order by id) from org_units),
          (select string_agg(concat_ws(',', id, full_name, phone), ';' order by id) from people),
          (select string_agg(concat_ws(',', person_id, unit_id, role, title, ended_at), ';' order by person_id, unit_id, role) from unit_roles),
          (select string_agg(concat_ws(',', id, unit_id, title, field, started_on, status, description), ';' order by id) from models))) as digest`,
  );
  return row?.digest ?? '';
}

export async function countUnits(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgUnits);
  return row?.n ?? 0;
}

/** A unit and its ancestors, the unit first: for the place and the superior of a document. */
export async function listAncestors(db: Db, unitId: number): Promise<OrgUnitRow[]> {
  const unit = await findUnitById(db, unitId);
  if (!unit) return [];
  const ids = unit.path.split('/').filter(Boolean).map(Number);
  const rows = await db.select().from(orgUnits).where(inArray(orgUnits.id, ids));
  return rows.sort((a, b) => b.depth - a.depth);
}
