import { and, eq, sql } from 'drizzle-orm';
import { monthClosesAt, type MonthWindow, type ReportStage, type ReviewAction, type ReviewComment, type ReviewState } from '../../core/review/report-review.js';
import { queryRows, type Db } from '../client.js';
import { periodOpenings, reports, reviewEvents } from '../schema/index.js';
import { inScope } from './scope.js';
import { findRulesForUnitPath } from './schedules.js';

/**
 * A report's review, as plain functions of (db, params): the report as the review machine
 * (core/review) reads it, its month's window, the nearest leader above its unit, the
 * compare-and-set that applies a review, and its history.
 */

/** One report as its review needs it: where it stands, its unit and month, and the month's window. */
export interface ReviewableReport {
  id: number;
  unitId: number;
  unitPath: string;
  unitName: string;
  periodId: number;
  /** The month's first day, "2026-11-01". */
  startsOn: string;
  stage: ReportStage;
  version: number;
  submittedAt: Date | null;
  submittedByPersonId: number | null;
  reviewedAt: Date | null;
  reviewedByPersonId: number | null;
  reviewedBy: string | null;
  reviewComment: string | null;
  window: MonthWindow;
}

/** The stage the machine reads: a draft, or the review state of a sent report. */
export function stageOf(row: { status: string; reviewState: string }): ReportStage {
  return row.status === 'submitted' ? (row.reviewState as ReviewState) : 'draft';
}

/**
 * The report with its month's window. `lock` takes the row for the rest of the transaction, so a
 * secretary's submission decided on it cannot cross a review (reviews themselves need no lock:
 * they compare-and-set).
 */
export async function loadReviewableReport(db: Db, p: { reportId: number; lock?: boolean }): Promise<ReviewableReport | undefined> {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`select r.id, r.unit_id, u.path, u.name, r.period_id, p.starts_on::text as starts_on, p.due_at, r.status::text as status,
               r.review_state::text as review_state, r.version, r.submitted_at, r.submitted_by_person_id,
               r.reviewed_at, r.reviewed_by_person_id, rp.full_name as reviewed_by, r.review_comment
          from reports r
          join periods p on p.id = r.period_id
          join org_units u on u.id = r.unit_id
          left join people rp on rp.id = r.reviewed_by_person_id
         where r.id = ${p.reportId}
         ${p.lock ? sql`for update of r` : sql``}`,
  );
  if (!r) return undefined;
  const unit = { id: Number(r.unit_id), path: String(r.path) };
  const period = { id: Number(r.period_id), startsOn: String(r.starts_on), dueAt: date(r.due_at)! };
  return {
    id: Number(r.id),
    unitId: unit.id,
    unitPath: unit.path,
    unitName: String(r.name),
    periodId: period.id,
    startsOn: period.startsOn,
    stage: stageOf({ status: String(r.status), reviewState: String(r.review_state) }),
    version: Number(r.version),
    submittedAt: date(r.submitted_at),
    submittedByPersonId: r.submitted_by_person_id === null ? null : Number(r.submitted_by_person_id),
    reviewedAt: date(r.reviewed_at),
    reviewedByPersonId: r.reviewed_by_person_id === null ? null : Number(r.reviewed_by_person_id),
    reviewedBy: r.reviewed_by === null ? null : String(r.reviewed_by),
    reviewComment: r.review_comment === null ? null : String(r.review_comment),
    window: await loadMonthWindow(db, { unit, period }),
  };
}

/**
 * A unit's month window: its period's due date; when the month closes (the earliest review
 * deadline set on the unit or above it that covers the month, plus the organisation's grace
 * days); and the latest windows opened for the unit (a leader's «báo cáo bổ sung», an admin's reopening).
 */
export async function loadMonthWindow(
  db: Db,
  p: { unit: { id: number; path: string }; period: { id: number; startsOn: string; dueAt: Date } },
): Promise<MonthWindow> {
  const ancestors = ancestorIds(p.unit.path);
  // One after another: inside a transaction the queries share one connection.
  const deadlines = await queryRows<{ covers_from: string; covers_to: string; due_at: string | Date }>(
    db,
    sql`select covers_from::text, covers_to::text, due_at from review_deadlines
         where scope_unit_id = any(${sqlIntArray(ancestors)}) and covers_from <= ${p.period.startsOn}::date and covers_to >= ${p.period.startsOn}::date`,
  );
  const openings = await queryRows<{ kind: string; until: string | Date }>(
    db,
    sql`select kind::text, max(until) as until from period_openings where unit_id = ${p.unit.id} and period_id = ${p.period.id} group by kind`,
  );
  const { rules } = await findRulesForUnitPath(db, p.unit.path);
  const opened = (kind: string) => date(openings.find((o) => o.kind === kind)?.until ?? null);
  return {
    dueAt: p.period.dueAt,
    closesAt: monthClosesAt(
      p.period,
      deadlines.map((d) => ({ coversFrom: d.covers_from, coversTo: d.covers_to, dueAt: date(d.due_at)! })),
      rules.reviewGraceDays,
    ),
    reopenedUntil: opened('reopen'),
    supplementUntil: opened('supplement'),
  };
}

