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
import { countReviewStates, listReviewCandidates } from './report-review.js';
import { queryRows, type Db } from '../client.js';
import { inScope, resolveScope, type Scope } from './scope.js';

/**
 * The shared figures: what the weekly digest, the XLSX/CSV exports and the DOCX review report
 * count, from one set of queries so they never disagree. The sums come from roll-up tables
 * kept by triggers in the same transaction as each write (migrations 0008 and 0010): a unit's
 * own month (unit_month_figures), its whole subtree's month (subtree_month_figures), its
 * subtree's reporting units and active models (subtree_reporting_units, subtree_active_models),
 * and each model's unit path and last active month (models.unit_path, last_active_month). So a
 * digest reads one row per sub-unit, and a province digest and the national roll-up cost about
 * the same. The capped lists read only what they list: a province's lagging models are one
 * range of models_lagging_idx, and its raised texts are found by probing its units in code order
 * (sorted from org_units_path_code_idx alone) until the list is full.
 *
 * Definitions (kept here, and in the README):
 * - a month is keyed by its first day, "2026-11-01" (periods.starts_on); reports of every
 *   period starting that day count, so a subtree spanning several provinces' schedules works;
 * - only submitted reports count; drafts are "not sent";
 * - a *reporting unit* in a month is a unit (of any kind, not dissolved before the month) with
 *   at least one active model, or one that submitted a report that month anyway: the same units
 *   the schedule invites (secretaries "with registered models"). Units with nothing to report
 *   on (boards, dissolved districts) are not counted as missing;
 * - on time: submitted_at <= the period's due_at;
 * - a model is active in a month when an answer about it with activities > 0 is in a submitted
 *   report of its own unit that month (answers are only ever written for the unit's own models).
 */

/** A month list as a Postgres date[] literal: both drivers take it as one text parameter. */
export function monthsParam(months: readonly string[]): SQL {
  for (const m of months) if (!/^\d{4}-\d{2}-01$/.test(m)) throw new Error(`not a month key: ${m}`);
  return sql`${`{${months.join(',')}}`}::date[]`;
}

/** `column` among the months; one month as an equality. */
function monthIn(column: string, months: readonly string[]): SQL {
  return months.length === 1 ? sql`${sql.raw(column)} = ${months[0]}::date` : sql`${sql.raw(column)} = any(${monthsParam(months)})`;
}

/**
 * `r.period_id` among the periods of the months, as an array the (unit_id, period_id) index
 * takes, so each unit of a subtree costs one index probe for just those months.
 */
