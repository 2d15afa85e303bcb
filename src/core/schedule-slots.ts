/**
 * Which scheduled sends are due at an instant, computed from the rules alone (no clock, no
 * database). A slot names one send of one job for one period; its key, with the recipient,
 * makes the outbox's de-duplication key, so any number of ticks at any instants, on any number
 * of instances, send each slot once. A slot stays due until it is superseded (a later reminder)
 * or no longer useful (the period is over), so a tick missed while the service was down is
 * caught up once, and never during quiet hours.
 */
import { calendarParts } from './format.js';
import { isoDate, shiftMonth, zonedInstant } from './time.js';
import { isQuietTime, monthlyPeriodDates, nextAllowedInstant, reportingMonth, type ScheduleRules } from './schedule.js';

export interface MonthRef {
  year: number;
  month: number;
}

export type MonthlySlot =
  | { job: 'period-open'; key: string; period: MonthRef; at: Date }
  | { job: 'reminder'; key: string; period: MonthRef; daysBefore: number; at: Date }
  | { job: 'escalation'; key: string; period: MonthRef; at: Date };

export interface DigestSlot {
  job: 'digest';
  key: string;
  /** The local date the digest is for (the Monday, by default). */
  weekOf: string;
  at: Date;
}

export interface ReviewNoticeSlot {
  job: 'review-notice';
  key: string;
  daysBefore: number;
  at: Date;
}

/** How long a missed escalation or digest is still worth sending. */
const ESCALATION_WINDOW_MS = 7 * 86_400_000;
const DIGEST_WINDOW_MS = 86_400_000;

/**
 * The monthly sends due at `now`: the invitation from the opening until the first reminder, then
 * the latest reminder whose time has come (only one: a service that was down sends D-1, not D-3
 * and D-1, and never an invitation and a reminder together), and the escalation of a period that
 * has ended. Nothing during quiet hours.
 */
export function dueMonthlySlots(now: Date, rules: ScheduleRules, timeZone: string): MonthlySlot[] {
  if (isQuietTime(now, rules, timeZone)) return [];
  const slots: MonthlySlot[] = [];
  const current = reportingMonth(now, rules, timeZone);
  const dates = monthlyPeriodDates(current.year, current.month, rules, timeZone);
  const t = now.getTime();
  const tag = `${current.year}-${String(current.month).padStart(2, '0')}`;

  if (t >= dates.opensAt.getTime() && t <= dates.dueAt.getTime()) {
    const dueDay = calendarParts(dates.dueAt, timeZone).day;
    const reminder = [...rules.reminderDaysBefore]
      .sort((a, b) => a - b)
      .map((daysBefore) => ({
        daysBefore,
        at: zonedInstant({ year: current.year, month: current.month, day: dueDay - daysBefore, hour: rules.reminderHour }, timeZone),
      }))
      .find((r) => r.at.getTime() <= t && r.at.getTime() >= dates.opensAt.getTime());
    // Once a reminder is due it stands in for the invitation: nobody gets both at once.
    if (reminder) slots.push({ job: 'reminder', key: `remind:${tag}:d${reminder.daysBefore}`, period: current, ...reminder });
    else slots.push({ job: 'period-open', key: `open:${tag}`, period: current, at: dates.opensAt });
  }
  for (const period of [shiftMonth(current, -1), current]) {
    const due = monthlyPeriodDates(period.year, period.month, rules, timeZone).dueAt;
    const local = calendarParts(due, timeZone);
    const at = zonedInstant({ year: local.year, month: local.month, day: local.day + rules.escalateDaysAfter, hour: rules.reminderHour }, timeZone);
    if (t >= at.getTime() && t < at.getTime() + ESCALATION_WINDOW_MS) {
      slots.push({ job: 'escalation', key: `late:${period.year}-${String(period.month).padStart(2, '0')}`, period, at });
    }
  }
  return slots;
}