/**
 * The nearest unit above this one where someone holds a current leader role: its leaders review
 * the unit's reports (with the organisation's admins). Null when no unit above has a leader.
 */
export async function findNearestLeaderUnit(db: Db, unit: { id: number; path: string }): Promise<number | null> {
  const above = ancestorIds(unit.path).filter((id) => id !== unit.id);
  if (above.length === 0) return null;
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select u.id from org_units u
         where u.id = any(${sqlIntArray(above)})
           and exists (select 1 from unit_roles r where r.unit_id = u.id and r.role = 'leader' and r.ended_at is null)
         order by u.depth desc limit 1`,
  );
  return row ? Number(row.id) : null;
}

/**
 * Applies a reviewer's decision if the report is still at the stage and version it was decided
 * on (compare-and-set), and records it in the history. False when another review or a new
 * version came first: the caller reads the report again and tells the reviewer.
 */
export async function applyReview(
  db: Db,
  p: {
    reportId: number;
    expected: { stage: 'pending' | 'approved'; version: number };
    next: 'approved' | 'returned';
    personId: number;
    via: string;
    at: Date;
    comment?: ReviewComment;
  },
): Promise<boolean> {
  const updated = await db
    .update(reports)
    .set({
      reviewState: p.next,
      reviewedAt: p.at,
      reviewedByPersonId: p.personId,
      reviewComment: p.next === 'returned' ? (p.comment?.text ?? null) : null,
      updatedAt: p.at,
    })
    .where(
      and(
        eq(reports.id, p.reportId),
        eq(reports.status, 'submitted'),
        eq(reports.reviewState, p.expected.stage),
        eq(reports.version, p.expected.version),
      ),
    )
    .returning({ id: reports.id });
  if (updated.length === 0) return false;
  await recordReviewEvent(db, {
    reportId: p.reportId,
    version: p.expected.version,
    action: p.next === 'approved' ? 'approve' : 'return',
    personId: p.personId,
    via: p.via,
    at: p.at,
    comment: p.comment,
  });
  return true;
}

/** Appends one step to a report's history. */
export async function recordReviewEvent(
  db: Db,
  p: { reportId: number; version: number; action: ReviewAction; personId: number | null; via: string; at: Date; comment?: ReviewComment | undefined },
): Promise<void> {
  await db.insert(reviewEvents).values({
    reportId: p.reportId,
    version: p.version,
    action: p.action,
    actorPersonId: p.personId,
    via: p.via,
    comment: p.comment?.text ?? null,
    commentOriginal: p.comment?.original ?? null,
    at: p.at,
  });
}

/** One step of a report's history, as pages and chats show it. */
export interface ReviewHistoryItem {
  action: ReviewAction;
  version: number;
  at: Date;
  by: string | null;
  via: string;
  comment: string | null;
  /** The whole comment when the stored one was cut. */
  commentOriginal: string | null;
}

/** A report's history, oldest first. */
export async function listReviewHistory(db: Db, reportId: number): Promise<ReviewHistoryItem[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    // Versions written without a history step (the demo, an import, data from before the history)
    // still show as their submission.
    sql`select * from (
          select e.action::text as action, e.version, e.at, p.full_name, e.via, e.comment, e.comment_original, e.id as seq
            from review_events e left join people p on p.id = e.actor_person_id
           where e.report_id = ${reportId}
          union all
          select case when v.version = 1 then 'submit' else 'edit' end, v.version, v.created_at, p.full_name, 'system', null, null, 0
            from report_versions v left join people p on p.id = v.edited_by_person_id
           where v.report_id = ${reportId}
             and not exists (select 1 from review_events x where x.report_id = v.report_id and x.version = v.version and x.action in ('submit', 'edit', 'resubmit'))
        ) h order by h.at, h.seq`,
  );
  return rows.map((r) => ({
    action: r.action as ReviewAction,
    version: Number(r.version),
    at: date(r.at)!,
    by: r.full_name === null ? null : String(r.full_name),
    via: String(r.via),
    comment: r.comment === null ? null : String(r.comment),
    commentOriginal: r.comment_original === null ? null : String(r.comment_original),
  }));
}

/** Opens a unit's month again until an instant: a leader's «báo cáo bổ sung» or an admin's reopening. */
export async function openPeriodForUnit(
  db: Db,
  p: { unitId: number; periodId: number; kind: 'supplement' | 'reopen'; until: Date; personId: number | null; reason?: string | null; at: Date },
): Promise<void> {
  await db.insert(periodOpenings).values({ unitId: p.unitId, periodId: p.periodId, kind: p.kind, until: p.until, byPersonId: p.personId, reason: p.reason ?? null, at: p.at });
}

/** A report waiting for review, with the nearest unit above it that has a leader (whose leaders review it). */
export interface ReviewCandidate {
  reportId: number;
  unitId: number;
  unitPath: string;
  unitCode: string;
  unitName: string;
  /** "2026-11-01" */
  month: string;
  version: number;
  submittedAt: Date;
  nearestLeaderUnitId: number | null;
}

/**
 * The reports waiting for review (chờ duyệt) that a person may review: under their admin roots
 * (an organisation), or whose nearest unit above with a leader is one they lead. Of one month
 * or all, newest month first, a page of `limit` from `offset`, with the total. The rule is
 * core/access.ts's reviewerRoleOf, which callers apply again to each row; this only narrows.
 */
export async function listReviewCandidates(
  db: Db,
  p: { adminPaths: readonly string[]; leaderUnitIds: readonly number[]; month?: string; limit: number; offset?: number },
): Promise<{ total: number; items: ReviewCandidate[] }> {
  const leaderPaths = p.leaderUnitIds.length > 0 ? await unitPaths(db, p.leaderUnitIds) : [];
  const roots = [...p.adminPaths, ...leaderPaths];
  if (roots.length === 0) return { total: 0, items: [] };
  const under = (column: string, paths: readonly string[]) =>
    paths.length === 0 ? sql`false` : sql.join(paths.map((path) => sql`${sql.raw(column)} like ${path} || '%'`), sql` or `);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select w.*, count(*) over () as total from (
          select r.id, r.unit_id, u.path, u.code, u.name, p.starts_on::text as month, r.version, r.submitted_at,
                 (select a.id from org_units a
                   where a.id = any(string_to_array(trim(both '/' from u.path), '/')::int[]) and a.id <> u.id
                     and exists (select 1 from unit_roles x where x.unit_id = a.id and x.role = 'leader' and x.ended_at is null)
                   order by a.depth desc limit 1) as nearest
            from reports r
            join periods p on p.id = r.period_id
            join org_units u on u.id = r.unit_id
           where r.status = 'submitted' and r.review_state = 'pending' and (${under('u.path', roots)})
             ${p.month ? sql`and p.starts_on = ${p.month}::date` : sql``}
        ) w
        where (${under('w.path', p.adminPaths)}) or w.nearest = any(${sqlIntArray(p.leaderUnitIds)})
        order by w.month desc, w.code
        limit ${p.limit} offset ${p.offset ?? 0}`,
  );
  return {
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
    items: rows.map((r) => ({
      reportId: Number(r.id),
      unitId: Number(r.unit_id),
      unitPath: String(r.path),
      unitCode: String(r.code),
      unitName: String(r.name),
      month: String(r.month),
      version: Number(r.version),
      submittedAt: date(r.submitted_at)!,
      nearestLeaderUnitId: r.nearest === null || r.nearest === undefined ? null : Number(r.nearest),
    })),
  };
}

