import { sql, type SQL } from 'drizzle-orm';
import { emptyTotals, shiftMonthKey, sumSubmission } from '../../core/figures/arithmetic.js';
import type {
  Capped,
  DigestFigures,
  InactiveModel,
  ModelsByField,
  MonthTotals,
  RaisedText,
  SubunitSubmission,
  UpcomingDeadline,
} from '../../core/figures/types.js';
import type { ModelField, OrgUnitKind, ReviewKind } from '../../core/domain.js';
import { NotFoundError } from '../../core/errors.js';
import { queryRows, type Db } from '../client.js';

/**
 * The shared figures: what the weekly digest, the XLSX/CSV exports and the DOCX review report
 * count, from one set of queries so they never disagree. Each is a set-based aggregate over a
 * unit's subtree (`org_units.path LIKE prefix || '%'`, the text_pattern_ops index), never a
 * row dump, so a province digest and the national roll-up stay cheap.
 *
 * Definitions (kept here, and in the README):
 * - a month is keyed by its first day, "2026-11-01" (periods.starts_on); reports of every
 *   period starting that day count, so a subtree spanning several provinces' schedules works;
 * - only submitted reports count; drafts are "not sent";
 * - a *reporting unit* in a month is a unit (of any kind, not dissolved before the month) with
 *   at least one active model, or one that submitted a report that month anyway: the same units
 *   the schedule invites (secretaries "with registered models"). Units with nothing to report
 *   on (boards, dissolved districts) are not counted as missing;
 * - on time: submitted_at <= the period's due_at.
 */

/** A month list as a Postgres date[] literal: both drivers take it as one text parameter. */
export function monthsParam(months: readonly string[]): SQL {
  for (const m of months) if (!/^\d{4}-\d{2}-01$/.test(m)) throw new Error(`not a month key: ${m}`);
  return sql`${`{${months.join(',')}}`}::date[]`;
}

/**
 * `r.period_id` among the periods of the months, as an array the (unit_id, period_id) index
 * takes, so each unit of a subtree costs one index probe for just those months.
 */
export function periodsOf(months: readonly string[]): SQL {
  return sql`r.period_id = any(array(select id from periods where starts_on = any(${monthsParam(months)})))`;
}

/** The asked unit as a CTE `root(id, path, depth)`: every subtree query starts from it. */
export function rootCte(unitId: number, subtree = true): SQL {
  return sql`root as (
    select id, path, depth, left(path, -1) || '0' as upper, ${subtree}::boolean as subtree from org_units where id = ${unitId}
  )`;
}

/**
 * The scope predicate on an org_units alias joined with `root`: the whole subtree, or with
 * `subtree = false` the unit alone (a secretary's own chi bộ). The prefix is written as a range
 * with the pattern operators (paths are "/1/7/42/": every path under "/1/7/" lies in
 * ["/1/7/", "/1/70")), so the text_pattern_ops index serves it even though the prefix comes
 * from a join, where `LIKE root.path || '%'` could not use it.
 */
