import type { Writable } from 'node:stream';
import { ZipStreamWriter, type ZipMemberWriter, type ZipWriter, type ZipWriterFactory } from './zip-stream.js';

/** A column of a streamed sheet: its header, width in characters, and Excel number format. */
export interface XlsxColumn {
  header: string;
  width: number;
  numFmt?: string;
}

/** A cell: text (written inline), a number, a Date read as a wall clock (its UTC fields), or empty. */
export type XlsxCell = string | number | Date | null | undefined;

/** Excel's rows per sheet; a longer sheet continues in "<name> (2)", with the same header. */
export const MAX_SHEET_ROWS = 1_048_576;
/** Excel's longest cell text; a longer one is cut (Excel would refuse the file). */
export const MAX_CELL_TEXT = 32_767;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Excel's built-in number formats that need no <numFmt> entry. */
const BUILTIN_FORMATS: Record<string, number> = { '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };
const HEADER_STYLE = 1;
/** A date in a column without a number format still shows as one (built-in "m/d/yy h:mm"). */
const DATE_STYLE = 2;
/**
 * Characters of sheet XML gathered before they go to the deflater: small enough that the
 * flattened text (two bytes a character once it holds Vietnamese) stays a young object.
 */
const FLUSH_AT = 32 * 1024;
const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as an Excel serial day (the 1900 date system). */
const EPOCH_SERIAL = 25_569;

/**
 * A small streaming SpreadsheetML (XLSX) writer for large exports: rows go straight into the
 * sheet's XML and through a streaming deflate to the output, with no per-cell model, no
 * shared strings (text is inline) and no row kept after it is written. It writes what the
 * exports need and no more: a bold, wrapped, frozen header row with an autofilter, column
 * widths, number formats per column (on the column and on each cell), several sheets.
 * Sheets are written in order and each must be ended before the next is added.
 */
export class XlsxStreamWriter {
  readonly #zip: ZipWriter;
  readonly #meta: { title: string; creator: string; created: Date };
  readonly #sheets: { name: string; columns: number; lastRow: number }[] = [];
  readonly #formats = new Map<string, number>();
  /** cellXfs after the fixed ones (0 default, 1 header, 2 date): number format ids. */
  readonly #styles: number[] = [];
  readonly #maxRows: number;
  #open = false;

  /**
   * `level`: deflate level (zlib's default); `maxRows`: rows per sheet, Excel's limit (smaller in
   * tests); `zip`: the ZIP writer (ours, ZipStreamWriter, unless bench:export measures another).
   */
  constructor(out: Writable, meta: { title: string; creator: string; created: Date }, options: { level?: number; maxRows?: number; zip?: ZipWriterFactory } = {}) {
    const level = options.level === undefined ? {} : { level: options.level };
    this.#zip = options.zip ? options.zip(out, level) : new ZipStreamWriter(out, level);
    this.#meta = meta;
    this.#maxRows = options.maxRows ?? MAX_SHEET_ROWS;
  }

  /** Starts the next sheet and writes its header row. */
  async addSheet(name: string, columns: readonly XlsxColumn[]): Promise<XlsxSheetWriter> {
    if (this.#open) throw new Error('XlsxStreamWriter: the previous sheet is still open');
    const styled = columns.map((c) => ({ ...c, style: c.numFmt ? this.#styleFor(c.numFmt) : 0 }));
    const sheet = new XlsxSheetWriter(this, sheetName(name), styled, this.#maxRows);
    this.#open = true;
    await sheet.begin();
    return sheet;
  }

  /** Writes the workbook's parts and ends the output. */
  async finish(): Promise<void> {
    if (this.#open) throw new Error('XlsxStreamWriter: a sheet is still open');
    const zip = this.#zip;
    const n = this.#sheets.length;
    const sheetIds = this.#sheets.map((_, i) => i + 1);
    await zip.addFile(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheetIds.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '</Types>',
    );
    await zip.addFile(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '</Relationships>',
    );
    await zip.addFile(
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:title>${escapeXml(this.#meta.title)}</dc:title><dc:creator>${escapeXml(this.#meta.creator)}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${this.#meta.created.toISOString().replace(/\.\d{3}Z$/, 'Z')}</dcterms:created>` +
        '</cp:coreProperties>',
    );
    const filters = this.#sheets
      .map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${escapeXml(s.name.replace(/'/g, "''"))}'!$A$1:$${columnLetter(s.columns - 1)}$${s.lastRow}</definedName>`)
      .join('');
    await zip.addFile(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
        this.#sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        `</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ''}</workbook>`,
    );
    await zip.addFile(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheetIds.map((i) => `<Relationship Id="rId${i}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
        `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
    );
    await zip.addFile('xl/styles.xml', this.#stylesXml());
    await zip.finish();
  }

  /** For the sheet writer: opens the next worksheet part and says which it is. */
  async openPart(name: string, columns: number): Promise<{ part: ZipMemberWriter; index: number }> {
    this.#sheets.push({ name, columns, lastRow: 1 });
    const index = this.#sheets.length - 1;
    return { part: await this.#zip.openFile(`xl/worksheets/sheet${index + 1}.xml`), index };
  }

  /** For the sheet writer: a part is complete with `lastRow` rows. */
  closePart(index: number, lastRow: number, sheetDone: boolean): void {
    this.#sheets[index]!.lastRow = lastRow;
    if (sheetDone) this.#open = false;
  }

  #styleFor(numFmt: string): number {
    let id = BUILTIN_FORMATS[numFmt];
    if (id === undefined) {
      id = this.#formats.get(numFmt);
      if (id === undefined) {
        id = 164 + this.#formats.size;
        this.#formats.set(numFmt, id);
      }
    }
    const existing = this.#styles.indexOf(id);
    if (existing >= 0) return 3 + existing;
    this.#styles.push(id);
    return 3 + this.#styles.length - 1;
  }

  #stylesXml(): string {
    const formats = [...this.#formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('');
    const xfs = [
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>',
      '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
      ...this.#styles.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`),
    ];
    return (
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
      (formats ? `<numFmts count="${this.#formats.size}">${formats}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

interface StyledColumn extends XlsxColumn {
  style: number;
}

/** One sheet being written: add rows, then end it. */
export class XlsxSheetWriter {
  readonly #book: XlsxStreamWriter;
  readonly #name: string;
  readonly #columns: readonly StyledColumn[];
  /** Per column: `<c r="B` and `" s="3"` (the parts around the row number), and the date style. */
  readonly #open: string[];
  readonly #style: string[];
  readonly #dateStyle: string[];
  #part: ZipMemberWriter | null = null;
  #index = 0;
  #continuation = 1;
  /** Rows of the current part, the header included. */
  #row = 0;
  #rows = 0;
  #buffer = '';
  readonly #maxRows: number;

  constructor(book: XlsxStreamWriter, name: string, columns: readonly StyledColumn[], maxRows: number) {
    this.#book = book;
    this.#maxRows = Math.max(2, maxRows);
    this.#name = name;
    this.#columns = columns;
    this.#open = columns.map((_, i) => `<c r="${columnLetter(i)}`);
    this.#style = columns.map((c) => (c.style ? `" s="${c.style}"` : '"'));
    this.#dateStyle = columns.map((c) => `" s="${c.style || DATE_STYLE}"`);
  }

  /** Data rows written so far (the header not counted, continuation sheets included). */
  get rowsWritten(): number {
    return this.#rows;
  }

  /** For the workbook: opens the first part. */
  async begin(): Promise<void> {
    await this.#openPart(this.#name);
  }

  /**
   * Adds a row. Returns a promise only when the XML goes to the output (or a continuation sheet
   * begins): await it then, before reusing `cells`.
   */
  addRow(cells: ArrayLike<XlsxCell>): Promise<void> | undefined {
    if (this.#row >= this.#maxRows) return this.#continue().then(() => this.addRow(cells) ?? undefined);
    this.#rows += 1;
    this.#buffer += this.#rowXml(cells);
    return this.#buffer.length >= FLUSH_AT ? this.#flush() : undefined;
  }

  /** Ends the sheet (and its last part). */
  async end(): Promise<void> {
    await this.#closePart(true);
  }

  #rowXml(cells: ArrayLike<XlsxCell>): string {
    this.#row += 1;
    const r = String(this.#row);
    let xml = `<row r="${r}">`;
    const n = Math.min(cells.length, this.#columns.length);
    for (let i = 0; i < n; i += 1) {
      const v = cells[i];
      if (v === null || v === undefined) continue;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) xml += `${this.#open[i]}${r}${this.#style[i]}><v>${v}</v></c>`;
      } else if (typeof v === 'string') {
        if (v !== '') xml += `${this.#open[i]}${r}${this.#style[i]} t="inlineStr"><is>${textElement(v)}</is></c>`;
      } else {
        const serial = v.getTime() / MS_PER_DAY + EPOCH_SERIAL;
        if (Number.isFinite(serial)) xml += `${this.#open[i]}${r}${this.#dateStyle[i]}><v>${serial}</v></c>`;
      }
    }
    return `${xml}</row>`;
  }

  async #openPart(name: string): Promise<void> {
    const { part, index } = await this.#book.openPart(name, this.#columns.length);
    this.#part = part;
    this.#index = index;
    this.#row = 0;
    const cols = this.#columns
      .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.style ? ` style="${c.style}"` : ''}/>`)
      .join('');
    const tab = index === 0 ? ' tabSelected="1"' : '';
    this.#buffer =
      `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      `<sheetViews><sheetView workbookViewId="0"${tab}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
      `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
    this.#row += 1;
    this.#buffer += `<row r="1">${this.#columns.map((c, i) => `<c r="${columnLetter(i)}1" s="${HEADER_STYLE}" t="inlineStr"><is>${textElement(c.header)}</is></c>`).join('')}</row>`;
  }

  async #closePart(sheetDone: boolean): Promise<void> {
    const last = this.#row;
    this.#buffer += `</sheetData><autoFilter ref="A1:${columnLetter(this.#columns.length - 1)}${last}"/>` + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    await this.#flush();
    await this.#part!.end();
    this.#part = null;
    this.#book.closePart(this.#index, last, sheetDone);
  }

  async #continue(): Promise<void> {
    await this.#closePart(false);
    this.#continuation += 1;
    const suffix = ` (${this.#continuation})`;
    await this.#openPart(`${this.#name.slice(0, 31 - suffix.length)}${suffix}`);
  }

  async #flush(): Promise<void> {
    const text = this.#buffer;
    this.#buffer = '';
    if (text) await this.#part!.write(text);
  }
}

/** "A", "B", …, "Z", "AA", … for a zero-based column index. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// Characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; U+FFFE, U+FFFF): dropped.
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const ESCAPED = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text made safe for XML content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(ESCAPED, (ch) => ENTITIES[ch] ?? '') : text;
}

/** `<t>` with the text, cut to Excel's limit, keeping leading and trailing spaces. */
function textElement(text: string): string {
  let t = text;
  if (t.length > MAX_CELL_TEXT) {
    const cut = t.charCodeAt(MAX_CELL_TEXT - 1) >= 0xd800 && t.charCodeAt(MAX_CELL_TEXT - 1) <= 0xdbff ? MAX_CELL_TEXT - 1 : MAX_CELL_TEXT;
    t = t.slice(0, cut);
  }
  const edge = t.charCodeAt(0) <= 32 || t.charCodeAt(t.length - 1) <= 32;
  return edge ? `<t xml:space="preserve">${escapeXml(t)}</t>` : `<t>${escapeXml(t)}</t>`;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ . */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
}
