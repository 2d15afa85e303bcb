import { decideOpening, openedForUnit, type ReviewRefusal } from '../core/review/report-review.js';
import { formatDate, formatMonth } from '../core/format.js';
import type { NoticePayload } from '../core/notices.js';
import type { Db } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import { findPerson } from '../storage/queries/people.js';
import { listOpenedMonths, listUnitAnswerers, loadMonthWindow, openPeriodForUnit, recordReviewEvent, stageOf } from '../storage/queries/report-review.js';
import { findPeriodForUnit, findReportByUnitPeriod } from '../storage/queries/reports.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import { reviewerRoleFor } from './report-review.js';

/** What opening a month came to: the kind of window and its end, or why not. */
export type OpeningOutcome = { ok: true; kind: 'supplement' | 'reopen'; month: string; until: Date } | { ok: false; refusal: ReviewRefusal | 'not-found' };

/**
 * A leader above a unit (or an admin) opens one of its months again until `until`: «Cho phép báo
 * cáo bổ sung» for a missed month, or an admin's reopening of a closed one (core/review decides
 * which, and refuses the rest). Audited; the unit's secretary and deputy get the invitation for
 * that month with a button that starts it. One who may not review the unit is refused, audited.
 */
export async function openMonthForUnit(
  db: Db,
  p: { personId: number; unitId: number; month: string; until: Date; via: string; now: Date; timeZone: string },
): Promise<OpeningOutcome> {
  const unit = await findUnitById(db, p.unitId);
  const period = unit ? await findPeriodForUnit(db, { unitId: unit.id, startsOn: p.month }) : undefined;
  if (!unit || !period) return { ok: false, refusal: 'not-found' };
  const report = await findReportByUnitPeriod(db, { unitId: unit.id, periodId: period.id });
  const window = await loadMonthWindow(db, { unit, period });
  const reviewer = await reviewerRoleFor(db, p.personId, unit);
  const decision = decideOpening({ stage: report ? stageOf(report) : 'draft', window }, { now: p.now, until: p.until, reviewer });
  if (!decision.ok) {
    if (decision.refusal === 'not-reviewer') {
      await recordAudit(db, {
        actorKind: 'person', actorPersonId: p.personId, action: 'period.open.forbidden', entityType: 'org_unit', entityId: String(unit.id),
        details: { month: p.month, via: p.via }, at: p.now,
      });
    }
    return decision;
  }
  await openPeriodForUnit(db, { unitId: unit.id, periodId: period.id, kind: decision.kind, until: p.until, personId: p.personId, at: p.now });
  if (report) await recordReviewEvent(db, { reportId: report.id, version: report.version, action: decision.kind, personId: p.personId, via: p.via, at: p.now });
  await recordAudit(db, {
    actorKind: 'person', actorPersonId: p.personId, action: `period.${decision.kind}`, entityType: 'org_unit', entityId: String(unit.id),
    details: { month: p.month, periodId: period.id, reviewer, before: { supplementUntil: window.supplementUntil, reopenedUntil: window.reopenedUntil }, after: { until: p.until }, via: p.via },
    at: p.now,
  });
  const [year, month] = p.month.split('-').map(Number) as [number, number];
  const by = (await findPerson(db, p.personId))?.fullName ?? '';
  const { rules } = await findRulesForUnitPath(db, unit.path);
  const params = { unit: unit.name, unitId: unit.id, periodId: period.id, period: formatMonth(year, month), until: formatDate(p.until, p.timeZone), by };
  await enqueueOutbound(
    db,
    (await listUnitAnswerers(db, unit.id)).map((r) => {
      const payload: NoticePayload = { notice: 'month-opened', quiet: { fromHour: rules.quietFromHour, untilHour: rules.quietUntilHour }, params: { ...params, person: r.personName } };
      return { accountId: r.accountId, purpose: 'month-opened', dedupeKey: `month-opened:u${unit.id}:p${period.id}:${p.until.getTime()}:a${r.accountId}`, payload };
    }),
    p.now,
  );
  return { ok: true, kind: decision.kind, month: p.month, until: p.until };
}

/**
 * The past months a unit may report now besides the current one: opened for it (a «báo cáo bổ
 * sung» or a reopening) and not sent, while the window lasts and the month is not closed.
 */
export async function listMonthsOpenedFor(db: Db, p: { unitId: number; now: Date }): Promise<{ periodId: number; startsOn: string; until: Date }[]> {
  const unit = await findUnitById(db, p.unitId);
  if (!unit) return [];
  const open: { periodId: number; startsOn: string; until: Date }[] = [];
  for (const m of await listOpenedMonths(db, p)) {
    const window = await loadMonthWindow(db, { unit, period: { id: m.periodId, startsOn: m.startsOn, dueAt: m.dueAt } });
    const until = [window.supplementUntil, window.reopenedUntil].filter((d): d is Date => d !== null && d.getTime() > p.now.getTime()).sort((a, b) => b.getTime() - a.getTime())[0];
    if (until && openedForUnit(window, p.now)) open.push({ periodId: m.periodId, startsOn: m.startsOn, until });
  }
  return open;
}
