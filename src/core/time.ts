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

const QUARTER_HOUR_MS = 900_000;

/**
 * The wall clock of `timeZone` for many instants (an export's hundreds of thousands of
 * date-times): a Date whose UTC fields are the local clock's, to the minute. The zone's offset
 * is looked up once per quarter hour and kept when it is the same at both ends of that quarter
 * (every offset in use falls on quarter hours); next to a change each instant is asked on its own.
 */
export function wallClockOf(timeZone: string): (instant: Date) => Date {
  const offsets = new Map<number, number>();
  return (instant) => {
    const ms = instant.getTime();
    const block = Math.floor(ms / QUARTER_HOUR_MS);
    let offset = offsets.get(block);
    if (offset === undefined) {
      const start = offsetMs(new Date(block * QUARTER_HOUR_MS), timeZone);
      const end = offsetMs(new Date((block + 1) * QUARTER_HOUR_MS - 1), timeZone);
      if (start !== end) offset = offsetMs(instant, timeZone);
      else {
        offset = start;
        if (offsets.size >= 100_000) offsets.clear();
        offsets.set(block, offset);
      }
    }
    const wall = ms + offset;
    return new Date(wall - (((wall % 60_000) + 60_000) % 60_000));
  };
}
