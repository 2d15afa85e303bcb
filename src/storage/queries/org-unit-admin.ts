import { sql } from 'drizzle-orm';
import type { OrgUnitKind } from '../../core/domain.js';
import { queryRows, type Db } from '../client.js';
import { inScope } from './figures.js';

/**
 * The admin console's reads and writes of the organisation tree (issue 17): a level of the tree
 * with its counts, a unit as a form edits it (with its version), versioned updates, and what
 * stopping a unit cancels. Scope checks are the caller's (the unit's path against the admin root).
 */

const num = (v: unknown): number => Number(v ?? 0);

/** A unit as the admin forms read it; `version` is its updated_at (the form's «phiên bản»). */
export interface AdminUnit {
  id: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentId: number | null;
  parentCode: string | null;
  path: string;
  depth: number;
  dissolvedOn: string | null;
  version: Date;
}

const UNIT_COLUMNS = sql`u.id, u.code, u.name, u.kind, u.parent_id, p.code as parent_code, u.path, u.depth, u.dissolved_on::text as dissolved_on, u.updated_at`;

function toUnit(r: Record<string, unknown>): AdminUnit {
  return {
    id: num(r.id),
    code: String(r.code),
    name: String(r.name),
    kind: r.kind as OrgUnitKind,
    parentId: r.parent_id === null ? null : num(r.parent_id),
    parentCode: r.parent_code === null || r.parent_code === undefined ? null : String(r.parent_code),
    path: String(r.path),
    depth: num(r.depth),
    dissolvedOn: r.dissolved_on === null || r.dissolved_on === undefined ? null : String(r.dissolved_on),
    version: new Date(r.updated_at as string | Date),
  };
}

/** One unit by id, with its parent's code and its version. */
export async function findAdminUnit(db: Db, id: number): Promise<AdminUnit | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`select ${UNIT_COLUMNS} from org_units u left join org_units p on p.id = u.parent_id where u.id = ${id}`);
  return row ? toUnit(row) : undefined;
}

/** One unit by code (any organisation: the caller checks the scope). */
export async function findAdminUnitByCode(db: Db, code: string): Promise<AdminUnit | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`select ${UNIT_COLUMNS} from org_units u left join org_units p on p.id = u.parent_id where u.code = ${code}`);
  return row ? toUnit(row) : undefined;
}

/** What the tree shows beside a unit: its own sub-units, and over its whole subtree (itself included) the rest. */
export interface UnitCounts {
  subUnits: number;
  /** Units of the subtree that report (an active model, not stopped). */
  reportingUnits: number;
  activeModels: number;
  /** People with a current role in the subtree. */
  people: number;
  /** Of them, secretaries and deputies with a chat account that is not blocked. */
  boundAnswerers: number;
}

/** A unit in the tree with its counts. */
export interface TreeUnit {
  id: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  dissolvedOn: string | null;
  counts: UnitCounts;
}

/**
 * A unit's direct sub-units by code (up to `limit`), each with its counts, and the unit's own
 * counts. The people counts come from one scan of the unit's subtree (an index range on the
 * path), grouped by the sub-unit each row lies under; the model and reporting counts from the
 * roll-ups the triggers keep.
 */
export async function listTreeLevel(db: Db, p: { unit: { id: number; path: string; depth: number }; limit: number }): Promise<{ self: UnitCounts; children: TreeUnit[] }> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with kids as (select c.id, c.code, c.name, c.kind, c.dissolved_on::text as dissolved_on from org_units c where c.parent_id = ${p.unit.id} order by c.code limit ${p.limit}),
        held as (
          select case when d.id = ${p.unit.id} then ${p.unit.id} else split_part(d.path, '/', ${p.unit.depth + 3})::int end as under,
                 ur.person_id, ur.role,
                 exists (select 1 from channel_accounts a where a.person_id = ur.person_id and a.blocked_at is null) as bound
            from org_units d
            join unit_roles ur on ur.unit_id = d.id and ur.ended_at is null
           where ${inScope('d', { ...p.unit, subtree: true })}
        ),
        people as (
          select under, count(distinct person_id) as people,
                 count(distinct person_id) filter (where role in ('secretary', 'deputy') and bound) as bound
            from held group by under
          union all
          select -1, count(distinct person_id), count(distinct person_id) filter (where role in ('secretary', 'deputy') and bound) from held
        ),
        listed as (select id, code, name, kind, dissolved_on, 1 as ord from kids union all select id, code, name, kind, dissolved_on::text, 0 from org_units where id = ${p.unit.id})
        select l.id, l.code, l.name, l.kind, l.dissolved_on, l.ord,
               (select count(*) from org_units g where g.parent_id = l.id) as sub_units,
               coalesce((select sum(s.units) from subtree_reporting_units s where s.unit_id = l.id and s.dissolved_on = 'infinity'), 0) as reporting,
               coalesce((select sum(s.models) from subtree_active_models s where s.unit_id = l.id), 0) as models,
               coalesce(pe.people, 0) as people, coalesce(pe.bound, 0) as bound
          from listed l
          left join people pe on pe.under = case when l.ord = 0 then -1 else l.id end
         order by l.ord, l.code`,
  );
  const counts = (r: Record<string, unknown>): UnitCounts => ({
    subUnits: num(r.sub_units),
    reportingUnits: num(r.reporting),
    activeModels: num(r.models),
    people: num(r.people),
    boundAnswerers: num(r.bound),
  });
  const selfRow = rows.find((r) => num(r.ord) === 0);
  return {
    self: selfRow ? counts(selfRow) : { subUnits: 0, reportingUnits: 0, activeModels: 0, people: 0, boundAnswerers: 0 },
    children: rows
      .filter((r) => num(r.ord) === 1)
      .map((r) => ({ id: num(r.id), code: String(r.code), name: String(r.name), kind: r.kind as OrgUnitKind, dissolvedOn: r.dissolved_on === null ? null : String(r.dissolved_on), counts: counts(r) })),
  };
}

/** The sub-units of some units (the tree's next level, folded under each), by code, up to `perParent` each. */
export async function listGrandchildren(db: Db, p: { parentIds: readonly number[]; perParent: number }): Promise<Map<number, { id: number; code: string; name: string; subUnits: number; dissolvedOn: string | null }[]>> {
  const out = new Map<number, { id: number; code: string; name: string; subUnits: number; dissolvedOn: string | null }[]>();
  if (p.parentIds.length === 0) return out;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select * from (
          select g.id, g.code, g.name, g.parent_id, g.dissolved_on::text as dissolved_on,
                 (select count(*) from org_units x where x.parent_id = g.id) as sub_units,
                 row_number() over (partition by g.parent_id order by g.code) as n
            from org_units g where g.parent_id = any(${`{${p.parentIds.join(',')}}`}::int[])) t
         where n <= ${p.perParent} order by parent_id, code`,
  );
  for (const r of rows) {
    const list = out.get(num(r.parent_id)) ?? [];
    list.push({ id: num(r.id), code: String(r.code), name: String(r.name), subUnits: num(r.sub_units), dissolvedOn: r.dissolved_on === null ? null : String(r.dissolved_on) });
    out.set(num(r.parent_id), list);
  }
  return out;
}

