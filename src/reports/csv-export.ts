import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { calendarParts } from '../core/format.js';
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
  await write(`\ufeff${sheet.columns.map((c) => quote(c.header)).join(',')}\r\n`);
  let written = 0;
  for await (const page of sheet.rows) {
    let chunk = '';
    for (const row of page) chunk += `${sheet.columns.map((c) => quote(toText(c.value(row), options.timeZone))).join(',')}\r\n`;
    written += page.length;
    await write(chunk);
  }
  if (written === 0) await write(`${quote(options.emptyNote)}\r\n`);
  out.end();
  await once(out, 'finish');
}

function toText(value: CellValue, timeZone: string): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
  if (typeof value === 'string') return value;
  const p = calendarParts(value.localDateTime, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
