import type { Notice } from '../core/notices.js';
import type { Db } from '../storage/client.js';
import { findReportByUnitPeriod } from '../storage/queries/reports.js';

/**
 * Whether a queued notice still says something true when its turn to be sent comes. A fan-out
 * of reminders at a channel's pace takes hours at national scale, and a secretary who sends the
 * report meanwhile must not be reminded of it. Returns the reason when it is no longer wanted.
 */
export async function whyNoticeIsNotWanted(db: Db, notice: Notice): Promise<string | null> {
  if ((notice.notice === 'reminder' || notice.notice === 'period-open') && notice.params.periodId !== undefined) {
    const report = await findReportByUnitPeriod(db, { unitId: notice.params.unitId, periodId: notice.params.periodId });
    if (report?.status === 'submitted') return `the report of unit ${notice.params.unitId} was sent before this ${notice.notice} went out`;
  }
  return null;
}
