import { monthKey, monthRange } from './arithmetic.js';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The longest range an export takes: two years of months. */
export const MAX_EXPORT_MONTHS = 24;

/** What an export asks for, once its words are read. */
export interface ExportRequest {
  format: ExportFormat;
  unitCode: string | null;
  from: string;
  to: string;
}

const FORMAT_WORDS: Record<string, ExportFormat> = { xlsx: 'xlsx', excel: 'xlsx', csv: 'csv', docx: 'docx', word: 'docx', doc: 'docx' };

/** "2026-06" or "06/2026" → "2026-06-01"; null when it is neither. */
export function parseMonth(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  const vn = /^(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const [year, month] = iso ? [Number(iso[1]), Number(iso[2])] : vn ? [Number(vn[2]), Number(vn[1])] : [NaN, NaN];
  return Number.isInteger(year) && month >= 1 && month <= 12 && year >= 2000 && year <= 2100 ? monthKey(year, month) : null;
}

/** A range is valid when it runs forward and spans at most MAX_EXPORT_MONTHS. */
export function isValidRange(from: string, to: string): boolean {
  const n = monthRange(from, to).length;
  return n >= 1 && n <= MAX_EXPORT_MONTHS;
}

/**
 * Reads the words after /xuat or /baocaosoket: a format (xlsx, csv, docx, excel, word), a
 * month range ("06/2026-11/2026" or "2026-06..2026-11"), and a unit code, in any order.
 * Missing ones take the defaults. 'bad-range' or 'bad-request' when a word makes no sense.
 */
export function parseExportArgs(
  arg: string | null,
  defaults: { format: ExportFormat; from: string; to: string },
): ExportRequest | 'bad-range' | 'bad-request' {
  const request: ExportRequest = { unitCode: null, ...defaults };
  for (const word of (arg ?? '').split(/\s+/).filter(Boolean)) {
    const format = FORMAT_WORDS[word.toLowerCase()];
    const range = /^(\d{1,2}\/\d{4}|\d{4}-\d{1,2})(?:-|–|\.\.)(\d{1,2}\/\d{4}|\d{4}-\d{1,2})$/.exec(word);
    if (format) request.format = format;
    else if (range) {
      const from = parseMonth(range[1]!);
      const to = parseMonth(range[2]!);
      if (!from || !to || !isValidRange(from, to)) return 'bad-range';
      request.from = from;
      request.to = to;
    } else if (parseMonth(word)) {
      request.from = request.to = parseMonth(word)!;
    } else if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(word) && request.unitCode === null) request.unitCode = word;
    else return 'bad-request';
  }
  return request;
}
