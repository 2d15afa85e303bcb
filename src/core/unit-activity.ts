import { calendarParts } from './format.js';
import { isoDate } from './time.js';

/**
 * Whether a unit has stopped («ngừng hoạt động», `dissolved_on`) by the local day of `now`: from
 * that day it is no longer invited, reminded, or asked for the current month's report, in the chat
 * as in the scheduler. A unit stopped on a later day (an import can name one) is still active.
 */
export function hasStopped(unit: { dissolvedOn: string | null }, now: Date, timeZone: string): boolean {
  if (unit.dissolvedOn === null) return false;
  const day = calendarParts(now, timeZone);
  return unit.dissolvedOn <= isoDate(day.year, day.month, day.day);
}
