import { monthKey, monthRange, ratio, shiftMonthKey, sumSubmission, sumTotals } from '../core/figures/arithmetic.js';
import type { SubunitSubmission } from '../core/figures/types.js';
import { scopeCovering, type ScopeRoot } from '../core/access.js';
import { reportingMonth } from '../core/schedule.js';
import type { Db } from '../storage/client.js';
import { loadInactiveModels, loadMonthlyTotals, loadRaisedTexts, loadSubmissionBySubunit } from '../storage/queries/figures.js';
import { findUnitById, listAncestors } from '../storage/queries/org-units.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import { listUnitMonths } from '../storage/queries/unit-status.js';
import { countReviewStates, loadMonthWindow, stageOf } from '../storage/queries/report-review.js';
import { findPeriodForUnit, findReportByUnitPeriod } from '../storage/queries/reports.js';
import { decideOpening } from '../core/review/report-review.js';
import { calendarParts } from '../core/format.js';
import { isoDate } from '../core/time.js';
import { reviewerRoleFor } from '../services/report-review.js';
import { listChildUnits, listUnitModels, listUnitPeople } from '../storage/queries/unit-directory.js';
import type { OrgUnitRow } from '../storage/types.js';
import type { OverviewData } from './pages/overview.js';
import type { UnitMonthView } from './pages/units.js';

/**
 * What the console's pages show, read through the shared query layer: the figures (figures.ts)
 * for everything counted, the directory queries for lists. No page decides what "on time" means.
 */

/** A unit in the viewer's scope, with how they see it (subtree or alone); undefined: not theirs. */
export async function findUnitInScope(db: Db, roots: readonly ScopeRoot[], unitId: number): Promise<{ unit: OrgUnitRow; root: ScopeRoot } | undefined> {
  const unit = await findUnitById(db, unitId);
  if (!unit) return undefined;
  const root = scopeCovering(roots, unit);
  return root ? { unit, root } : undefined;
}

/** The month a unit is reporting for now (its organisation's calendar), as a month key. */
export async function currentMonthOf(db: Db, unit: OrgUnitRow, p: { now: Date; timeZone: string }): Promise<string> {
  const { rules } = await findRulesForUnitPath(db, unit.path);
  const { year, month } = reportingMonth(p.now, rules, p.timeZone);
  return monthKey(year, month);
}

/** Tổng quan for a unit: matrix for the months asked, totals, a 12-month trend, warnings. */
export async function loadOverview(
  db: Db,
  p: { unit: OrgUnitRow; subtree: boolean; from: string; to: string },
): Promise<OverviewData> {
  const months = monthRange(p.from, p.to);
  const trendMonths = monthRange(shiftMonthKey(p.to, -11), p.to);
  const asked = [...new Set([...trendMonths, ...months])].sort();
  const scope = { unitId: p.unit.id, subtree: p.subtree };
  const [submission, monthTotals, inactive, raised, review] = await Promise.all([
    loadSubmissionBySubunit(db, { ...scope, months: asked }),
    // One read for the chosen months and the trend's (they overlap): every month asked is in the answer.
    loadMonthlyTotals(db, { ...scope, months: asked }),
    loadInactiveModels(db, { ...scope, month: p.to, limit: 20 }),
    // The latest month's, as the digest lists them: over several months the list would probe every
    // unit of a national scope (figures.ts's fast path is for one month).
    loadRaisedTexts(db, { ...scope, months: [p.to], limit: 15 }),
    countReviewStates(db, { unit: { id: p.unit.id, path: p.unit.path }, subtree: p.subtree, month: p.to }),
  ]);
  const totalsOf = new Map(monthTotals.map((m) => [m.month, m]));
  const totals = months.map((m) => totalsOf.get(m)!);
  const inRange = new Set(months);
  const rows = new Map<number, OverviewData['rows'][number]>();
  for (const s of submission) {
    if (!inRange.has(s.month)) continue;
    let row = rows.get(s.unitId);
    if (!row) {
      row = { unitId: s.unitId, code: s.code, name: s.name, self: s.self, byMonth: new Map<string, SubunitSubmission>() };
      rows.set(s.unitId, row);
    }
    row.byMonth.set(s.month, s);
  }
  const ordered = [...rows.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.code.localeCompare(b.code));
  return {
    unit: { id: p.unit.id, code: p.unit.code, name: p.unit.name },
    subtree: p.subtree,
    months,
    from: p.from,
    to: p.to,
    rows: ordered,
    submission: sumSubmission(submission.filter((s) => inRange.has(s.month))),
    totals: sumTotals(totals, p.from),
    trend: trimLeadingEmpty(
      trendMonths.map((m) => {
        const sent = sumSubmission(submission.filter((s) => s.month === m));
        return { month: m, reports: sent.submitted, activities: totalsOf.get(m)?.activities ?? 0, rate: sent.expected > 0 ? ratio(sent.submitted, sent.expected) : null };
      }),
    ),
    inactive,
    raised,
    review,
  };
}

