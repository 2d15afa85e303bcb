import { sql } from 'drizzle-orm';
import type { ChannelKind, ModelField, ModelStatus, OrgUnitKind, RoleKind } from '../../core/domain.js';
import { foldVietnamese } from '../../core/text.js';
import { queryRows, type Db } from '../client.js';
import { inScope, resolveScope } from './figures.js';
import type { ModelCohorts } from '../../core/models/model-rules.js';

/**
 * The web console's walk through the organisation: a unit's children, a search by name or code
 * inside a scope, a unit's people and models. Scope is the figures' one predicate (resolveScope +
 * inScope); the caller has already checked that the unit asked for is in the viewer's scope.
 */

const num = (v: unknown): number => Number(v ?? 0);

/** A unit as a list shows it. */
export interface UnitListItem {
  id: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  activeModels: number;
  children: number;
  dissolvedOn: string | null;
}

function toItem(r: Record<string, unknown>): UnitListItem {
  return {
    id: num(r.id),
    code: String(r.code),
    name: String(r.name),
    kind: r.kind as OrgUnitKind,
    activeModels: num(r.active_models),
    children: num(r.children),
    dissolvedOn: r.dissolved_on === null || r.dissolved_on === undefined ? null : String(r.dissolved_on),
  };
}

/** A unit's direct children by code, each with how many children it has in turn (capped). */
export async function listChildUnits(db: Db, p: { unitId: number; limit: number }): Promise<UnitListItem[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id, c.code, c.name, c.kind, c.active_models, c.dissolved_on::text as dissolved_on,
               (select count(*) from org_units g where g.parent_id = c.id)::int as children
          from org_units c where c.parent_id = ${p.unitId}
         order by c.code limit ${p.limit}`,
  );
  return rows.map(toItem);
}

/** A unit offered in a list to choose from (the Xuất page's unit select). */
export interface UnitChoice {
  id: number;
  code: string;
  name: string;
  /** Levels below the scope root it was found under (0: the root itself). */
  level: number;
}

/**
 * The units of one scope root to choose from, level by level from the root down (through the
 * parent index, one query per level), as deep as whole levels fit in `limit`: a secretary gets
 * their unit, a commune leader the commune and its chi bộ, a province leader the province and
 * its communes, a national admin the nation and its provinces. Units deeper than that are still
 * reachable by typing their code. In tree order.
 */
export async function listScopeUnitChoices(db: Db, p: { unitId: number; subtree: boolean; limit: number }): Promise<UnitChoice[]> {
  const [root] = await queryRows<Record<string, unknown>>(db, sql`select id, code, name from org_units where id = ${p.unitId}`);
  if (!root) return [];
  const children = new Map<number, UnitChoice[]>();
  let count = 1;
  let parents = [num(root.id)];
  for (let level = 1; p.subtree && parents.length > 0; level += 1) {
    const room = p.limit - count;
    if (room <= 0) break;
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select id, code, name, parent_id from org_units
           where parent_id in (${sql.join(parents.map((id) => sql`${id}`), sql`, `)})
           order by code limit ${room + 1}`,
    );
    // A level that does not fit whole is left out: half of a level would hide units at random.
    if (rows.length > room) break;
    for (const r of rows) {
      const siblings = children.get(num(r.parent_id)) ?? [];
      siblings.push({ id: num(r.id), code: String(r.code), name: String(r.name), level });
      children.set(num(r.parent_id), siblings);
    }
    count += rows.length;
    parents = rows.map((r) => num(r.id));
  }
  // Tree order: each unit followed by its own units, siblings by code.
  const ordered: UnitChoice[] = [];
  const visit = (choice: UnitChoice) => {
    ordered.push(choice);
    for (const child of children.get(choice.id) ?? []) visit(child);
  };
  visit({ id: num(root.id), code: String(root.code), name: String(root.name), level: 0 });
  return ordered;
}

/**
 * Every Vietnamese letter with a diacritic (both cases) and its plain lower-case letter, for
 * SQL's translate(): folding names in the query works the same on every collation (lower() of
 * "Đ" under the C collation does nothing) and on PGlite, without the unaccent extension.
 */
