import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ValidationError } from '../core/errors.js';
import type { Cell, TabularSheet } from '../core/import/parse-import.js';
import { vi } from '../core/messages/vi.js';

/**
 * Turns the bytes of a .csv or .xlsx file into sheets of cells. Only decoding lives here: CSV
 * text must be UTF-8 (with or without BOM) or UTF-16 with a BOM, and comma, semicolon or tab
 * separated (Excel in Vietnamese uses ";"); what the cells mean is the core's business.
 */
export async function readTabularFile(fileName: string, bytes: Uint8Array): Promise<TabularSheet[]> {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.csv' || extension === '.txt') return [{ name: null, rows: parseCsv(decodeText(bytes)) }];
  if (extension === '.xlsx') return readWorkbook(bytes);
  throw new ValidationError(vi.import.unknownFileType(fileName), [{ message: vi.import.unknownFileType(fileName) }]);
}

function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ValidationError(vi.import.notUtf8, [{ message: vi.import.notUtf8 }]);
  }
}

function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  try {
    return parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const message = `CSV: ${(error as Error).message}`;
    throw new ValidationError(message, [{ message }]);
  }
}

async function readWorkbook(bytes: Uint8Array): Promise<TabularSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError(vi.import.unreadableWorkbook, [{ message: vi.import.unreadableWorkbook }]);
  }
  return workbook.worksheets.map((sheet) => {
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        values[column - 1] = toCell(cell.value);
      });
      rows[rowNumber - 1] = values;
    });
    for (let i = 0; i < rows.length; i += 1) rows[i] ??= [];
    return { name: sheet.name, rows };
  });
}

function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return toCell(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return null;
}