/** The weekly digest due at `now`: from its weekday and time until a day later. */
export function dueDigestSlot(now: Date, rules: ScheduleRules, timeZone: string): DigestSlot | null {
  if (isQuietTime(now, rules, timeZone)) return null;
  const local = calendarParts(now, timeZone);
  const weekday = ((new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7) + 1;
  for (const back of [0, 7]) {
    const daysSince = ((weekday - rules.digestWeekday + 7) % 7) + back;
    const at = zonedInstant({ year: local.year, month: local.month, day: local.day - daysSince, hour: rules.digestHour, minute: rules.digestMinute }, timeZone);
    if (at.getTime() > now.getTime()) continue;
    if (now.getTime() - at.getTime() >= DIGEST_WINDOW_MS) return null;
    const day = calendarParts(at, timeZone);
    const weekOf = isoDate(day.year, day.month, day.day);
    return { job: 'digest', key: `digest:${weekOf}`, weekOf, at };
  }
  return null;
}

/** The notice due at `now` before a review deadline: the latest of D-14/7/3/1 that has come, until the deadline. */
export function dueReviewNotice(now: Date, deadline: { id: number; dueAt: Date }, rules: ScheduleRules, timeZone: string): ReviewNoticeSlot | null {
  if (isQuietTime(now, rules, timeZone) || now.getTime() >= deadline.dueAt.getTime()) return null;
  const local = calendarParts(deadline.dueAt, timeZone);
  const notice = [...rules.reviewNoticeDaysBefore]
    .sort((a, b) => a - b)
    .map((daysBefore) => ({ daysBefore, at: zonedInstant({ year: local.year, month: local.month, day: local.day - daysBefore, hour: rules.reminderHour }, timeZone) }))
    .find((n) => n.at.getTime() <= now.getTime());
  return notice ? { job: 'review-notice', key: `review:${deadline.id}:d${notice.daysBefore}`, ...notice } : null;
}

/** The next scheduled send after `now`, to tell an operator whose tick found nothing due when something will be. */
export interface NextSlot {
  job: MonthlySlot['job'] | 'digest';
  at: Date;
  /** The reporting month it is about (not for the digest). */
  period?: MonthRef;
  /** For a reminder: how many days before the due day. */
  daysBefore?: number;
}

/** A period's sends at their own times: the opening, each reminder not before the opening, the escalation. */
function monthlyCandidates(period: MonthRef, rules: ScheduleRules, timeZone: string): NextSlot[] {
  const dates = monthlyPeriodDates(period.year, period.month, rules, timeZone);
  const out: NextSlot[] = [{ job: 'period-open', at: dates.opensAt, period }];
  const due = calendarParts(dates.dueAt, timeZone);
  for (const daysBefore of rules.reminderDaysBefore) {
    const at = zonedInstant({ year: due.year, month: due.month, day: due.day - daysBefore, hour: rules.reminderHour }, timeZone);
    if (at.getTime() >= dates.opensAt.getTime()) out.push({ job: 'reminder', at, period, daysBefore });
  }
  out.push({ job: 'escalation', at: zonedInstant({ year: due.year, month: due.month, day: due.day + rules.escalateDaysAfter, hour: rules.reminderHour }, timeZone), period });
  return out;
}

/** ISO weekday (1 = Monday) of a local calendar date. */
function isoWeekday(local: { year: number; month: number; day: number }): number {
  return ((new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay() + 6) % 7) + 1;
}

/**
 * The earliest monthly or weekly send whose time comes after `now` (the invitation, a reminder,
 * the escalation, the digest), moved out of quiet hours as a tick would send it. Review notices
 * depend on stored deadlines and are not included.
 */
export function nextScheduledSlot(now: Date, rules: ScheduleRules, timeZone: string): NextSlot {
  const current = reportingMonth(now, rules, timeZone);
  const candidates: NextSlot[] = [current, shiftMonth(current, 1)].flatMap((period) => monthlyCandidates(period, rules, timeZone));
  const local = calendarParts(now, timeZone);
  const weekday = isoWeekday(local);
  for (const ahead of [0, 7]) {
    const day = local.day + ((rules.digestWeekday - weekday + 7) % 7) + ahead;
    candidates.push({ job: 'digest', at: zonedInstant({ year: local.year, month: local.month, day, hour: rules.digestHour, minute: rules.digestMinute }, timeZone) });
  }
  return candidates
    .map((c) => ({ ...c, at: nextAllowedInstant(c.at, rules, timeZone) }))
    .filter((c) => c.at.getTime() > now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0]!;
}

/**
 * Every monthly and weekly send from `from` (included) to `to` (excluded), in order, each moved
 * out of quiet hours as a tick would send it (`moved` says so): what a calendar does over a
 * stretch of time, for the console's preview before an admin saves a calendar.
 */
export function scheduledSlotsBetween(from: Date, to: Date, rules: ScheduleRules, timeZone: string): (NextSlot & { moved: boolean })[] {
  const first = calendarParts(from, timeZone);
  const last = calendarParts(to, timeZone);
  const candidates: NextSlot[] = [];
  for (let i = -1; ; i++) {
    const period = shiftMonth(first, i);
    if (period.year * 12 + period.month > last.year * 12 + last.month) break;
    candidates.push(...monthlyCandidates(period, rules, timeZone));
  }
  for (let d = -1; ; d++) {
    const at = zonedInstant({ year: first.year, month: first.month, day: first.day + d }, timeZone);
    if (at.getTime() >= to.getTime()) break;
    const local = calendarParts(at, timeZone);
    if (isoWeekday(local) === rules.digestWeekday) {
      candidates.push({ job: 'digest', at: zonedInstant({ year: local.year, month: local.month, day: local.day, hour: rules.digestHour, minute: rules.digestMinute }, timeZone) });
    }
  }
  return candidates
    .map((c) => {
      const at = nextAllowedInstant(c.at, rules, timeZone);
      return { ...c, at, moved: at.getTime() !== c.at.getTime() };
    })
    .filter((c) => c.at.getTime() >= from.getTime() && c.at.getTime() < to.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