export const FOLD = (() => {
  let from = '';
  let to = '';
  const ranges: [number, number][] = [[0xc0, 0x1b0], [0x1ea0, 0x1ef9]];
  for (const [lo, hi] of ranges) {
    for (let cp = lo; cp <= hi; cp++) {
      const ch = String.fromCodePoint(cp);
      const plain = foldVietnamese(ch);
      if (/^[a-z]$/.test(plain) && ch !== plain) {
        from += ch;
        to += plain;
      }
    }
  }
  return { from, to };
})();

/**
 * Units of a scope whose name or code contains the words typed, without diacritics or case
 * ("dak to lung" finds "Đăk Tơ Lung"), shallowest first, then by code; capped.
 */
export async function searchUnits(db: Db, p: { unitId: number; subtree: boolean; query: string; limit: number }): Promise<UnitListItem[]> {
  const words = foldVietnamese(p.query).split(' ').filter(Boolean).slice(0, 8);
  if (words.length === 0) return [];
  const folded = sql`lower(translate(u.name, ${FOLD.from}, ${FOLD.to})) || ' ' || lower(u.code)`;
  const matches = words.map((w) => sql`${folded} like ${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const scope = await resolveScope(db, p.unitId, p.subtree);
  if (!scope) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.id, u.code, u.name, u.kind, u.active_models, u.dissolved_on::text as dissolved_on,
               (select count(*) from org_units g where g.parent_id = u.id)::int as children
          from org_units u
         where ${inScope('u', scope)} and ${sql.join(matches, sql` and `)}
         order by u.depth, u.code limit ${p.limit}`,
  );
  return rows.map(toItem);
}

/** A person holding a role in a unit, with the channels they are on and when they last wrote. */
export interface UnitPerson {
  personId: number;
  fullName: string;
  role: RoleKind;
  title: string | null;
  channels: ChannelKind[];
  lastSeenAt: Date | null;
}

/** The people with a current role in a unit: secretaries and deputies first, then leaders, admins. */
export async function listUnitPeople(db: Db, unitId: number): Promise<UnitPerson[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id, p.full_name, ur.role, ur.title,
               coalesce((select array_agg(distinct ca.channel::text) from channel_accounts ca where ca.person_id = p.id and ca.blocked_at is null), '{}') as channels,
               (select max(ca.last_inbound_at) from channel_accounts ca where ca.person_id = p.id) as last_seen
          from unit_roles ur join people p on p.id = ur.person_id
         where ur.unit_id = ${unitId} and ur.ended_at is null
         order by array_position(array['secretary','deputy','leader','admin']::text[], ur.role::text), p.full_name
         limit 200`,
  );
  return rows.map((r) => ({
    personId: num(r.id),
    fullName: String(r.full_name),
    role: r.role as RoleKind,
    title: r.title === null ? null : String(r.title),
    channels: (Array.isArray(r.channels) ? r.channels : parsePgArray(String(r.channels ?? '{}'))) as ChannelKind[],
    lastSeenAt: r.last_seen ? new Date(r.last_seen as string | Date) : null,
  }));
}

/** "{telegram,zalo}" → ["telegram", "zalo"]: an array as text, when a driver leaves it so. */
function parsePgArray(text: string): string[] {
  return text.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

/** A model as lists show it. */
export interface ModelListItem {
  id: number;
  title: string;
  field: ModelField;
  status: ModelStatus;
  startedOn: string | null;
  lastActiveMonth: string | null;
  unitId: number;
  unitCode: string;
  unitName: string;
}

function toModel(r: Record<string, unknown>): ModelListItem {
  return {
    id: num(r.id),
    title: String(r.title),
    field: r.field as ModelField,
    status: r.status as ModelStatus,
    startedOn: r.started_on ? String(r.started_on) : null,
    lastActiveMonth: r.last_active_month ? String(r.last_active_month) : null,
    unitId: num(r.unit_id),
    unitCode: String(r.code),
    unitName: String(r.name),
  };
}

/** A unit's own models, in the order the check-in asks them. */
export async function listUnitModels(db: Db, unitId: number): Promise<ModelListItem[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select m.id, m.title, m.field, m.status, m.started_on::text as started_on, m.last_active_month::text as last_active_month,
               u.id as unit_id, u.code, u.name
          from models m join org_units u on u.id = m.unit_id
         where m.unit_id = ${unitId} order by m.id limit 200`,
  );
  return rows.map(toModel);
}

