import { sql, type SQL } from 'drizzle-orm';
import type { GoodDeedMonthRow, ModelMonthRow, ModelPeriodRow, RaisedText, UnitMonthRow } from '../../core/figures/types.js';
import type { ModelField } from '../../core/domain.js';
import { queryRows, type Db } from '../client.js';
import { streamRows } from '../cursor.js';
import { inScope, monthsParam, periodsOf, raisedTextsCte, resolveScope, toRaisedText, type Scope } from './figures.js';

/**
 * The rows behind an export's sheets, streamed through a cursor (call inside a transaction).
 * They use the same definitions as the figures in ./figures.ts (reporting units, submitted
 * reports, on time), so a sheet adds up to what the digest and the review report say.
 */
export interface RowsParams {
  unitId: number;
  months: readonly string[];
  /** False: the unit alone (a secretary's export); default: the whole subtree. */
  subtree?: boolean;
  pageSize?: number;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The submitted reports of the scope in the months, as a CTE `sent`. */
export function sentCte(scope: Scope, months: readonly string[]): SQL {
  return sql`sent as (
      select r.*, p.starts_on as month, p.due_at, u.code, u.name as unit_name
        from reports r
        join periods p on p.id = r.period_id
        join org_units u on u.id = r.unit_id
       where r.status = 'submitted' and p.starts_on = any(${monthsParam(months)})
         and ${periodsOf(months)}
         and ${inScope('u', scope)}
    )`;
}

/**
 * The rows of a query over the asked scope (figures.ts's one scope helper), page by page; none
 * when the unit does not exist.
 */
async function* mapped<T>(tx: Db, p: RowsParams, query: (scope: Scope) => SQL, map: (r: Record<string, unknown>) => T): AsyncGenerator<T[]> {
  const scope = await resolveScope(tx, p.unitId, p.subtree);
  if (!scope) return;
  for await (const page of streamRows<Record<string, unknown>>(tx, query(scope), p.pageSize)) yield page.map(map);
}

/** Every reporting unit in every month (sent on time, late, or not), by month and unit code. */
export function streamUnitMonths(tx: Db, p: RowsParams): AsyncGenerator<UnitMonthRow[]> {
  const query = (scope: Scope) => sql`
    with months as (select unnest(${monthsParam(p.months)}) as month),
    units as (
      select u.id, u.code, u.name, u.parent_id, u.dissolved_on,
             exists (select 1 from models m where m.unit_id = u.id and m.status = 'active') as has_models
        from org_units u where ${inScope('u', scope)}
    ),
    ${sentCte(scope, p.months)}
    select months.month::text as month, units.code, units.name, parent.name as parent_name,
           sent.submitted_at, (sent.submitted_at <= sent.due_at) as on_time, sent.no_activity,
           sent.meetings_held, sent.members_present, sent.members_total, sent.themed_session_held, sent.review_state::text as review_state,
           sent.question_set_id, sent.answers
      from months cross join units
      left join sent on sent.unit_id = units.id and sent.month = months.month
      left join org_units parent on parent.id = units.parent_id
     where sent.id is not null
        or (units.has_models and (units.dissolved_on is null or units.dissolved_on > months.month))
     order by months.month, units.code`;
  return mapped(tx, p, query, (r) => ({
    month: String(r.month),
    unitCode: String(r.code),
    unitName: String(r.name),
    parentName: str(r.parent_name),
    status: r.submitted_at === null ? 'not_sent' : r.on_time === true ? 'on_time' : 'late',
    submittedAt: r.submitted_at === null ? null : new Date(r.submitted_at as string | Date),
    noActivity: r.no_activity === true,
    meetingsHeld: num(r.meetings_held),
    membersPresent: num(r.members_present),
    membersTotal: num(r.members_total),
    themedSessionHeld: r.themed_session_held === null || r.themed_session_held === undefined ? null : r.themed_session_held === true,
    reviewState: r.review_state === 'pending' || r.review_state === 'approved' || r.review_state === 'returned' ? r.review_state : null,
    questionSetId: num(r.question_set_id),
    answers: r.answers ?? null,
  }));
}

/** Every model answer of the subtree's submitted reports, by month, unit code, model. */
export function streamModelMonths(tx: Db, p: RowsParams): AsyncGenerator<ModelMonthRow[]> {
  const query = (scope: Scope) => sql`
    with ${sentCte(scope, p.months)}
    select sent.month::text as month, sent.code, sent.unit_name, m.title, m.field, a.activities, a.participants,
           a.progress, a.results, a.difficulties, sent.question_set_id, a.answers
      from sent join model_answers a on a.report_id = sent.id join models m on m.id = a.model_id
     order by sent.month, sent.code, m.id`;
  return mapped(tx, p, query, (r) => ({
    month: String(r.month),
    unitCode: String(r.code),
    unitName: String(r.unit_name),
    modelTitle: String(r.title),
    field: r.field as ModelField,
    activities: num(r.activities),
    participants: num(r.participants),
    progress: str(r.progress),
    results: str(r.results),
    difficulties: str(r.difficulties),
    questionSetId: Number(r.question_set_id),
    answers: r.answers ?? null,
  }));
}

/** Difficulties and proposals raised, the same rows the digest counts. */
export function streamRaisedTexts(tx: Db, p: RowsParams): AsyncGenerator<RaisedText[]> {
  const query = (scope: Scope) => sql`
    with ${raisedTextsCte(scope, p.months)}
    select * from raised order by month, code, kind, model_title nulls first`;
  return mapped(tx, p, query, toRaisedText);
}

/** Good deeds (người tốt, việc tốt) of the subtree's submitted reports. */
export function streamGoodDeeds(tx: Db, p: RowsParams): AsyncGenerator<GoodDeedMonthRow[]> {
  const query = (scope: Scope) => sql`
    with ${sentCte(scope, p.months)}
    select sent.month::text as month, sent.code, sent.unit_name, g.person_name, g.description
      from sent join good_deeds g on g.report_id = sent.id
     order by sent.month, sent.code, g.id`;
  return mapped(tx, p, query, (r) => ({
    month: String(r.month),
    unitCode: String(r.code),
    unitName: String(r.unit_name),
    personName: str(r.person_name),
    description: String(r.description),
  }));
}

/**
 * Each model of the subtree over the whole range (months reported, activities, participants,
 * the latest progress), for the review report's appendix; capped at `limit` with the full count.
 */
export async function loadModelPeriodRows(db: Db, p: RowsParams & { limit: number }): Promise<{ total: number; items: ModelPeriodRow[] }> {
  const scope = await resolveScope(db, p.unitId, p.subtree);
  if (!scope) return { total: 0, items: [] };
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${sentCte(scope, p.months)},
    per_model as (
      select a.model_id, count(*)::int as months_reported, coalesce(sum(a.activities), 0)::float8 as activities,
             coalesce(sum(a.participants), 0)::float8 as participants,
             (array_agg(a.progress order by sent.month desc))[1]::text as last_progress
        from sent join model_answers a on a.report_id = sent.id
       group by a.model_id
    )
    select u.code, u.name, m.title, m.field, coalesce(pm.months_reported, 0) as months_reported,
           coalesce(pm.activities, 0) as activities, coalesce(pm.participants, 0) as participants,
           pm.last_progress, count(*) over () as total
      from models m join org_units u on u.id = m.unit_id
      left join per_model pm on pm.model_id = m.id
     where ${inScope('u', scope)} and (m.status = 'active' or pm.model_id is not null)
     order by u.code, m.id
     limit ${p.limit}`,
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      unitCode: String(r.code),
      unitName: String(r.name),
      modelTitle: String(r.title),
      field: r.field as ModelField,
      monthsReported: Number(r.months_reported),
      activities: Number(r.activities),
      participants: Number(r.participants),
      lastProgress: str(r.last_progress),
    })),
  };
}

/** The first `limit` good deeds and notable model results of the range: the review report's examples. */
export async function loadExamples(db: Db, p: RowsParams & { limit: number }): Promise<{ unitName: string; modelTitle: string | null; personName: string | null; text: string }[]> {
  const scope = await resolveScope(db, p.unitId, p.subtree);
  if (!scope) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${sentCte(scope, p.months)}
    (select sent.unit_name, null::text as model_title, g.person_name, g.description as text, sent.month, 0 as ord
       from sent join good_deeds g on g.report_id = sent.id
      order by sent.month desc, sent.code limit ${p.limit})
    union all
    (select sent.unit_name, m.title, null::text, a.results, sent.month, 1
       from sent join model_answers a on a.report_id = sent.id join models m on m.id = a.model_id
      where a.results is not null and btrim(a.results) <> ''
      order by sent.month desc, sent.code limit ${p.limit})
    order by ord, month desc`,
  );
  return rows.map((r) => ({ unitName: String(r.unit_name), modelTitle: str(r.model_title), personName: str(r.person_name), text: String(r.text) }));
}