export function inRoot(alias: string): SQL {
  return sql.raw(`(${alias}.path operator(pg_catalog.~>=~) root.path and ${alias}.path operator(pg_catalog.~<~) root.upper and (root.subtree or ${alias}.id = root.id))`);
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Submission by direct sub-unit for each month: for every child of the unit (and the unit
 * itself when it reports), how many reporting units its subtree has, how many sent, on time,
 * late, not sent. Children with no reporting unit are left out. Ordered by month, then code.
 */
export async function loadSubmissionBySubunit(db: Db, params: { unitId: number; months: readonly string[]; subtree?: boolean }): Promise<SubunitSubmission[]> {
  if (params.months.length === 0) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${rootCte(params.unitId, params.subtree)},
    months as (select unnest(${monthsParam(params.months)}) as month),
    units as (
      select u.id, u.dissolved_on,
             coalesce(nullif(split_part(u.path, '/', root.depth + 3), '')::int, root.id) as child,
             exists (select 1 from models m where m.unit_id = u.id and m.status = 'active') as has_models
        from org_units u, root
       where ${inRoot('u')}
    ),
    sent as (
      select r.unit_id, p.starts_on as month, (r.submitted_at <= p.due_at) as on_time
        from reports r
        join periods p on p.id = r.period_id
        join units on units.id = r.unit_id
       where r.status = 'submitted' and p.starts_on = any(${monthsParam(params.months)})
         and ${periodsOf(params.months)}
    ),
    counted as (
      select months.month, units.child,
             count(*)::int as expected,
             count(sent.unit_id)::int as submitted,
             count(*) filter (where sent.on_time)::int as on_time
        from months
        cross join units
        left join sent on sent.unit_id = units.id and sent.month = months.month
       where sent.unit_id is not null
          or (units.has_models and (units.dissolved_on is null or units.dissolved_on > months.month))
       group by months.month, units.child
    )
    select counted.month::text as month, c.id, c.code, c.name, c.kind, (c.id = (select id from root)) as self,
           counted.expected, counted.submitted, counted.on_time
      from counted join org_units c on c.id = counted.child
     order by counted.month, (c.id = (select id from root)) desc, c.code`,
  );
  return rows.map((r) => {
    const expected = num(r.expected);
    const submitted = num(r.submitted);
    const onTime = num(r.on_time);
    return {
      month: String(r.month),
      unitId: num(r.id),
      code: String(r.code),
      name: String(r.name),
      kind: r.kind as OrgUnitKind,
      self: r.self === true,
      expected,
      submitted,
      onTime,
      late: submitted - onTime,
      notSent: expected - submitted,
    };
  });
}

/**
 * What the submitted reports of the subtree add up to, per month asked (every month asked is
 * present, with zeros when nothing was sent): reports, meetings, members present / on the roll
 * (only from reports that gave both), model answers, activities, participants.
 */
export async function loadMonthlyTotals(db: Db, params: { unitId: number; months: readonly string[]; subtree?: boolean }): Promise<MonthTotals[]> {
  if (params.months.length === 0) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${rootCte(params.unitId, params.subtree)},
    sent as (
      select r.id, p.starts_on as month, r.no_activity, r.meetings_held, r.members_present, r.members_total
        from reports r
        join periods p on p.id = r.period_id
        join org_units u on u.id = r.unit_id
        cross join root
       where r.status = 'submitted' and p.starts_on = any(${monthsParam(params.months)})
         and ${periodsOf(params.months)}
         and ${inRoot('u')}
    ),
    by_report as (
      select month, count(*)::int as reports,
             count(*) filter (where no_activity)::int as no_activity_reports,
             coalesce(sum(meetings_held), 0)::float8 as meetings_held,
             coalesce(sum(members_present) filter (where members_total is not null and members_present is not null), 0)::float8 as members_present,
             coalesce(sum(members_total) filter (where members_total is not null and members_present is not null), 0)::float8 as members_total
        from sent group by month
    ),
    by_answer as (
      select sent.month, count(*)::int as model_answers,
             coalesce(sum(a.activities), 0)::float8 as activities,
             coalesce(sum(a.participants), 0)::float8 as participants
        from sent join model_answers a on a.report_id = sent.id
       group by sent.month
    )
    select by_report.month::text as month, by_report.*, coalesce(by_answer.model_answers, 0) as model_answers,
           coalesce(by_answer.activities, 0) as activities, coalesce(by_answer.participants, 0) as participants
      from by_report left join by_answer on by_answer.month = by_report.month`,
  );
  const byMonth = new Map(
    rows.map((r) => [
      String(r.month),
      {
        month: String(r.month),
        reports: num(r.reports),
        noActivityReports: num(r.no_activity_reports),
        meetingsHeld: num(r.meetings_held),
        membersPresent: num(r.members_present),
        membersTotal: num(r.members_total),
        modelAnswers: num(r.model_answers),
        activities: num(r.activities),
        participants: num(r.participants),
      } satisfies MonthTotals,
    ]),
  );
  return params.months.map((m) => byMonth.get(m) ?? emptyTotals(m));
}

/**
 * Active models of the subtree with no activity in `month` and the month before (no submitted
 * answer with activities > 0 in either): the "hình thức, chiếu lệ" warning. A model started
 * after the first of those months is not flagged. Returns the count and the first `limit`
 * (by unit code, title), each with the last month it had an activity, if any.
 */