async function unitPaths(db: Db, ids: readonly number[]): Promise<string[]> {
  const rows = await queryRows<{ path: string }>(db, sql`select path from org_units where id = any(${sqlIntArray(ids)})`);
  return rows.map((r) => r.path);
}

/** How many sent reports are in each review state. */
export interface ReviewCounts {
  pending: number;
  approved: number;
  returned: number;
}

/**
 * The sent reports of a month under a unit by review state, per row of the overview: each child
 * of the unit (its whole subtree) and the unit itself. Keyed by the row's unit id.
 */
export async function countReviewStates(db: Db, p: { unit: { id: number; path: string }; subtree: boolean; month: string }): Promise<Map<number, ReviewCounts>> {
  // The scope by the one predicate (a path range the index serves). The month's periods are only
  // those a unit of the scope can report in (its organisation's, above it, or one inside it), so a
  // province reads its own month's reports through the period index, not the whole country's.
  const scope = { id: p.unit.id, path: p.unit.path, depth: 0, subtree: p.subtree };
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with month_periods as (
          select pe.id from periods pe join org_units s on s.id = pe.scope_unit_id
           where pe.starts_on = ${p.month}::date and (pe.scope_unit_id = any(${sqlIntArray(ancestorIds(p.unit.path))}) or ${inScope('s', { ...scope, subtree: true })})
        )
        select case when u.id = ${p.unit.id} then ${p.unit.id}
                    else split_part(substr(u.path, length(${p.unit.path}) + 1), '/', 1)::int end as row_unit,
               count(*) filter (where r.review_state = 'pending')::int as pending,
               count(*) filter (where r.review_state = 'approved')::int as approved,
               count(*) filter (where r.review_state = 'returned')::int as returned
          from reports r
          join month_periods mp on mp.id = r.period_id
          join org_units u on u.id = r.unit_id
         where r.status = 'submitted' and ${inScope('u', scope)}
         group by 1`,
  );
  return new Map(rows.map((r) => [Number(r.row_unit), { pending: Number(r.pending), approved: Number(r.approved), returned: Number(r.returned) }]));
}

/** The chat accounts of a unit's current secretaries and deputies that can still be written to: who is told about a review. */
export async function listUnitAnswerers(db: Db, unitId: number): Promise<{ accountId: number; personName: string }[]> {
  const rows = await queryRows<{ account_id: number; full_name: string }>(
    db,
    sql`select distinct a.id as account_id, p.full_name
          from unit_roles r join people p on p.id = r.person_id join channel_accounts a on a.person_id = p.id and a.blocked_at is null
         where r.unit_id = ${unitId} and r.role in ('secretary', 'deputy') and r.ended_at is null
         order by a.id`,
  );
  return rows.map((r) => ({ accountId: Number(r.account_id), personName: String(r.full_name) }));
}

/** A unit's reports returned for correction and not sent again yet, newest month first. */
export async function listReturnedReports(db: Db, unitId: number): Promise<{ reportId: number; month: string }[]> {
  const rows = await queryRows<{ id: number; month: string }>(
    db,
    sql`select r.id, p.starts_on::text as month from reports r join periods p on p.id = r.period_id
         where r.unit_id = ${unitId} and r.status = 'submitted' and r.review_state = 'returned'
         order by p.starts_on desc`,
  );
  return rows.map((r) => ({ reportId: Number(r.id), month: String(r.month) }));
}

/** The models a sent report answered for, in the order they were asked (their answers' keys m0, m1, … follow it). */
export async function listAnsweredModels(db: Db, reportId: number): Promise<{ id: number; title: string }[]> {
  const rows = await queryRows<{ id: number; title: string }>(
    db,
    sql`select m.id, m.title from model_answers a join models m on m.id = a.model_id where a.report_id = ${reportId} order by a.id`,
  );
  return rows.map((r) => ({ id: Number(r.id), title: String(r.title) }));
}

/**
 * The past months opened for a unit by a «báo cáo bổ sung» or a reopening still running at
 * `now`, whose report is not sent: what /baocao offers besides the current month. The caller
 * checks each window with core/review (a closed month stays closed for a supplement).
 */
export async function listOpenedMonths(db: Db, p: { unitId: number; now: Date }): Promise<{ periodId: number; startsOn: string; dueAt: Date }[]> {
  const rows = await queryRows<{ period_id: number; starts_on: string; due_at: string | Date }>(
    db,
    sql`select distinct pe.id as period_id, pe.starts_on::text as starts_on, pe.due_at
          from period_openings o join periods pe on pe.id = o.period_id
          left join reports r on r.unit_id = o.unit_id and r.period_id = o.period_id
         where o.unit_id = ${p.unitId} and o.until > ${p.now.toISOString()}::timestamptz and (r.id is null or r.status <> 'submitted')
         order by starts_on`,
  );
  return rows.map((r) => ({ periodId: Number(r.period_id), startsOn: String(r.starts_on), dueAt: date(r.due_at)! }));
}

/** The sent reports under a unit (its subtree, or it alone) by review state, per month ("YYYY-MM-01"): what the exports say beside their figures. */
export async function countReviewStatesByMonth(db: Db, p: { unitId: number; subtree: boolean; months: readonly string[] }): Promise<Map<string, ReviewCounts>> {
  if (p.months.length === 0) return new Map();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.starts_on::text as month,
               count(*) filter (where r.review_state = 'pending')::int as pending,
               count(*) filter (where r.review_state = 'approved')::int as approved,
               count(*) filter (where r.review_state = 'returned')::int as returned
          from reports r
          join periods p on p.id = r.period_id
          join org_units u on u.id = r.unit_id
          join org_units root on root.id = ${p.unitId}
         where r.status = 'submitted' and p.starts_on = any(${`{${p.months.join(',')}}`}::date[])
           and ${p.subtree ? sql`u.path like root.path || '%'` : sql`u.id = root.id`}
         group by 1`,
  );
  return new Map(rows.map((r) => [String(r.month), { pending: Number(r.pending), approved: Number(r.approved), returned: Number(r.returned) }]));
}

/** "/1/7/42/" → [1, 7, 42]. */
export function ancestorIds(path: string): number[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(Number);
}

function sqlIntArray(ids: readonly number[]) {
  return sql`${`{${ids.join(',')}}`}::int[]`;
}

function date(value: unknown): Date | null {
  return value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value));
}
