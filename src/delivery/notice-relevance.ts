import type { Notice } from '../core/notices.js';
import { hasStopped } from '../core/unit-activity.js';
import type { Db } from '../storage/client.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { findReport, findReportByUnitPeriod } from '../storage/queries/reports.js';

/**
 * Whether a queued notice still says something true when its turn to be sent comes. A fan-out
 * of reminders at a channel's pace takes hours at national scale, and a secretary who sends the
 * report meanwhile must not be reminded of it, nor a unit stopped meanwhile. Returns the reason when it is no longer wanted.
 */
export async function whyNoticeIsNotWanted(db: Db, notice: Notice, clock: { now: Date; timeZone: string }): Promise<string | null> {
  if (notice.notice === 'reminder' || notice.notice === 'period-open') {
    // A unit stopped after this was queued (the console cancels what waits; this one was on its way).
    const unit = await findUnitById(db, notice.params.unitId);
    if (!unit || hasStopped(unit, clock.now, clock.timeZone)) return `unit ${notice.params.unitId} has stopped (ngừng hoạt động) since this ${notice.notice} was queued`;
  }
  if ((notice.notice === 'reminder' || notice.notice === 'period-open' || notice.notice === 'month-opened') && notice.params.periodId !== undefined) {
    const report = await findReportByUnitPeriod(db, { unitId: notice.params.unitId, periodId: notice.params.periodId });
    if (report?.status === 'submitted') return `the report of unit ${notice.params.unitId} was sent before this ${notice.notice} went out`;
  }
  if (notice.notice === 'report-returned' || notice.notice === 'report-approved') {
    // Told about a review that no longer stands (corrected and sent again, returned after all): not sent.
    const report = await findReport(db, notice.params.reportId);
    const wanted = notice.notice === 'report-returned' ? 'returned' : 'approved';
    if (!report || report.version !== notice.params.version || report.reviewState !== wanted) {
      return `the ${notice.notice} notice of report ${notice.params.reportId} v${notice.params.version} no longer stands`;
    }
  }
  return null;
}
