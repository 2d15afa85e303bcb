import { foldVietnamese } from '../text.js';

/**
 * Reads what a secretary types, the way they type it on a phone: digits or number words, with
 * or without diacritics ("2", "hai", "2 cuộc", "hai cuoc", "mười lăm"); "17/19" or "17 trên 19";
 * "không", "ko", "khong co" for none. A result says either what was meant or why it was refused.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: 'unreadable' | 'negative' | 'too_large' | 'present_above_total' | 'zero_total' };

const DIGIT_WORDS: Record<string, number> = {
  khong: 0, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, lam: 5, nham: 5, sau: 6, bay: 7, tam: 8, chin: 9,
};
/** Words that may stand beside a number without changing it: units and fillers. */
const IGNORED = new Set([
  'cuoc', 'luot', 'nguoi', 'dong', 'chi', 'dang', 'vien', 'hoat', 'lan', 'buoi', 'ban', 'co', 'duoc', 'khoang',
  'chung', 'tong', 'so', 'la', 'gom', 'a', 'da', 'thang', 'nay', 'nhe', 'to', 'thanh', 'phan',
]);

/** A whole non-negative count, at most `max`. */
export function parseCount(input: string, max: number): Parsed<number> {
  const text = foldVietnamese(input);
  if (/^-\s*\d/.test(text) || /\bam\s+\d/.test(text)) return { ok: false, reason: 'negative' };
  const value = readNumber(text);
  if (value === null) return { ok: false, reason: 'unreadable' };
  if (value > max) return { ok: false, reason: 'too_large' };
  return { ok: true, value };
}

/** "17/19", "17 / 19 đồng chí", "17 trên 19", "mười bảy trên mười chín" → present of total. */
export function parseAttendance(input: string, max: number): Parsed<{ present: number; total: number }> {
  const text = foldVietnamese(input);
  if (/(^|[^\d])-\s*\d/.test(text)) return { ok: false, reason: 'negative' };
  const parts = text.split(/\s*\/\s*|\s+(?:tren|trong|tren tong so)\s+/);
  if (parts.length !== 2) return { ok: false, reason: 'unreadable' };
  const present = readNumber(parts[0]!);
  const total = readNumber(parts[1]!);
  if (present === null || total === null) return { ok: false, reason: 'unreadable' };
  if (present > max || total > max) return { ok: false, reason: 'too_large' };
  if (total === 0) return { ok: false, reason: 'zero_total' };
  if (present > total) return { ok: false, reason: 'present_above_total' };
  return { ok: true, value: { present, total } };
}

const NONE = new Set(['khong', 'ko', 'k', 'kg', 'khg', 'hong', 'khong co', 'ko co', 'k co', 'khong co gi', 'chua co', 'khong a', 'khong co a', 'none', 'no', 'khong co y kien', 'khong de xuat', 'khong co kho khan']);
const YES = new Set(['co', 'co a', 'da co', 'co to chuc', 'co sinh hoat', 'vang', 'vang a', 'da vang', 'vang co', 'da', 'u', 'uh', 'ok', 'roi', 'da roi', 'yes', 'dung', 'phai', 'co roi']);
const NO = new Set([...NONE, 'chua', 'chua a', 'khong to chuc', 'khong sinh hoat']);

/** "không", "ko", "khong co", "chưa có" …: the person says there is nothing to report here. */
export function isNone(input: string): boolean {
  return NONE.has(stripPunctuation(foldVietnamese(input)));
}

/** Yes/no words; null when it is neither. */
export function parseYesNo(input: string): boolean | null {
  const text = stripPunctuation(foldVietnamese(input));
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return null;
}

/** Words that mean "skip this optional question". */
export function isSkip(input: string): boolean {
  return ['bo qua', 'boqua', 'skip', 'qua', 'tiep', 'tiep tuc', 'de sau'].includes(stripPunctuation(foldVietnamese(input)));
}

/** Words that mean "go back to the previous question". */
export function isBack(input: string): boolean {
  return ['quay lai', 'quaylai', 'lui', 'lui lai', 'tro lai', 'back'].includes(stripPunctuation(foldVietnamese(input)));
}

/** Words that close the photo step. */
export function isDone(input: string): boolean {
  return ['xong', 'da xong', 'het', 'het roi', 'xong roi', 'done', 'khong co anh', 'khong gui anh'].includes(stripPunctuation(foldVietnamese(input)));
}

/** Picks a choice by its label or a number ("1" for the first), with or without diacritics. */
export function parseChoice<T extends string>(input: string, choices: readonly { value: T; label: string }[], synonyms: Partial<Record<T, readonly string[]>> = {}): T | null {
  const text = stripPunctuation(foldVietnamese(input));
  const asNumber = /^\d+$/.test(text) ? Number(text) : NaN;
  if (asNumber >= 1 && asNumber <= choices.length) return choices[asNumber - 1]!.value;
  for (const choice of choices) {
    if (stripPunctuation(foldVietnamese(choice.label)) === text || choice.value === text) return choice.value;
    if (synonyms[choice.value]?.includes(text)) return choice.value;
  }
  return null;
}

function stripPunctuation(text: string): string {
  return text.replace(/[.!?,;:…"'()\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]/gu, '').replace(/\s+/g, ' ').trim();
}

/**
 * A number written in digits ("35", "1.640") or Vietnamese words, possibly with unit words
 * around it. Null when anything else is written, or more than one number.
 */
function readNumber(folded: string): number | null {
  // "1,5" is one and a half in Vietnamese: not a whole count.
  if (/\d,\d/.test(folded)) return null;
  // "1.640" is one thousand six hundred and forty; "1.5" is not a whole count (and never 15).
  // Checked before punctuation is stripped, which would turn "1.5" into "15".
  for (const dotted of folded.match(/\d+(?:\.\d+)+/g) ?? []) if (!/^\d{1,3}(\.\d{3})+$/.test(dotted)) return null;
  // "tổ chức" (held) is a filler; "chục" on its own is ten ("hai chục" is 20).
  const text = stripPunctuation(folded).replace(/\bto chuc\b/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const digitGroups = text.match(/\d[\d.]*/g);
  if (digitGroups) {
    if (digitGroups.length !== 1) return null;
    const rest = text.replace(digitGroups[0]!, ' ').split(/\s+/).filter(Boolean);
    if (!rest.every((w) => IGNORED.has(w))) return null;
    const value = Number(digitGroups[0]!.replace(/\./g, ''));
    return Number.isSafeInteger(value) ? value : null;
  }
  return readNumberWords(text.split(/\s+/).filter((w) => !IGNORED.has(w)));
}

function readNumberWords(words: readonly string[]): number | null {
  if (words.length === 0 || words.length > 12) return null;
  let total = 0;
  let current = 0;
  let digit: number | null = null;
  let seen = false;
  for (const word of words) {
    // Own keys only: `in` would also find "constructor" and "__proto__" on the prototype.
    if (Object.hasOwn(DIGIT_WORDS, word)) {
      if (digit !== null) return null;
      digit = DIGIT_WORDS[word]!;
    } else if (word === 'muoi' || word === 'chuc') {
      current += (digit ?? 1) * 10;
      digit = null;
    } else if (word === 'tram') {
      current += (digit ?? 1) * 100;
      digit = null;
    } else if (word === 'nghin' || word === 'ngan') {
      total += (current + (digit ?? 0) || 1) * 1000;
      current = 0;
      digit = null;
    } else if (word === 'linh' || word === 'le') {
      if (digit !== null) return null;
    } else {
      return null;
    }
    seen = true;
  }
  if (!seen) return null;
  return total + current + (digit ?? 0);
}
