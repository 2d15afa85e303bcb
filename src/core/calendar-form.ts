/**
 * The organisation's calendar as an admin types it (the console's «Lịch báo cáo» form): every
 * field read and checked here, with the reason in Vietnamese next to the field, then checked
 * again by the stored schema (scheduleRulesSchema) so the scheduler can never read a calendar
 * the form let through but the rules refuse. Also the preview: a month's sends, as the
 * scheduler's own functions place them.
 */
import { vi } from './messages/vi.js';
import { isQuietHour, monthlyPeriodDates, scheduleRulesSchema, type ScheduleRules } from './schedule.js';
import { scheduledSlotsBetween, type NextSlot } from './schedule-slots.js';
import { formatMonth } from './format.js';
import { zonedInstant } from './time.js';

const t = vi.admin.calendar;

/** The day that means "the month's last day": the period dates clamp a day to the month's length. */
export const LAST_DAY_OF_MONTH = 31;

/** The form's field names (what the page posts), by the rule they set. */
export const CALENDAR_FIELDS = {
  opensOnDay: 'ngay-mo',
  opensAtHour: 'gio-mo',
  dueOnDay: 'han',
  reminderDaysBefore: 'nhac',
  reminderHour: 'gio-nhac',
  escalateDaysAfter: 'bao-len',
  digestWeekday: 'tong-hop-thu',
  digestTime: 'tong-hop-gio',
  quietFromHour: 'yen-tu',
  quietUntilHour: 'yen-den',
  snoozeHours: 'hoan',
  reviewNoticeDaysBefore: 'nhac-so-ket',
  reviewGraceDays: 'khoa-sau',
} as const;

/** The form's values as typed (strings by field name). */
export type CalendarFormValues = Record<string, string>;

/** A calendar as the form shows it. */
export function calendarFormValues(rules: ScheduleRules): CalendarFormValues {
  const f = CALENDAR_FIELDS;
  return {
    [f.opensOnDay]: String(rules.opensOnDay),
    [f.opensAtHour]: String(rules.opensAtHour),
    [f.dueOnDay]: String(rules.dueOnDay),
    [f.reminderDaysBefore]: rules.reminderDaysBefore.join(', '),
    [f.reminderHour]: String(rules.reminderHour),
    [f.escalateDaysAfter]: String(rules.escalateDaysAfter),
    [f.digestWeekday]: String(rules.digestWeekday),
    [f.digestTime]: `${String(rules.digestHour).padStart(2, '0')}:${String(rules.digestMinute).padStart(2, '0')}`,
    [f.quietFromHour]: String(rules.quietFromHour),
    [f.quietUntilHour]: String(rules.quietUntilHour),
    [f.snoozeHours]: String(rules.snoozeHours),
    [f.reviewNoticeDaysBefore]: rules.reviewNoticeDaysBefore.join(', '),
    [f.reviewGraceDays]: String(rules.reviewGraceDays),
  };
}

/** Field problems by form field name. */
export type CalendarProblems = Partial<Record<string, string>>;

function whole(text: string | undefined, min: number, max: number, message: string): number | string {
  const v = (text ?? '').trim();
  if (!/^-?\d{1,3}$/.test(v)) return message;
  const n = Number(v);
  return n >= min && n <= max ? n : message;
}

function dayList(text: string | undefined, min: number, max: number, allowNegative: boolean): number[] | string {
  const parts = (text ?? '').split(/[,;\s]+/).filter((p) => p !== '');
  const message = t.errors.dayList(min, max);
  if (parts.length === 0 || parts.length > 10 || !parts.every((p) => /^-?\d{1,3}$/.test(p))) return message;
  const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  if (allowNegative && days.some((d) => d < 0)) return t.errors.reminderAfterDue;
  return days.every((d) => d >= min && d <= max) ? days : message;
}

/** The months that have no day `day` (29, 30): named so the admin sees why it is refused. */
function monthsWithout(day: number): string {
  return day === 29 ? t.months.feb28 : day === 30 ? t.months.feb : `${t.months.feb}, ${t.months.short}`;
}

/**
 * Reads the form into the stored rules, or says what is wrong by field. The rules: days of the
 * month 1–28 or the last day (31: every month has one; 29 and 30 are refused, naming the months
 * without them), hours 0–23, the due day not before the opening, reminders between the opening and
 * the due day in every month length (none after the due day: that is the escalation), quiet hours
 * that are not the whole day (from ≠ until) and do not swallow the opening, reminder or digest
 * hour. The digest time is "HH:MM".
 */
