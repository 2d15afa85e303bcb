import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { wallClockOf } from '../core/time.js';
import type { CellValue, SheetSpec } from './export-sheets.js';

/**
 * Writes one sheet as CSV: UTF-8 with a BOM (so Excel shows Vietnamese), comma-separated,
 * CRLF line ends, RFC 4180 quoting; numbers plain (2.5, not "2,5"), date-times "25/11/2026 09:30".
 * Streams page by page and respects the output's back-pressure.
 */
export async function writeCsv(out: Writable, sheet: SheetSpec, options: { timeZone: string; emptyNote: string }): Promise<void> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const wallClock = wallClockOf(options.timeZone);
  const columns = sheet.columns;
  await write(`\ufeff${columns.map((c) => quote(c.header)).join(',')}\r\n`);
  let written = 0;
  for await (const page of sheet.rows) {
    let chunk = '';
    for (const row of page) {
      let line = '';
      for (let i = 0; i < columns.length; i += 1) line += `${i ? ',' : ''}${quote(toText(columns[i]!.value(row), wallClock))}`;
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

function toText(value: CellValue, wallClock: (instant: Date) => Date): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
  if (typeof value === 'string') return value;
  const w = wallClock(value.localDateTime);
  return `${pad(w.getUTCDate())}/${pad(w.getUTCMonth() + 1)}/${w.getUTCFullYear()} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const NEEDS_QUOTES = /[",\r\n]/;

function quote(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
