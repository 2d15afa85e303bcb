/**
 * Builds samples/to-chuc-mau.xlsx from the three sample CSV files, one sheet each, so the
 * workbook and the CSVs never drift apart: `npx tsx scripts/make-sample-workbook.ts`.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

const sheets = [
  ['Đơn vị', 'samples/don-vi.csv'],
  ['Nhân sự', 'samples/nhan-su.csv'],
  ['Mô hình', 'samples/mo-hinh.csv'],
] as const;

const workbook = new ExcelJS.Workbook();
for (const [name, file] of sheets) {
  const rows = parse(await readFile(file, 'utf8'), { relax_column_count: true }) as string[][];
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  rows.forEach((row) => sheet.addRow(row));
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => {
    column.width = Math.min(60, Math.max(12, ...rows.map((r) => (r[(column.number ?? 1) - 1] ?? '').length + 2)));
  });
}
await workbook.xlsx.writeFile('samples/to-chuc-mau.xlsx');
console.log('wrote samples/to-chuc-mau.xlsx');
