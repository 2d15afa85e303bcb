import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** An XLSX read back with exceljs, as Excel would open it. */
export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as plain values, header first. */
export function sheetRows(workbook: ExcelJS.Workbook, name: string): unknown[][] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}; sheets: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** A DOCX's body XML and its text, paragraph by paragraph. */
export async function readDocx(bytes: Uint8Array): Promise<{ xml: string; paragraphs: string[]; text: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = xml
    .split(/<w:p[ >]/)
    .slice(1)
    .map((p) => p.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'))
    .filter((p) => p.trim() !== '');
  return { xml, paragraphs, text: paragraphs.join('\n') };
}