/**
 * The models of a scope, filtered by field, status and "no activity since" a month (never
 * active, or last active before it: models.last_active_month, kept by triggers), by unit code
 * and title, one page at a time with the full count.
 */
export async function listScopeModels(
  db: Db,
  p: { unitId: number; subtree: boolean; field?: ModelField; status?: ModelStatus; inactiveSince?: string; limit: number; offset: number },
): Promise<{ total: number; items: ModelListItem[] }> {
  const filters = [
    p.field ? sql`m.field = ${p.field}` : null,
    p.status ? sql`m.status = ${p.status}` : null,
    p.inactiveSince ? sql`(m.last_active_month is null or m.last_active_month < ${p.inactiveSince}::date)` : null,
  ].filter((f) => f !== null);
  const scope = await resolveScope(db, p.unitId, p.subtree);
  if (!scope) return { total: 0, items: [] };
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select m.id, m.title, m.field, m.status, m.started_on::text as started_on, m.last_active_month::text as last_active_month,
               u.id as unit_id, u.code, u.name, count(*) over () as total
          from models m join org_units u on u.id = m.unit_id
         where ${inScope('u', scope)}${filters.length > 0 ? sql` and ${sql.join(filters, sql` and `)}` : sql``}
         order by u.code, m.title limit ${p.limit} offset ${p.offset}`,
  );
  return { total: num(rows[0]?.total), items: rows.map(toModel) };
}

/** One model with its unit's path (for the scope check). */
export async function findModelWithUnit(db: Db, modelId: number): Promise<(ModelListItem & { unitPath: string; description: string | null }) | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select m.id, m.title, m.field, m.status, m.started_on::text as started_on, m.last_active_month::text as last_active_month,
               m.description, u.id as unit_id, u.code, u.name, u.path
          from models m join org_units u on u.id = m.unit_id where m.id = ${modelId}`,
  );
  return row ? { ...toModel(row), unitPath: String(row.path), description: row.description ? String(row.description) : null } : undefined;
}

/** One month of a model as its unit reported it. */
export interface ModelMonth {
  month: string;
  reportId: number;
  activities: number | null;
  participants: number | null;
  progress: string | null;
  results: string | null;
}

/** A model's monthly series from submitted reports, newest first (up to `months`). */
export async function listModelMonths(db: Db, p: { modelId: number; months: number }): Promise<ModelMonth[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.starts_on::text as month, r.id as report_id, a.activities, a.participants, a.progress::text as progress, a.results
          from model_answers a
          join reports r on r.id = a.report_id and r.status = 'submitted'
          join periods p on p.id = r.period_id
         where a.model_id = ${p.modelId}
         order by p.starts_on desc limit ${p.months}`,
  );
  return rows.map((r) => ({
    month: String(r.month),
    reportId: num(r.report_id),
    activities: r.activities === null ? null : num(r.activities),
    participants: r.participants === null ? null : num(r.participants),
    progress: r.progress ? String(r.progress) : null,
    results: r.results ? String(r.results) : null,
  }));
}

/**
 * How a scope's running models (active or paused) split, as the seeds' reports count them: kept
 * from before `year` (or without a start date), new since its first day, and replicated ones.
 */
export async function countModelCohorts(db: Db, p: { unitId: number; subtree: boolean; year: number }): Promise<ModelCohorts> {
  const since = `${p.year}-01-01`;
  const scope = await resolveScope(db, p.unitId, p.subtree);
  if (!scope) return { year: p.year, total: 0, kept: 0, fresh: 0, replicated: 0 };
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select count(*)::int as total,
               count(*) filter (where m.started_on is null or m.started_on < ${since}::date)::int as kept,
               count(*) filter (where m.started_on >= ${since}::date)::int as fresh,
               count(*) filter (where m.replicated_from_id is not null)::int as replicated
          from models m join org_units u on u.id = m.unit_id
         where ${inScope('u', scope)} and m.status in ('active', 'paused')`,
  );
  return { year: p.year, total: num(row?.total), kept: num(row?.kept), fresh: num(row?.fresh), replicated: num(row?.replicated) };
}
