import { MAX_TEXT } from '../import/parse-import.js';
import { cleanText } from '../text.js';

/**
 * /mohinh's rules, pure: a proposal's title, the months it may start (a proposed model joins the
 * check-in from the next month at the earliest). Its buttons' values are in the one button codec
 * (core/button-data, kind 'proposal').
 */

/** A title as typed, cleaned; null when empty or too long. */
export function proposalTitle(text: string): string | null {
  const title = cleanText(text);
  return title.length > 0 && title.length <= MAX_TEXT ? title : null;
}

/** "YYYY-MM" of the month after `month` ("YYYY-MM"), and so on. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months offered as buttons: the next three after the current one. */
export function proposalMonthChoices(currentMonth: string): string[] {
  return [1, 2, 3].map((n) => addMonths(currentMonth, n));
}

/** A typed month ("01/2027", "1/2027", "2027-01", "tháng 1/2027") from the next month on; null otherwise. */
export function parseProposalMonth(text: string, currentMonth: string): string | null {
  const t = cleanText(text).toLowerCase().replace(/^th[aá]ng\s*/u, '');
  const mY = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(t);
  const yM = /^(\d{4})-(\d{1,2})$/.exec(t);
  const [year, month] = mY ? [Number(mY[2]), Number(mY[1])] : yM ? [Number(yM[1]), Number(yM[2])] : [0, 0];
  if (!year || month < 1 || month > 12) return null;
  const key = `${year}-${String(month).padStart(2, '0')}`;
  return key >= addMonths(currentMonth, 1) && key <= addMonths(currentMonth, 24) ? key : null;
}

