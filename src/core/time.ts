/**
 * Wall-clock arithmetic in a named time zone without reading the machine's clock or zone:
 * the core is given instants and zones, and turns "25/11/2026 23:59 in Hà Nội" into an instant.
 */
import { calendarParts } from './format.js';

/** The instant at which a clock in `timeZone` shows the given local date and time. */
export function zonedInstant(
  local: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0, local.second ?? 0);
  // Two passes settle the offset even next to a daylight-saving change.
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** How far ahead of UTC the clock in `timeZone` is at `instant`, in milliseconds. */
export function offsetMs(instant: Date, timeZone: string): number {
  const p = calendarParts(instant, timeZone);
  const seconds = instant.getUTCSeconds();
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, seconds);
  return wall - (instant.getTime() - instant.getUTCMilliseconds());
}

/** ISO "YYYY-MM-DD" of a calendar date. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Number of days in a month (1-12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month before/after: shiftMonth({2026, 1}, -1) → {2025, 12}. */
export function shiftMonth(ym: { year: number; month: number }, delta: number): { year: number; month: number } {
  const index = ym.year * 12 + (ym.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Whole calendar days from `from` to `to` as a clock in `timeZone` shows them (today → tomorrow is 1). */
export function localDaysBetween(from: Date, to: Date, timeZone: string): number {
  const a = calendarParts(from, timeZone);
  const b = calendarParts(to, timeZone);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}