export function periodsOf(months: readonly string[]): SQL {
  return sql`r.period_id = any(array(select id from periods where starts_on = any(${monthsParam(months)})))`;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export { inScope, resolveScope, underPath, type Scope } from './scope.js';

/** The scope as a CTE `root(id, depth, subtree)`, with no table behind it. */
function scopeCte(scope: Scope): SQL {
  return sql`root as (select ${scope.id}::int as id, ${scope.depth}::int as depth, ${scope.subtree}::boolean as subtree)`;
}

/**
 * A model (alias) had no activity in its own unit in `month` nor in `since`, the month before,
 * read from models.last_active_month: never active, or last active before `since`, or (a month
 * in the past) only active later, in which case the activity table is asked.
 */
function hasNoActivity(alias: string, since: string, month: string): SQL {
  const m = sql.raw(alias);
  return sql`(${m}.last_active_month is null or ${m}.last_active_month < ${since}::date
    or (${m}.last_active_month > ${month}::date and not exists (
      select 1 from model_month_activity x
       where x.model_id = ${m}.id and x.unit_id = ${m}.unit_id and x.month = any(${monthsParam([since, month])}))))`;
}

/**
 * `last_active`: a listed model's last month with an activity in any unit it belonged to (a model
 * moved to another unit keeps its history), read for the listed rows only.
 */
function lastActive(alias: string): SQL {
  return sql`(select max(x.month)::text from model_month_activity x where x.model_id = ${sql.raw(alias)}.id) as last_active`;
}

/**
 * The first `limit` unit-months (month, then unit code) of the scope with a raised text, as
 * rows (unit_id, month, code, name). For one month and a province or smaller, the scope's units
 * come sorted by code from org_units_path_code_idx alone, and are probed in that order until
 * `limit` hits; otherwise each unit of the scope is probed (or, for most of the tree, the code
 * index is walked).
 */
function raisedUnitMonths(scope: Scope, strategy: 'walk' | 'scan', months: readonly string[], limit: number): SQL {
  const probe = sql`cross join lateral (
        select f.unit_id, f.month from unit_month_figures f
         where f.unit_id = u.id and ${monthIn('f.month', months)} and f.raised > 0
        offset 0 -- a probe per unit
      ) f`;
  if (strategy === 'scan' && months.length === 1) {
    return sql`
      select h.unit_id, h.month, h.code, o.name
        from (
          select f.unit_id, f.month, u.code
            from (select u.id, u.code from org_units u where ${inScope('u', scope)} order by u.code offset 0) u
            ${probe}
           order by u.code
           limit ${limit}
        ) h
        join org_units o on o.id = h.unit_id`;
  }
  return sql`
      select f.unit_id, f.month, u.code, u.name
        from org_units u
        ${probe}
       where ${inScope('u', scope)}
       order by ${months.length === 1 ? sql`` : sql`f.month, `}${codeOrder('u', strategy)}
       limit ${limit}`;
}

/**
 * How a capped list (first N by unit code) should find its units: `walk` the code index and stop
 * after N hits, which is right when the scope holds most of the tree (the national root), or
 * `scan` the scope's path range and sort, which is right for a province or smaller (a walk in
 * code order would pass every unit of the provinces before it). Decided from the roll-ups'
 * unit counts, since the planner cannot know that codes and paths are unrelated.
 */
async function listStrategy(db: Db, scope: Scope): Promise<'walk' | 'scan'> {
  if (!scope.subtree) return 'scan';
  const [row] = await queryRows<{ scope: number; everything: number }>(
    db,
    sql`select (select coalesce(sum(units), 0) from subtree_reporting_units where unit_id = ${scope.id})::int as scope,
               (select coalesce(sum(s.units), 0) from subtree_reporting_units s join org_units r on r.id = s.unit_id where r.parent_id is null)::int as everything`,
  );
  return num(row?.scope) * 4 >= num(row?.everything) ? 'walk' : 'scan';
}

/** ORDER BY a unit's code: as is (the code index can serve it) for a walk, as an expression for a scan. */
function codeOrder(alias: string, strategy: 'walk' | 'scan'): SQL {
  return sql.raw(strategy === 'walk' ? `${alias}.code` : `(${alias}.code || '')`);
}

/**
 * Submission by direct sub-unit for each month: for every child of the unit (and the unit
 * itself when it reports), how many reporting units its subtree has, how many sent, on time,
 * late, not sent. Children with no reporting unit are left out. Ordered by month, then code.
 * Reads the roll-ups once per child (subtree_month_figures over the months' span, one index
 * range; subtree_reporting_units), then joins them to the months in memory:
 * expected = reports sent + reporting units not dissolved by the month − those of them that sent.
 */
export async function loadSubmissionBySubunit(db: Db, params: { unitId: number; months: readonly string[]; subtree?: boolean }): Promise<SubunitSubmission[]> {
  if (params.months.length === 0) return [];
  const scope = await resolveScope(db, params.unitId, params.subtree);
  if (!scope) return [];
  const sorted = [...params.months].sort();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${scopeCte(scope)},
    months as (select unnest(${monthsParam(params.months)}) as month),
    children as materialized (
      select c.id, c.code, c.name, c.kind from org_units c, root where c.parent_id = root.id and root.subtree
    ),
    -- Materialised: each child's months in one index range, not one probe per child and month.
    sent as materialized (
      select s.unit_id, s.month, s.reports, s.sent_reporting_units, s.on_time
        from children c
        cross join lateral (
          select s.unit_id, s.month, s.reports, s.sent_reporting_units, s.on_time from subtree_month_figures s
           where s.unit_id = c.id and s.month between ${sorted[0]!}::date and ${sorted[sorted.length - 1]!}::date
        ) s
    ),
    reporting as materialized (
      select months.month, x.unit_id, sum(x.units)::int as units
        from children c join subtree_reporting_units x on x.unit_id = c.id join months on x.dissolved_on > months.month
       group by months.month, x.unit_id
    )
    select months.month::text as month, c.id, c.code, c.name, c.kind, false as self,
           coalesce(s.reports, 0) + coalesce(ru.units, 0) - coalesce(s.sent_reporting_units, 0) as expected,
           coalesce(s.reports, 0) as submitted, coalesce(s.on_time, 0) as on_time
      from months
      cross join children c
      left join sent s on s.unit_id = c.id and s.month = months.month
      left join reporting ru on ru.unit_id = c.id and ru.month = months.month
     where coalesce(s.reports, 0) + coalesce(ru.units, 0) - coalesce(s.sent_reporting_units, 0) > 0
    union all
    select months.month::text, u.id, u.code, u.name, u.kind, true,
           case when f.reports > 0 then f.reports
                when u.active_models > 0 and (u.dissolved_on is null or u.dissolved_on > months.month) then 1 else 0 end,
           coalesce(f.reports, 0), coalesce(f.on_time, 0)
      from months
      cross join root
      join org_units u on u.id = root.id
      left join unit_month_figures f on f.unit_id = u.id and f.month = months.month
     where f.reports > 0 or (u.active_models > 0 and (u.dissolved_on is null or u.dissolved_on > months.month))
     order by 1, 6 desc, 3`,
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
 * The month rows of the asked scope as a CTE `figures(month, reports, …)`: the subtree's
 * roll-up (subtree_month_figures), or with `subtree = false` the unit's own row
 * (unit_month_figures). Only months with a submitted report have a row.
 */
function scopeFiguresCte(months: readonly string[]): SQL {
  return sql`figures as (
      select s.month, s.reports, s.no_activity_reports, s.meetings_held, s.members_present, s.members_total,
             s.model_answers, s.activities, s.participants, s.raised,
             s.models_active, s.models_active_started, s.models_active_both
        from subtree_month_figures s, root where root.subtree and s.unit_id = root.id and s.month = any(${monthsParam(months)})
      union all
      select f.month, f.reports, f.no_activity_reports, f.meetings_held, f.members_present, f.members_total,
             f.model_answers, f.activities, f.participants, f.raised,
             f.models_active, f.models_active_started, f.models_active_both
        from unit_month_figures f, root where not root.subtree and f.unit_id = root.id and f.month = any(${monthsParam(months)})
    )`;
}

/**
 * What the submitted reports of the subtree add up to, per month asked (every month asked is
 * present, with zeros when nothing was sent): reports, meetings, members present / on the roll
 * (only from reports that gave both), model answers, activities, participants. One roll-up
 * row per month, kept in the same transaction as each submission.
 */
export async function loadMonthlyTotals(db: Db, params: { unitId: number; months: readonly string[]; subtree?: boolean }): Promise<MonthTotals[]> {
  if (params.months.length === 0) return [];
  const scope = await resolveScope(db, params.unitId, params.subtree);
  if (!scope) return params.months.map(emptyTotals);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${scopeCte(scope)},
    ${scopeFiguresCte(params.months)}
    select month::text as month, reports, no_activity_reports, meetings_held, members_present, members_total,
           model_answers, activities, participants
      from figures`,
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
 * Active models of the subtree with no activity in `month` and the month before (no answer
 * with activities > 0 in a submitted report of the model's unit, in either): the "hình thức,
 * chiếu lệ" warning. A model started after the first of those months is not flagged. Returns
 * the count and the first `limit` (by unit code, title), each with the last month it had an
 * activity, if any. The count comes from the roll-ups without visiting each model:
 * candidates (subtree_active_models, started by the month before) − active this month −
 * active the month before + active in both; only the listed models are looked at one by one.
 */
export async function loadInactiveModels(db: Db, params: { unitId: number; month: string; limit?: number; subtree?: boolean }): Promise<Capped<InactiveModel>> {
  const scope = await resolveScope(db, params.unitId, params.subtree);
  if (!scope) return { total: 0, items: [] };
  const since = shiftMonthKey(params.month, -1);
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`
    with ${scopeCte(scope)},
    candidates as (
      select coalesce(sum(n.models), 0)::int as n
        from subtree_active_models n, root where root.subtree and n.unit_id = root.id and n.started_on <= ${since}::date
      union all
      select count(*)::int from models m, root
       where not root.subtree and m.unit_id = root.id and m.status = 'active' and (m.started_on is null or m.started_on <= ${since}::date)
    ),
    ${scopeFiguresCte([since, params.month])}
    select (select sum(n) from candidates)
         - coalesce((select sum(models_active) from figures where month = ${params.month}::date), 0)
         - coalesce((select sum(models_active_started) from figures where month = ${since}::date), 0)
         + coalesce((select sum(models_active_both) from figures where month = ${params.month}::date), 0) as total`,
  );
  const total = num(count?.total);
  if (total === 0) return { total: 0, items: [] };
  const strategy = await listStrategy(db, scope);
  const inactive = sql`m.status = 'active' and (m.started_on is null or m.started_on <= ${since}::date) and ${hasNoActivity('m', since, params.month)}`;
  const limit = params.limit ?? 50;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    strategy === 'walk'
      ? // The scope is most of the tree: walk its units in code order and stop after `limit` hits.
        sql`
    select m.id, m.title, ${lastActive('m')}, u.id as unit_id, u.code, u.name
      from org_units u
      cross join lateral (
        select m.id, m.title from models m
         where m.unit_id = u.id and ${inactive}
        offset 0 -- a probe per unit, never a pass over every model
      ) m
     where ${inScope('u', scope)}
     order by u.code, m.title
     limit ${limit}`
      : // A province or smaller: its lagging models are one range of models_lagging_idx (the
        // models with no activity since before last month, or with a later one), however
        // many models it has; only those rows are read, then their units.
        sql`
    with lagging as materialized (
      select m.id, m.title, m.unit_id from models m
       where ${inScope('m', scope, { path: 'unit_path', id: 'unit_id' })} and ${inactive}
    )
    select l.id, l.title, ${lastActive('l')}, u.id as unit_id, u.code, u.name
      from lagging l
      cross join lateral (select u.id, u.code, u.name from org_units u where u.id = l.unit_id offset 0) u
     order by u.code, l.title
     limit ${limit}`,
  );
  return {
    total,
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
 * `limit`, by month, unit code, proposals after difficulties. The count is the roll-up's; the
 * texts are read only from the first `limit` units (by month, code) that raised something.
 */
export async function loadRaisedTexts(db: Db, params: { unitId: number; months: readonly string[]; limit?: number; subtree?: boolean }): Promise<Capped<RaisedText>> {
  if (params.months.length === 0) return { total: 0, items: [] };
  const scope = await resolveScope(db, params.unitId, params.subtree);
  if (!scope) return { total: 0, items: [] };
  const limit = params.limit ?? 50;
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`
    with ${scopeCte(scope)},
    ${scopeFiguresCte(params.months)}
    select coalesce(sum(raised), 0)::int as total from figures`,
  );
  const total = num(count?.total);
  if (total === 0) return { total: 0, items: [] };
  const strategy = await listStrategy(db, scope);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with ${scopeCte(scope)},
    -- Every unit-month with a raised text gives at least one: the first \`limit\` of them hold the first \`limit\` texts.
    pairs as (${raisedUnitMonths(scope, strategy, params.months, limit)}),
    sent as (
      select r.id, r.difficulties, r.proposals, pairs.month, pairs.unit_id, pairs.code, pairs.name
        from pairs
        join reports r on r.unit_id = pairs.unit_id
        join periods p on p.id = r.period_id and p.starts_on = pairs.month
       where r.status = 'submitted'
    ),
    ${raisedFromSentCte()}
    select * from raised
     order by month, code, kind, model_title nulls first
     limit ${limit}`,
  );
  return { total, items: rows.map(toRaisedText) };
}

/**
 * The CTE `raised(month, unit_id, code, name, kind, model_title, text)` of a scope: the export
 * streams the same rows the digest counts.
 */
export function raisedTextsCte(scope: Scope, months: readonly string[]): SQL {
  return sql`
    sent as (
      select r.id, r.difficulties, r.proposals, p.starts_on as month, u.id as unit_id, u.code, u.name
        from reports r
        join periods p on p.id = r.period_id
        join org_units u on u.id = r.unit_id
       where r.status = 'submitted' and p.starts_on = any(${monthsParam(months)})
         and ${periodsOf(months)}
         and ${inScope('u', scope)}
    ),
    ${raisedFromSentCte()}`;
}

/**
 * The CTE `raised` over a CTE `sent(id, difficulties, proposals, month, unit_id, code, name)`
 * of submitted reports: what counts as raised (not blank), in one place for the digest, the
 * export, and the `raised` count of unit_month_figures (its triggers, migration 0008) to agree with.
 */
function raisedFromSentCte(): SQL {
  return sql`raised as (
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
  const scope = await resolveScope(db, params.unitId);
  if (!scope) return [];
  // Deadlines are few (a handful per organisation and year): the ancestor test needs no index.
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    select d.id, d.kind, d.title, d.scope_unit_id, s.name as scope_name, d.covers_from::text as covers_from,
           d.covers_to::text as covers_to, d.due_at
      from review_deadlines d
      join org_units s on s.id = d.scope_unit_id
     where d.due_at > ${params.after.toISOString()}::timestamptz
       and (${scope.path}::text like s.path || '%' or ${inScope('s', { ...scope, subtree: true })})
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
  const scope = await resolveScope(db, params.unitId, params.subtree);
  if (!scope) return [];
  const rows = await queryRows<{ field: ModelField; count: number }>(
    db,
    sql`
    select m.field, count(*)::int as count
      from models m
     where m.status = 'active' and ${inScope('m', scope, { path: 'unit_path', id: 'unit_id' })}
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
  params: { unitId: number; month: string; now: Date; limits?: { inactiveModels?: number; raised?: number; deadlines?: number; waitingReview?: number } },
): Promise<DigestFigures> {
  const [unit] = await queryRows<{ id: number; code: string; name: string }>(db, sql`select id, code, name from org_units where id = ${params.unitId}`);
  if (!unit) throw new NotFoundError('org unit', String(params.unitId));
  const previousMonth = shiftMonthKey(params.month, -1);
  // Independent reads: on a pool they run side by side (in a transaction or on PGlite, in turn).
  const [bySubunit, [previous, current], inactiveModels, raised, deadlines, review] = await Promise.all([
    loadSubmissionBySubunit(db, { unitId: unit.id, months: [params.month] }),
    loadMonthlyTotals(db, { unitId: unit.id, months: [previousMonth, params.month] }),
    loadInactiveModels(db, { unitId: unit.id, month: params.month, limit: params.limits?.inactiveModels ?? 20 }),
    loadRaisedTexts(db, { unitId: unit.id, months: [params.month], limit: params.limits?.raised ?? 20 }),
    loadUpcomingDeadlines(db, { unitId: unit.id, after: params.now, limit: params.limits?.deadlines ?? 5 }),
    loadDigestReview(db, { unitId: unit.id, month: params.month, limit: params.limits?.waitingReview ?? 10 }),
  ]);
  return {
    unit: { id: num(unit.id), code: unit.code, name: unit.name },
    month: params.month,
    previousMonth,
    submission: { total: sumSubmission(bySubunit), bySubunit },
    totals: { current: current!, previous: previous! },
    inactiveModels,
    raised,
    deadlines,
    review,
  };
}

/** The digest's review part: the month's sent reports by state, and what waits for this unit's leaders. */
async function loadDigestReview(db: Db, p: { unitId: number; month: string; limit: number }): Promise<NonNullable<DigestFigures['review']>> {
  const [unit] = await queryRows<{ path: string }>(db, sql`select path from org_units where id = ${p.unitId}`);
  const byRow = await countReviewStates(db, { unit: { id: p.unitId, path: unit!.path }, subtree: true, month: p.month });
  const counts = { pending: 0, approved: 0, returned: 0 };
  for (const c of byRow.values()) {
    counts.pending += c.pending;
    counts.approved += c.approved;
    counts.returned += c.returned;
  }
  const waiting = await listReviewCandidates(db, { adminPaths: [], leaderUnitIds: [p.unitId], limit: p.limit });
  return { counts, waiting: { total: waiting.total, items: waiting.items.map((w) => ({ unitName: w.unitName, month: w.month })) } };
}
