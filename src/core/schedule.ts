import { calendarParts } from './format.js';
import { daysInMonth, isoDate, shiftMonth, zonedInstant } from './time.js';

/**
 * An organisation's reporting rhythm as data (DESIGN.md §6): when a monthly period opens, when
 * it is due, when reminders go and when nobody may be disturbed. Stored per organisation later;
 * this is the default a new organisation starts with.
 */
export interface MonthlySchedule {
  /** Day of the month the check-in opens (invitations go out), local time `opensAtHour`. */
  opensOnDay: number;
  opensAtHour: number;
  /** Day of the month the report is due, until 23:59:59 local time. */
  dueOnDay: number;
  /** Reminders this many days before the due day (0 = the due day itself). */
  reminderDaysBefore: readonly number[];
  /** No messages from `quietFromHour` until `quietUntilHour` local time. */
  quietFromHour: number;
  quietUntilHour: number;
}

export const DEFAULT_MONTHLY_SCHEDULE: MonthlySchedule = {
  opensOnDay: 20,
  opensAtHour: 8,
  dueOnDay: 25,
  reminderDaysBefore: [3, 1, 0],
  quietFromHour: 21,
  quietUntilHour: 7,
};

export interface MonthlyPeriodDates {
  startsOn: string;
  endsOn: string;
  opensAt: Date;
  dueAt: Date;
}

/** The dates of the period for a calendar month under a schedule, in the organisation's time zone. */
export function monthlyPeriodDates(
  year: number,
  month: number,
  schedule: MonthlySchedule,
  timeZone: string,
): MonthlyPeriodDates {
  const last = daysInMonth(year, month);
  const opensDay = Math.min(schedule.opensOnDay, last);
  const dueDay = Math.min(schedule.dueOnDay, last);
  return {
    startsOn: isoDate(year, month, 1),
    endsOn: isoDate(year, month, last),
    opensAt: zonedInstant({ year, month, day: opensDay, hour: schedule.opensAtHour }, timeZone),
    dueAt: zonedInstant({ year, month, day: dueDay, hour: 23, minute: 59, second: 59 }, timeZone),
  };
}

/**
 * The month a secretary reports on at `now`: this month once its period has opened, otherwise
 * the previous one (on 3/12 a late report is still November's).
 */
export function reportingMonth(now: Date, schedule: MonthlySchedule, timeZone: string): { year: number; month: number } {
  const local = calendarParts(now, timeZone);
  const opens = monthlyPeriodDates(local.year, local.month, schedule, timeZone).opensAt;
  return now.getTime() >= opens.getTime() ? { year: local.year, month: local.month } : shiftMonth(local, -1);
}
