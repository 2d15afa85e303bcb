import { formatClock } from '../core/format.js';
import { vi } from '../core/messages/vi.js';
import { nextAllowedInstant } from '../core/schedule.js';
import type { Db } from '../storage/client.js';
import { findReportByUnitPeriod } from '../storage/queries/reports.js';
import { createSnooze } from '../storage/queries/snoozes.js';
import type { ChannelAccountRow } from '../storage/types.js';
import { currentPeriodAndRules } from './current-period.js';
import type { PlannedReply } from '../delivery/payload.js';

/**
 * «Nhắc lại sau»: puts this month's reminder for a unit off by the organisation's snooze hours
 * (moved out of quiet hours). The caller has checked the account answers for the unit.
 */
export async function snoozeReminder(
  db: Db,
  p: { account: ChannelAccountRow; unitId: number; now: Date; timeZone: string },
): Promise<PlannedReply[]> {
  const { period, rules } = await currentPeriodAndRules(db, p.unitId, p);
  const report = await findReportByUnitPeriod(db, { unitId: p.unitId, periodId: period.id });
  if (report?.status === 'submitted') return [{ text: vi.notices.nothingToSnooze }];
  const until = nextAllowedInstant(new Date(p.now.getTime() + rules.snoozeHours * 3_600_000), rules, p.timeZone);
  await createSnooze(db, { accountId: p.account.id, unitId: p.unitId, periodId: period.id, until, at: p.now });
  return [{ text: vi.notices.snoozedUntil(formatClock(until, p.timeZone)) }];
}