export async function loadInactiveModels(db: Db, params: { unitId: number; month: string; limit?: number; subtree?: boolean }): Promise<Capped<InactiveModel>> {
  const since = shiftMonthKey(params.month, -1);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${rootCte(params.unitId, params.subtree)},
    candidates as materialized (
      select m.id, m.title, u.id as unit_id, u.code, u.name
        from models m
        join org_units u on u.id = m.unit_id
        cross join root
       where m.status = 'active' and ${inRoot('u')}
         and (m.started_on is null or m.started_on <= ${since}::date)
    ),
    active as materialized (
      select distinct a.model_id
        from reports r
        join org_units u on u.id = r.unit_id
        cross join root
        join model_answers a on a.report_id = r.id
       where r.status = 'submitted' and a.activities > 0 and ${inRoot('u')}
         and ${periodsOf([since, params.month])}
    ),
    -- Materialised, so the LIMIT below cannot turn the anti-join into a loop of probes.
    inactive_all as materialized (
      select c.* from candidates c left join active on active.model_id = c.id where active.model_id is null
    ),
    inactive as (
      select i.*, (select count(*) from inactive_all) as total from inactive_all i
       order by i.code, i.title
       limit ${params.limit ?? 50}
    )
    select i.*, (
      select max(p.starts_on)::text from model_answers a
        join reports r on r.id = a.report_id join periods p on p.id = r.period_id
       where a.model_id = i.id and r.status = 'submitted' and a.activities > 0
    ) as last_active
      from inactive i order by i.code, i.title`,
  );
  return {
    total: num(rows[0]?.total),
    items: rows.map((r) => ({
      modelId: num(r.id),
      title: String(r.title),
      unitId: num(r.unit_id),
      unitCode: String(r.code),
      unitName: String(r.name),
      lastActiveMonth: r.last_active === null || r.last_active === undefined ? null : String(r.last_active),
    })),
  };
}

/**
 * Difficulties and proposals raised in the subtree's submitted reports in the months asked:
 * the report's own and each model answer's difficulties. Returns the count and the first
 * `limit`, by month, unit code, proposals after difficulties.
 */
export async function loadRaisedTexts(db: Db, params: { unitId: number; months: readonly string[]; limit?: number; subtree?: boolean }): Promise<Capped<RaisedText>> {
  if (params.months.length === 0) return { total: 0, items: [] };
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${rootCte(params.unitId, params.subtree)},
    ${raisedTextsCte(params.months)}
    select *, count(*) over () as total from raised
     order by month, code, kind, model_title nulls first
     limit ${params.limit ?? 50}`,
  );
  return { total: num(rows[0]?.total), items: rows.map(toRaisedText) };
}

/**
 * The CTE `raised(month, unit_id, code, name, kind, model_title, text)` over a `root` CTE: the
 * export streams the same rows the digest counts.
 */
export function raisedTextsCte(months: readonly string[]): SQL {
  return sql`
    sent as (
      select r.id, r.difficulties, r.proposals, p.starts_on as month, u.id as unit_id, u.code, u.name
        from reports r
        join periods p on p.id = r.period_id
        join org_units u on u.id = r.unit_id
        cross join root
       where r.status = 'submitted' and p.starts_on = any(${monthsParam(months)})
         and ${periodsOf(months)}
         and ${inRoot('u')}
    ),
    raised as (
      select month::text as month, unit_id, code, name, 'difficulty' as kind, null::text as model_title, difficulties as text
        from sent where difficulties is not null and btrim(difficulties) <> ''
      union all
      select month::text, unit_id, code, name, 'proposal', null, proposals
        from sent where proposals is not null and btrim(proposals) <> ''
      union all
      select sent.month::text, sent.unit_id, sent.code, sent.name, 'difficulty', m.title, a.difficulties
        from sent join model_answers a on a.report_id = sent.id join models m on m.id = a.model_id
       where a.difficulties is not null and btrim(a.difficulties) <> ''
    )`;
}

