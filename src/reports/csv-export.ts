import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { wallClockOf } from '../core/time.js';
import type { CellValue, SheetSpec } from './export-sheets.js';

/**
 * How a CSV separates fields and writes decimals, so a spreadsheet opens it in the right columns:
 * `vi` (the default) for Excel under Vietnamese regional settings, `;` between fields and a
 * decimal comma (0,7456); `intl` for English settings and other tools, `,` and a decimal point.
 */
export const CSV_LOCALES = ['vi', 'intl'] as const;
export type CsvLocale = (typeof CSV_LOCALES)[number];

/** "vi", "intl" or its other name "en" → the locale; null for anything else. */
export function parseCsvLocale(text: string): CsvLocale | null {
  const word = text.trim().toLowerCase();
  return word === 'vi' ? 'vi' : word === 'intl' || word === 'en' ? 'intl' : null;
}

/**
 * Writes one sheet as CSV: UTF-8 with a BOM (so Excel shows Vietnamese), CRLF line ends,
 * RFC 4180 quoting; fields and decimals as the locale says (default `vi`: "a;0,7456", `intl`:
 * "a,0.7456"); whole numbers without grouping, date-times "25/11/2026 09:30".
 * Streams page by page and respects the output's back-pressure.
 */
export async function writeCsv(out: Writable, sheet: SheetSpec, options: { timeZone: string; emptyNote: string; locale?: CsvLocale }): Promise<void> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const wallClock = wallClockOf(options.timeZone);
  const columns = sheet.columns;
  const vi = (options.locale ?? 'vi') === 'vi';
  const sep = vi ? ';' : ',';
  const quote = vi ? quoteVi : quoteIntl;
  const toText = (value: CellValue) => textOf(value, wallClock, vi);
  await write(`\ufeff${columns.map((c) => quote(c.header)).join(sep)}\r\n`);
  let written = 0;
  for await (const page of sheet.rows) {
    let chunk = '';
    for (const row of page) {
      let line = '';
      for (let i = 0; i < columns.length; i += 1) line += `${i ? sep : ''}${quote(toText(columns[i]!.value(row)))}`;
      chunk += `${line}\r\n`;
    }
    written += page.length;
    await write(chunk);
  }
  if (written === 0) await write(`${quote(options.emptyNote)}\r\n`);
  const finished = once(out, 'finish');
  out.end();
  await finished;
}

function textOf(value: CellValue, wallClock: (instant: Date) => Date, decimalComma: boolean): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    const text = String(Math.round(value * 10000) / 10000);
    return decimalComma ? text.replace('.', ',') : text;
  }
  if (typeof value === 'string') return value;
  const w = wallClock(value.localDateTime);
  return `${pad(w.getUTCDate())}/${pad(w.getUTCMonth() + 1)}/${w.getUTCFullYear()} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const NEEDS_QUOTES_INTL = /[",\r\n]/;
const NEEDS_QUOTES_VI = /[";\r\n]/;

function quoteIntl(text: string): string {
  return NEEDS_QUOTES_INTL.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function quoteVi(text: string): string {
  return NEEDS_QUOTES_VI.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
