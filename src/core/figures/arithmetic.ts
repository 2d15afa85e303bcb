import { formatCount, formatPercent } from '../format.js';
import { shiftMonth } from '../time.js';
import type { MonthTotals, SubmissionCounts } from './types.js';

/**
 * The arithmetic on figures, in one place so a digest, a workbook and a report compute a rate
 * or a change the same way. No I/O: the storage queries give the sums, this derives from them.
 */

/** "2026-11-01" for November 2026: how months are keyed everywhere (periods.starts_on). */
export function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** The year and month of a month key. */
export function parseMonthKey(key: string): { year: number; month: number } {
  const [year, month] = key.split('-').map(Number) as [number, number];
  return { year, month };
}

/** The month key `delta` months away: shiftMonthKey("2026-01-01", -1) → "2025-12-01". */
export function shiftMonthKey(key: string, delta: number): string {
  const { year, month } = shiftMonth(parseMonthKey(key), delta);
  return monthKey(year, month);
}

/** Every month key from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let key = from; key <= to && months.length < 1200; key = shiftMonthKey(key, 1)) months.push(key);
  return months;
}

/** A ratio, or null when there is nothing to divide by (no reports is not 0%). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Members present over members on the roll, across the month's reports. */
export function attendanceRate(totals: Pick<MonthTotals, 'membersPresent' | 'membersTotal'>): number | null {
  return ratio(totals.membersPresent, totals.membersTotal);
}

/** Share of the expected units that sent their report. */
export function submissionRate(counts: Pick<SubmissionCounts, 'submitted' | 'expected'>): number | null {
  return ratio(counts.submitted, counts.expected);
}

/** Adds up submission counts (sub-units into a total, months into a range). */
export function sumSubmission(rows: readonly SubmissionCounts[]): SubmissionCounts {
  const total = { expected: 0, submitted: 0, onTime: 0, late: 0, notSent: 0 };
  for (const r of rows) {
    total.expected += r.expected;
    total.submitted += r.submitted;
    total.onTime += r.onTime;
    total.late += r.late;
    total.notSent += r.notSent;
  }
  return total;
}

/** Adds up month totals (the months of a review period). */
export function sumTotals(rows: readonly MonthTotals[], month = rows[0]?.month ?? ''): MonthTotals {
  const total = emptyTotals(month);
  for (const r of rows) {
    total.reports += r.reports;
    total.noActivityReports += r.noActivityReports;
    total.meetingsHeld += r.meetingsHeld;
    total.membersPresent += r.membersPresent;
    total.membersTotal += r.membersTotal;
    total.modelAnswers += r.modelAnswers;
    total.activities += r.activities;
    total.participants += r.participants;
  }
  return total;
}

/** The totals of a month nobody reported in. */
export function emptyTotals(month: string): MonthTotals {
  return { month, reports: 0, noActivityReports: 0, meetingsHeld: 0, membersPresent: 0, membersTotal: 0, modelAnswers: 0, activities: 0, participants: 0 };
}

/** How a figure moved against the month before: the difference and, when defined, the relative change. */
export function change(current: number, previous: number): { delta: number; relative: number | null } {
  return { delta: current - previous, relative: previous > 0 ? (current - previous) / previous : null };
}

/** "+12", "−3", "0": a change as a digest prints it, Vietnamese thousands. */
export function formatDelta(delta: number): string {
  if (delta === 0) return '0';
  return `${delta > 0 ? '+' : '−'}${formatCount(Math.abs(delta))}`;
}

/** A rate as printed, or "—" when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : formatPercent(rate);
}