/** A new unit under a parent; the trigger sets its path and depth. */
export async function insertUnit(db: Db, p: { code: string; name: string; kind: OrgUnitKind; parentId: number }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into org_units (code, name, kind, parent_id) values (${p.code}, ${p.name}, ${p.kind}, ${p.parentId}) returning id`,
  );
  return num(row!.id);
}

/**
 * Changes a unit if it is still at the version the form was loaded with (to the millisecond, as
 * the form carries it), and moves its version on; false: someone changed it meanwhile.
 * Re-parenting moves the subtree (the trigger rewrites the paths and refuses a cycle).
 */
export async function updateUnitIfVersion(
  db: Db,
  p: { id: number; version: Date; name?: string; kind?: OrgUnitKind; parentId?: number; dissolvedOn?: string | null },
): Promise<boolean> {
  const sets = [
    p.name !== undefined ? sql`name = ${p.name}` : null,
    p.kind !== undefined ? sql`kind = ${p.kind}` : null,
    p.parentId !== undefined ? sql`parent_id = ${p.parentId}` : null,
    p.dissolvedOn !== undefined ? sql`dissolved_on = ${p.dissolvedOn}::date` : null,
    sql`updated_at = greatest(now(), updated_at + interval '1 millisecond')`,
  ].filter((s) => s !== null);
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update org_units set ${sql.join(sets, sql`, `)}
         where id = ${p.id} and date_trunc('milliseconds', updated_at) = ${p.version.toISOString()}::timestamptz returning id`,
  );
  return rows.length > 0;
}

/** Stops the units still active under a unit (its subtree, itself excluded) from a day: their ids. */
export async function dissolveSubtree(db: Db, p: { unit: { id: number; path: string }; on: string }): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update org_units set dissolved_on = ${p.on}::date, updated_at = now()
         where path like ${`${p.unit.path}%`} and id <> ${p.unit.id} and dissolved_on is null returning id`,
  );
  return rows.map((r) => num(r.id));
}

/** How many units under a unit (itself excluded) are still active. */
export async function countActiveBelow(db: Db, unit: { id: number; path: string }): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*) as n from org_units where path like ${`${unit.path}%`} and id <> ${unit.id} and dissolved_on is null`);
  return num(row?.n);
}

/**
 * Notices still waiting about units that stopped (the month's invitation, reminders, an opened
 * month, a review deadline's notice to their secretaries): cancelled, so nothing more is sent
 * for them. Scheduled notices are never queued for a stopped unit (reportingUnits).
 */
export async function cancelPendingNoticesForUnits(db: Db, unitIds: readonly number[]): Promise<number> {
  if (unitIds.length === 0) return 0;
  const ids = `{${unitIds.join(',')}}`;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update outbound_messages o set status = 'cancelled', last_error = 'the unit stopped'
         where o.status = 'pending'
           and ((o.payload->>'notice' in ('period-open', 'reminder', 'month-opened') and o.payload #>> '{params,unitId}' = any(${ids}::text[]))
             or (o.payload->>'notice' = 'review' and exists (
                   select 1 from org_units u join unit_roles ur on ur.unit_id = u.id and ur.role in ('secretary', 'deputy') and ur.ended_at is null
                     join channel_accounts a on a.person_id = ur.person_id
                    where u.id = any(${ids}::int[]) and a.id = o.account_id and u.name = o.payload #>> '{params,unit}')))
         returning o.id`,
  );
  return rows.length;
}
