import { z } from 'zod';
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

/**
 * Everything an organisation's calendar needs (DESIGN.md §6), declared as data and stored per
 * organisation: the monthly period, reminders, escalation, review notices, the weekly digest,
 * quiet hours and how long «Nhắc lại sau» waits. Hours are local to the organisation's zone.
 */
export interface ScheduleRules extends MonthlySchedule {
  /** Reminders, escalations and review notices go at this local hour. */
  reminderHour: number;
  /** The leader above hears about late units this many days after the due day. */
  escalateDaysAfter: number;
  /** Notices before a sơ kết / tổng kết deadline, in days. */
  reviewNoticeDaysBefore: readonly number[];
  /** ISO weekday of the weekly digest (1 = Monday … 7 = Sunday) and its local time. */
  digestWeekday: number;
  digestHour: number;
  digestMinute: number;
  /** «Nhắc lại sau» puts a reminder off by this many hours. */
  snoozeHours: number;
  /** A review deadline closes its months this many days after it passes (core/review). */
  reviewGraceDays: number;
}

const hour = z.number().int().min(0).max(23);
const day = z.number().int().min(1).max(31);

/** The stored form of ScheduleRules: every field optional (defaults apply), impossible calendars refused. */
export const scheduleRulesSchema = z
  .object({
    opensOnDay: day.default(20),
    opensAtHour: hour.default(8),
    dueOnDay: day.default(25),
    reminderDaysBefore: z.array(z.number().int().min(0).max(30)).max(10).default([3, 1, 0]),
    quietFromHour: hour.default(21),
    quietUntilHour: hour.default(7),
    reminderHour: hour.default(8),
    escalateDaysAfter: z.number().int().min(1).max(15).default(1),
    reviewNoticeDaysBefore: z.array(z.number().int().min(1).max(60)).max(10).default([14, 7, 3, 1]),
    digestWeekday: z.number().int().min(1).max(7).default(1),
    digestHour: hour.default(7),
    digestMinute: z.number().int().min(0).max(59).default(30),
    snoozeHours: z.number().int().min(1).max(48).default(3),
    reviewGraceDays: z.number().int().min(0).max(90).default(7),
  })
  .strict()
  .refine((r) => r.dueOnDay >= r.opensOnDay, { message: 'dueOnDay must not be before opensOnDay', path: ['dueOnDay'] })
  .refine((r) => r.reminderDaysBefore.every((d) => r.dueOnDay - d >= r.opensOnDay), {
    message: 'a reminder would fall before the period opens',
    path: ['reminderDaysBefore'],
  })
  .refine((r) => [r.opensAtHour, r.reminderHour, r.digestHour].every((h) => !isQuietHour(h, r)), {
    message: 'opening, reminder and digest hours must be outside quiet hours',
    path: ['quietFromHour'],
  });

/** The calendar a new organisation starts with. */
export const DEFAULT_SCHEDULE_RULES: ScheduleRules = scheduleRulesSchema.parse({});

/** The monthly part of the defaults: one source, the schema's defaults. */
export const DEFAULT_MONTHLY_SCHEDULE: MonthlySchedule = DEFAULT_SCHEDULE_RULES;

/** Whether a local hour falls in the quiet hours (which may wrap past midnight, 21 → 7). */
export function isQuietHour(localHour: number, rules: Pick<MonthlySchedule, 'quietFromHour' | 'quietUntilHour'>): boolean {
  const { quietFromHour: from, quietUntilHour: until } = rules;
  if (from === until) return false;
  return from < until ? localHour >= from && localHour < until : localHour >= from || localHour < until;
}

/** Whether nobody may be disturbed at `now`. */
export function isQuietTime(now: Date, rules: Pick<MonthlySchedule, 'quietFromHour' | 'quietUntilHour'>, timeZone: string): boolean {
  return isQuietHour(calendarParts(now, timeZone).hour, rules);
}

/** The first instant at or after `now` outside quiet hours. */
export function nextAllowedInstant(now: Date, rules: Pick<MonthlySchedule, 'quietFromHour' | 'quietUntilHour'>, timeZone: string): Date {
  const local = calendarParts(now, timeZone);
  if (!isQuietHour(local.hour, rules)) return now;
  const nextDay = local.hour >= rules.quietUntilHour;
  return zonedInstant({ year: local.year, month: local.month, day: local.day + (nextDay ? 1 : 0), hour: rules.quietUntilHour }, timeZone);
}