export function readCalendarForm(form: CalendarFormValues): { rules: ScheduleRules } | { problems: CalendarProblems } {
  const f = CALENDAR_FIELDS;
  const problems: CalendarProblems = {};
  const num = (field: string, value: number | string): number => {
    if (typeof value === 'string') {
      problems[field] ??= value;
      return NaN;
    }
    return value;
  };
  const list = (field: string, value: number[] | string): number[] => {
    if (typeof value === 'string') {
      problems[field] ??= value;
      return [];
    }
    return value;
  };
  const day = (field: string): number => {
    const n = num(field, whole(form[field], 1, LAST_DAY_OF_MONTH, t.errors.whole(1, 28)));
    if (n === 29 || n === 30) problems[field] = t.errors.dayAfterMonthEnd(n, monthsWithout(n));
    return n;
  };
  const hour = (field: string): number => num(field, whole(form[field], 0, 23, t.errors.hour));

  const opensOnDay = day(f.opensOnDay);
  const opensAtHour = hour(f.opensAtHour);
  const dueOnDay = day(f.dueOnDay);
  const reminderDaysBefore = list(f.reminderDaysBefore, dayList(form[f.reminderDaysBefore], 0, 30, true));
  const reminderHour = hour(f.reminderHour);
  const escalateDaysAfter = num(f.escalateDaysAfter, whole(form[f.escalateDaysAfter], 1, 15, t.errors.whole(1, 15)));
  const digestWeekday = num(f.digestWeekday, whole(form[f.digestWeekday], 1, 7, t.errors.whole(1, 7)));
  const time = /^(\d{1,2}):(\d{2})$/.exec((form[f.digestTime] ?? '').trim());
  let digestHour = NaN;
  let digestMinute = NaN;
  if (!time || Number(time[1]) > 23 || Number(time[2]) > 59) problems[f.digestTime] = t.errors.time;
  else [digestHour, digestMinute] = [Number(time[1]), Number(time[2])];
  const quietFromHour = hour(f.quietFromHour);
  const quietUntilHour = hour(f.quietUntilHour);
  const snoozeHours = num(f.snoozeHours, whole(form[f.snoozeHours], 1, 48, t.errors.whole(1, 48)));
  const reviewNoticeDaysBefore = list(f.reviewNoticeDaysBefore, dayList(form[f.reviewNoticeDaysBefore], 1, 60, false));
  const reviewGraceDays = num(f.reviewGraceDays, whole(form[f.reviewGraceDays], 0, 90, t.errors.whole(0, 90)));

  if (problems[f.dueOnDay] === undefined && problems[f.opensOnDay] === undefined && dueOnDay < opensOnDay) problems[f.dueOnDay] = t.errors.dueBeforeOpening;
  if (problems[f.reminderDaysBefore] === undefined && problems[f.dueOnDay] === undefined && problems[f.opensOnDay] === undefined) {
    // In every month length (28–31 days), the reminder's day must fall on or after the opening day.
    const tooEarly = reminderDaysBefore.find((d) => [28, 29, 30, 31].some((len) => Math.min(dueOnDay, len) - d < Math.min(opensOnDay, len)));
    if (tooEarly !== undefined) problems[f.reminderDaysBefore] = t.errors.reminderBeforeOpening(tooEarly);
  }
  if (problems[f.quietFromHour] === undefined && problems[f.quietUntilHour] === undefined) {
    if (quietFromHour === quietUntilHour) problems[f.quietFromHour] = t.errors.quietWholeDay;
    else {
      const quiet = { quietFromHour, quietUntilHour };
      const check = (field: string, h: number, what: string) => {
        if (problems[field] === undefined && !Number.isNaN(h) && isQuietHour(h, quiet)) problems[field] = t.errors.inQuietHours(what);
      };
      check(f.opensAtHour, opensAtHour, t.fields.opensAtHour);
      check(f.reminderHour, reminderHour, t.fields.reminderHour);
      check(f.digestTime, digestHour, t.fields.digestTime);
    }
  }
  if (Object.keys(problems).length > 0) return { problems };
  const parsed = scheduleRulesSchema.safeParse({
    opensOnDay, opensAtHour, dueOnDay, reminderDaysBefore, quietFromHour, quietUntilHour, reminderHour, escalateDaysAfter,
    reviewNoticeDaysBefore, digestWeekday, digestHour, digestMinute, snoozeHours, reviewGraceDays,
  });
  // Everything the stored schema checks is checked above with a field's own reason; this is the last guard.
  if (!parsed.success) return { problems: { _form: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  return { rules: parsed.data };
}

/** One line of the preview: a send (or the due moment) and when it happens. */
export interface CalendarPreviewLine {
  at: Date;
  what: string;
  /** The send's own time fell in quiet hours and was moved (digest at 06:00 with quiet until 07:00). */
  moved: boolean;
}

function slotWords(slot: NextSlot): string {
  const month = slot.period ? formatMonth(slot.period.year, slot.period.month) : '';
  switch (slot.job) {
    case 'period-open':
      return t.slotNames['period-open'](month);
    case 'reminder':
      return t.slotNames.reminder(month, slot.daysBefore ?? 0);
    case 'escalation':
      return t.slotNames.escalation(month);
    default:
      return t.slotNames.digest;
  }
}

/**
 * What the calendar does in one month (local time): the opening, each reminder, the due moment,
 * the escalations and digests falling in it, in order, from the same slot functions the
 * scheduler's ticks use (scheduledSlotsBetween).
 */
export function calendarPreview(month: { year: number; month: number }, rules: ScheduleRules, timeZone: string): CalendarPreviewLine[] {
  const from = zonedInstant({ year: month.year, month: month.month, day: 1 }, timeZone);
  const to = zonedInstant({ year: month.year, month: month.month + 1, day: 1 }, timeZone);
  const lines: CalendarPreviewLine[] = scheduledSlotsBetween(from, to, rules, timeZone).map((slot) => ({ at: slot.at, what: slotWords(slot), moved: slot.moved }));
  const due = monthlyPeriodDates(month.year, month.month, rules, timeZone).dueAt;
  lines.push({ at: due, what: t.slotNames.due(formatMonth(month.year, month.month)), moved: false });
  return lines.sort((a, b) => a.at.getTime() - b.at.getTime());
}