/** A row of the `raised` CTE as the domain names it. */
export function toRaisedText(r: Record<string, unknown>): RaisedText {
  return {
    month: String(r.month),
    unitId: num(r.unit_id),
    unitCode: String(r.code),
    unitName: String(r.name),
    kind: r.kind === 'proposal' ? 'proposal' : 'difficulty',
    modelTitle: r.model_title === null || r.model_title === undefined ? null : String(r.model_title),
    text: String(r.text),
  };
}

/**
 * Review deadlines that concern the unit, due after `after`, soonest first: those set by an
 * ancestor or the unit itself (they cover it), and those set inside its subtree (it oversees them).
 */
export async function loadUpcomingDeadlines(db: Db, params: { unitId: number; after: Date; limit?: number }): Promise<UpcomingDeadline[]> {
  // Deadlines are few (a handful per organisation and year): the ancestor test needs no index.
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${rootCte(params.unitId)}
    select d.id, d.kind, d.title, d.scope_unit_id, s.name as scope_name, d.covers_from::text as covers_from,
           d.covers_to::text as covers_to, d.due_at
      from review_deadlines d
      join org_units s on s.id = d.scope_unit_id
      cross join root
     where d.due_at > ${params.after.toISOString()}::timestamptz
       and (root.path like s.path || '%' or s.path like root.path || '%')
     order by d.due_at, d.id
     limit ${params.limit ?? 10}`,
  );
  return rows.map((r) => ({
    id: num(r.id),
    kind: r.kind as ReviewKind,
    title: String(r.title),
    scopeUnitId: num(r.scope_unit_id),
    scopeUnitName: String(r.scope_name),
    coversFrom: String(r.covers_from),
    coversTo: String(r.covers_to),
    dueAt: new Date(r.due_at as string | Date),
  }));
}

/** Active models of the subtree by field (lĩnh vực), for the review report. */
export async function loadModelsByField(db: Db, params: { unitId: number; subtree?: boolean }): Promise<ModelsByField[]> {
  const rows = await queryRows<{ field: ModelField; count: number }>(
    db,
    sql`
    with ${rootCte(params.unitId, params.subtree)}
    select m.field, count(*)::int as count
      from models m join org_units u on u.id = m.unit_id cross join root
     where m.status = 'active' and ${inRoot('u')}
     group by m.field order by count(*) desc, m.field`,
  );
  return rows.map((r) => ({ field: r.field, count: num(r.count) }));
}

/**
 * Everything the weekly digest shows for a leader's unit and a month, in five aggregate
 * queries: submission by direct sub-unit with its total, the month's totals and the month
 * before's (for the change), models with no activity in this month and the one before, the
 * difficulties and proposals raised this month, and the review deadlines after `now`.
 * Lists are capped (`limits`), each with its full count. Pure arithmetic on the result
 * (rates, changes, Vietnamese numbers) is in src/core/figures/arithmetic.ts.
 */
export async function loadDigestFigures(
  db: Db,
  params: { unitId: number; month: string; now: Date; limits?: { inactiveModels?: number; raised?: number; deadlines?: number } },
): Promise<DigestFigures> {
  const [unit] = await queryRows<{ id: number; code: string; name: string }>(db, sql`select id, code, name from org_units where id = ${params.unitId}`);
  if (!unit) throw new NotFoundError('org unit', String(params.unitId));
  const previousMonth = shiftMonthKey(params.month, -1);
  const bySubunit = await loadSubmissionBySubunit(db, { unitId: unit.id, months: [params.month] });
  const [previous, current] = await loadMonthlyTotals(db, { unitId: unit.id, months: [previousMonth, params.month] });
  const inactiveModels = await loadInactiveModels(db, { unitId: unit.id, month: params.month, limit: params.limits?.inactiveModels ?? 20 });
  const raised = await loadRaisedTexts(db, { unitId: unit.id, months: [params.month], limit: params.limits?.raised ?? 20 });
  const deadlines = await loadUpcomingDeadlines(db, { unitId: unit.id, after: params.now, limit: params.limits?.deadlines ?? 5 });
  return {
    unit: { id: num(unit.id), code: unit.code, name: unit.name },
    month: params.month,
    previousMonth,
    submission: { total: sumSubmission(bySubunit), bySubunit },
    totals: { current: current!, previous: previous! },
    inactiveModels,
    raised,
    deadlines,
  };
}