/** The trend from the first month anything was sent (months before the bot was used would read 0%). */
function trimLeadingEmpty<T extends { reports: number }>(points: T[]): T[] {
  const first = points.findIndex((p) => p.reports > 0);
  return first <= 0 ? points : points.slice(first);
}

/** A unit's page: the ancestors the viewer may see, its children, own months, models, people. */
export async function loadUnitPage(db: Db, p: { unit: OrgUnitRow; root: ScopeRoot; roots: readonly ScopeRoot[]; now: Date; timeZone: string; viewerPersonId?: number }) {
  const to = await currentMonthOf(db, p.unit, p);
  const [ancestors, children, unitMonths, models, people] = await Promise.all([
    listAncestors(db, p.unit.id),
    p.root.subtree ? listChildUnits(db, { unitId: p.unit.id, limit: 500 }) : Promise.resolve([]),
    listUnitMonths(db, { unitId: p.unit.id, unitPath: p.unit.path, months: 12, now: p.now }),
    listUnitModels(db, p.unit.id),
    listUnitPeople(db, p.unit.id),
  ]);
  const months = unitMonths.map((m) => m.month);
  const own = months.length > 0 ? await loadSubmissionBySubunit(db, { unitId: p.unit.id, months: monthRange(months[months.length - 1]!, months[0]!), subtree: false }) : [];
  const byMonth = new Map(own.filter((s) => s.self).map((s) => [s.month, s]));
  const view: UnitMonthView[] = unitMonths.map((m) => {
    const s = byMonth.get(m.month);
    const status = s && s.onTime > 0 ? 'on_time' : s && s.late > 0 ? 'late' : m.status === 'draft' ? 'draft' : s && s.notSent > 0 ? 'not_sent' : null;
    return { month: m.month, reportId: m.reportId, status, submittedAt: m.submittedAt };
  });
  if (p.viewerPersonId !== undefined) await addOpenings(db, { unit: p.unit, personId: p.viewerPersonId, months: view, now: p.now, timeZone: p.timeZone });
  const crumbs = ancestors
    .filter((a) => a.id !== p.unit.id && scopeCovering(p.roots, a))
    .reverse()
    .map((a) => ({ id: a.id, name: a.name }));
  return { crumbs, children, months: view, models, people, currentMonth: to };
}

/**
 * For a viewer who reviews the unit (its nearest leader above, an admin): on each month, the
 * window already opened for it and whether they may open it now (core/review's decideOpening,
 * probed with a week's deadline, the form's default).
 */
async function addOpenings(db: Db, p: { unit: OrgUnitRow; personId: number; months: UnitMonthView[]; now: Date; timeZone: string }): Promise<void> {
  const reviewer = await reviewerRoleFor(db, p.personId, p.unit);
  if (!reviewer) return;
  const until = new Date(p.now.getTime() + 7 * 86_400_000);
  const local = calendarParts(until, p.timeZone);
  const defaultUntil = isoDate(local.year, local.month, local.day);
  for (const m of p.months) {
    const period = await findPeriodForUnit(db, { unitId: p.unit.id, startsOn: m.month });
    if (!period) continue;
    const report = m.reportId !== null ? await findReportByUnitPeriod(db, { unitId: p.unit.id, periodId: period.id }) : undefined;
    const window = await loadMonthWindow(db, { unit: p.unit, period });
    const decision = decideOpening({ stage: report ? stageOf(report) : 'draft', window }, { now: p.now, until, reviewer });
    const openUntil = [window.supplementUntil, window.reopenedUntil].filter((d): d is Date => d !== null && d.getTime() > p.now.getTime()).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    if (decision.ok || openUntil) m.opening = { offer: decision.ok ? decision.kind : null, openUntil, defaultUntil };
  }
}
