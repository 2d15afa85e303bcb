import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { calendarParts } from '../core/format.js';
import type { CellValue, SheetSpec } from './export-sheets.js';

/**
 * Writes an export workbook with exceljs's streaming writer: each row is committed as soon as
 * it is written, and pages come from a database cursor, so a province over a year never sits
 * in memory. Vietnamese headers, frozen and bold header row, number formats, fitting widths;
 * an empty sheet says so in its first row. No shared strings (they would be kept in memory).
 */
export async function writeXlsx(
  out: Writable,
  sheets: readonly SheetSpec[],
  options: { timeZone: string; emptyNote: string; title: string },
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Bot báo cáo mô hình học tập và làm theo Bác';
  workbook.title = options.title;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.commit();
    let written = 0;
    for await (const page of sheet.rows) {
      for (const row of page) {
        ws.addRow(sheet.columns.map((c) => toExcel(c.value(row), options.timeZone))).commit();
        written += 1;
      }
    }
    if (written === 0) ws.addRow([options.emptyNote]).commit();
    ws.commit();
  }
  await workbook.commit();
}

/** Excel has no time zones: a date-time is written as the wall clock of the organisation. */
function toExcel(value: CellValue, timeZone: string): string | number | Date | null {
  if (value === null || typeof value !== 'object') return value;
  const p = calendarParts(value.localDateTime, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
}
