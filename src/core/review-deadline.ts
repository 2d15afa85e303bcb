import type { ReviewKind } from './domain.js';
import { formatMonth } from './format.js';
import { daysInMonth, isoDate, zonedInstant } from './time.js';

/** How an operator names a review's kind (the command line, the console's form). */
export const REVIEW_KIND_WORDS: Readonly<Record<string, ReviewKind>> = { 'so-ket': 'so_ket', 'tong-ket': 'tong_ket', 'chuyen-de': 'chuyen_de' };

/** What is wrong with a requested deadline, as a key the catalogue words (every refusal has a reason). */
export type DeadlineProblem = 'bad-kind' | 'bad-due' | 'bad-month' | 'range-backwards' | 'due-in-past' | 'due-before-range' | 'blank-title' | 'bad-notice-days';

export interface DeadlineRequest {
  kind: string;
  /** yyyy-mm-dd, the last day of the review (due at 23:59:59 local time). */
  due: string;
  /** yyyy-mm, the first and last reviewed months. */
  from: string;
  to: string;
  title?: string;
  /** Days before the due date the notices go ("14, 7, 3, 1"); absent or blank: the organisation's calendar. */
  noticeDays?: string;
}

export interface ValidDeadline {
  kind: ReviewKind;
  title: string;
  coversFrom: string;
  coversTo: string;
  dueAt: Date;
  /** Only when the request gave its own notice days (null: it asked for the organisation's). */
  noticeDaysBefore?: number[] | null;
}

const KIND_TITLES: Readonly<Record<ReviewKind, string>> = { so_ket: 'Sơ kết', tong_ket: 'Tổng kết', chuyen_de: 'Chuyên đề' };

/**
 * Checks a review deadline as an operator typed it, against the time now: the kind, a real date,
 * whole months running forward, due in the future and not before the reviewed months begin. A
 * missing title is made from the kind and the months ("Sơ kết 01/2026–06/2026").
 */
export function validateDeadline(request: DeadlineRequest, now: Date, timeZone: string): ValidDeadline | { problem: DeadlineProblem } {
  const kind = REVIEW_KIND_WORDS[request.kind.trim().toLowerCase()];
  if (!kind) return { problem: 'bad-kind' };
  const due = /^(\d{4})-(\d{2})-(\d{2})$/.exec(request.due.trim());
  const [year, month, day] = due ? [Number(due[1]), Number(due[2]), Number(due[3])] : [0, 0, 0];
  if (!due || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { problem: 'bad-due' };
  const from = readMonth(request.from);
  const to = readMonth(request.to);
  if (!from || !to) return { problem: 'bad-month' };
  if (to.year * 12 + to.month < from.year * 12 + from.month) return { problem: 'range-backwards' };
  const dueAt = zonedInstant({ year, month, day, hour: 23, minute: 59, second: 59 }, timeZone);
  if (dueAt.getTime() <= now.getTime()) return { problem: 'due-in-past' };
  if (isoDate(year, month, day) < isoDate(from.year, from.month, 1)) return { problem: 'due-before-range' };
  const title = request.title === undefined ? `${KIND_TITLES[kind]} ${formatMonth(from.year, from.month)}–${formatMonth(to.year, to.month)}` : request.title.trim();
  if (title.length === 0) return { problem: 'blank-title' };
  const valid: ValidDeadline = { kind, title, coversFrom: isoDate(from.year, from.month, 1), coversTo: isoDate(to.year, to.month, daysInMonth(to.year, to.month)), dueAt };
  if (request.noticeDays !== undefined) {
    const days = readNoticeDays(request.noticeDays);
    if (days === undefined) return { problem: 'bad-notice-days' };
    valid.noticeDaysBefore = days;
  }
  return valid;
}

/** "14, 7, 3, 1" → [14, 7, 3, 1] (1–60 days, at most 10, largest first); blank → null; anything else → undefined. */
export function readNoticeDays(text: string): number[] | null | undefined {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return null;
  if (parts.length > 10 || !parts.every((p) => /^\d{1,2}$/.test(p))) return undefined;
  const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  return days.every((d) => d >= 1 && d <= 60) ? days : undefined;
}

/** Which of a request's fields a problem is about (for a form that shows it next to the field). */
export function deadlineProblemField(problem: DeadlineProblem, request: DeadlineRequest): 'kind' | 'due' | 'from' | 'to' | 'title' | 'noticeDays' {
  switch (problem) {
    case 'bad-kind':
      return 'kind';
    case 'bad-month':
      return readMonth(request.from) ? 'to' : 'from';
    case 'range-backwards':
      return 'to';
    case 'blank-title':
      return 'title';
    case 'bad-notice-days':
      return 'noticeDays';
    default:
      return 'due';
  }
}

function readMonth(text: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const [year, month] = [Number(m[1]), Number(m[2])];
  return year >= 2000 && year <= 2100 && month >= 1 && month <= 12 ? { year, month } : null;
}
