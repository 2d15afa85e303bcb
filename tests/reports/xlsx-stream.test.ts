import { PassThrough } from 'node:stream';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { columnLetter, MAX_CELL_TEXT, XlsxStreamWriter, type XlsxCell, type XlsxColumn } from '../../src/reports/xlsx-stream.js';
import { readWorkbook, sheetRows } from '../helpers/read-files.js';

const created = new Date('2026-11-25T03:00:00Z');

/** Writes a workbook with the streaming writer and returns its bytes. */
async function build(sheets: { name: string; columns: XlsxColumn[]; rows: XlsxCell[][] }[], options: { maxRows?: number } = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new XlsxStreamWriter(out, { title: 'Số liệu thử', creator: 'Bot', created }, options);
  for (const sheet of sheets) {
    const ws = await book.addSheet(sheet.name, sheet.columns);
    for (const row of sheet.rows) await ws.addRow(row);
    await ws.end();
  }
  await book.finish();
  return Buffer.concat(chunks);
}

const columns: XlsxColumn[] = [
  { header: 'Tên đơn vị', width: 36 },
  { header: 'Lượt người tham gia', width: 13, numFmt: '#,##0' },
  { header: 'Tỷ lệ tham dự', width: 11, numFmt: '0.0%' },
  { header: 'Thời điểm gửi', width: 17, numFmt: 'dd/mm/yyyy hh:mm' },
];

describe('XlsxStreamWriter', () => {
  it('writes a workbook that exceljs reads back: Vietnamese text, numbers, dates, formats, widths, frozen bold header, autofilter', async () => {
    const bytes = await build([
      {
        name: 'Mô hình',
        columns,
        rows: [
          ['Chi bộ thôn Kon Lung', 1640, 0.912, new Date(Date.UTC(2026, 10, 25, 9, 30))],
          ['Tổ hợp tác trồng nếp cẩm & rượu ghè <Kon Lung> "mẫu"', null, undefined, null],
          ['  khoảng trắng đầu và cuối  ', 0, 1, null],
        ],
      },
      { name: 'Người tốt, việc tốt', columns: [{ header: 'Việc tốt', width: 70 }], rows: [['Hiến đất làm đường liên thôn']] },
    ]);
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/styles.xml']));

    const workbook = await readWorkbook(bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Mô hình', 'Người tốt, việc tốt']);
    expect(workbook.title).toBe('Số liệu thử');
    const ws = workbook.getWorksheet('Mô hình')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:D4');
    expect(columns.map((_, i) => ws.getColumn(i + 1).width)).toEqual([36, 13, 11, 17]);
    expect(ws.getColumn(2).numFmt).toBe('#,##0');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').alignment).toMatchObject({ wrapText: true, vertical: 'middle' });

    const rows = sheetRows(workbook, 'Mô hình');
    expect(rows[0]).toEqual(['Tên đơn vị', 'Lượt người tham gia', 'Tỷ lệ tham dự', 'Thời điểm gửi']);
    expect(rows[1]).toEqual(['Chi bộ thôn Kon Lung', 1640, 0.912, new Date(Date.UTC(2026, 10, 25, 9, 30))]);
    expect(rows[2]).toEqual(['Tổ hợp tác trồng nếp cẩm & rượu ghè <Kon Lung> "mẫu"']);
    expect(rows[3]).toEqual(['  khoảng trắng đầu và cuối  ', 0, 1]);
    expect(ws.getCell('B2').numFmt).toBe('#,##0');
    expect(ws.getCell('C2').numFmt).toBe('0.0%');
    expect(ws.getCell('D2').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(sheetRows(workbook, 'Người tốt, việc tốt')).toEqual([['Việc tốt'], ['Hiến đất làm đường liên thôn']]);
  });

  it('drops characters XML cannot carry and cuts text at Excel’s limit', async () => {
    const long = 'ă'.repeat(MAX_CELL_TEXT + 10);
    const bytes = await build([{ name: 'Khó khăn, đề xuất', columns: [{ header: 'Nội dung', width: 70 }], rows: [['Thiếu\u0000 vốn\u000b\ttháng 11\nnăm 2026'], [long]] }]);
    const rows = sheetRows(await readWorkbook(bytes), 'Khó khăn, đề xuất');
    expect(rows[1]).toEqual(['Thiếu vốn\ttháng 11\nnăm 2026']);
    expect(String(rows[2]![0])).toHaveLength(MAX_CELL_TEXT);
  });

  it('continues a sheet past the row limit in "<name> (2)", with the header again', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`Chi bộ ${i + 1}`, i + 1] as XlsxCell[]);
    const bytes = await build([{ name: 'Đơn vị', columns: columns.slice(0, 2), rows }], { maxRows: 4 });
    const workbook = await readWorkbook(bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Đơn vị', 'Đơn vị (2)', 'Đơn vị (3)']);
    expect(sheetRows(workbook, 'Đơn vị')).toHaveLength(4);
    expect(sheetRows(workbook, 'Đơn vị (2)')[0]).toEqual(['Tên đơn vị', 'Lượt người tham gia']);
    const all = workbook.worksheets.flatMap((w) => sheetRows(workbook, w.name).slice(1));
    expect(all.map((r) => r[1])).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(workbook.getWorksheet('Đơn vị (3)')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
