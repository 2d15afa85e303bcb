import { NotFoundError } from '../core/errors.js';
import { monthlyPeriodDates, reportingMonth, type ScheduleRules } from '../core/schedule.js';
import { isoDate } from '../core/time.js';
import type { Db } from '../storage/client.js';
import { findUnitById } from '../storage/queries/org-units.js';
import { upsertMonthlyPeriod } from '../storage/queries/periods.js';
import { findPeriodForUnit } from '../storage/queries/reports.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import type { PeriodRow } from '../storage/types.js';

/**
 * The period a unit reports in now under its organisation's calendar, created on demand if the
 * scheduler has not opened it yet.
 */
export async function currentPeriod(db: Db, unitId: number, deps: { now: Date; timeZone: string }): Promise<PeriodRow> {
  return (await currentPeriodAndRules(db, unitId, deps)).period;
}

/** The same, with the calendar it was read under, for callers that need its other rules too. */
export async function currentPeriodAndRules(
  db: Db,
  unitId: number,
  deps: { now: Date; timeZone: string },
): Promise<{ period: PeriodRow; rules: ScheduleRules }> {
  const unit = await findUnitById(db, unitId);
  if (!unit) throw new NotFoundError('org unit', String(unitId));
  const { scopeUnitId, rules } = await findRulesForUnitPath(db, unit.path);
  const { year, month } = reportingMonth(deps.now, rules, deps.timeZone);
  const found = await findPeriodForUnit(db, { unitId, startsOn: isoDate(year, month, 1) });
  const period = found ?? (await upsertMonthlyPeriod(db, { scopeUnitId, ...monthlyPeriodDates(year, month, rules, deps.timeZone) }));
  return { period, rules };
}

