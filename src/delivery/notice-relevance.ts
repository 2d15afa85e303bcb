import type { Notice } from '../core/notices.js';
import type { Db } from '../storage/client.js';
import { findReport, findReportByUnitPeriod } from '../storage/queries/reports.js';

/**
 * Whether a queued notice still says something true when its turn to be sent comes. A fan-out
 * of reminders at a channel's pace takes hours at national scale, and a secretary who sends the
 * report meanwhile must not be reminded of it. Returns the reason when it is no longer wanted.
 */
export async function whyNoticeIsNotWanted(db: Db, notice: Notice): Promise<string | null> {
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
