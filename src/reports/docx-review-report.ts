import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { attendanceRate, formatRate, submissionRate } from '../core/figures/arithmetic.js';
import { numberLine, reviewSubtitle, signatureFor } from '../core/figures/review-text.js';
import type { Capped, ModelPeriodRow, ModelsByField, MonthTotals, RaisedText, SubmissionCounts } from '../core/figures/types.js';
import type { OrgUnitKind } from '../core/domain.js';
import { formatCount } from '../core/format.js';
import { vi } from '../core/messages/vi.js';

/** What the draft review report says: the frame and the figures from the shared queries. */
export interface ReviewReportData {
  /** `lines`: the issuer lines top left, as issuerLines() words them. */
  issuer: { name: string; kind: OrgUnitKind; superiorName: string | null; lines: { superior: string | null; issuer: string } };
  place: string;
  /** "ngày 25 tháng 11 năm 2026". */
  longDate: string;
  from: string;
  to: string;
  /** "từ tháng 06/2026 đến tháng 11/2026". */
  rangeLabel: string;
  /** Said under the title when nobody in scope had anything to report in the range. */
  emptyNote: string;
  submission: SubmissionCounts;
  totals: MonthTotals;
  modelsByField: ModelsByField[];
  inactiveModels: number;
  /** Good deeds (with the person, when the report named them) and notable model results. */
  examples: { unitName: string; modelTitle: string | null; personName?: string | null; text: string }[];
  difficulties: RaisedText[];
  proposals: RaisedText[];
  appendix: Capped<ModelPeriodRow>;
  /** The sent reports by review state: the figures include those not approved yet (issue 19). */
  review?: { pending: number; approved: number; returned: number };
}

const FONT = 'Times New Roman';
const SIZE = 28; // half-points: 14 pt
const PLACEHOLDER = '[Nội dung do đồng chí soạn thảo bổ sung]';
const SIGNER_PLACEHOLDER = '[Họ và tên]';

/**
 * The draft báo cáo sơ kết / tổng kết as a Word file, in the party's document format (Hướng dẫn
 * 36-HD/VPTW): A4, Times New Roman 14, the issuer and its superior top left, "ĐẢNG CỘNG SẢN
 * VIỆT NAM" (underlined) top right with the place and date in italics, the title, sections I–IV
 * and an appendix table per unit and model. Plain paragraphs and tables the author edits.
 */
export async function renderReviewReport(data: ReviewReportData): Promise<Buffer> {
  const empty = data.totals.reports === 0;
  const doc = new Document({
    creator: vi.export.creator,
    title: `Báo cáo ${reviewSubtitle(data.from, data.to)}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
            // 20 mm top and bottom, 30 mm left, 15 mm right.
            margin: { top: 1134, bottom: 1134, left: 1701, right: 851 },
          },
        },
        children: [
          header(data),
          para([run('BÁO CÁO', { bold: true })], { align: AlignmentType.CENTER, before: 240 }),
          para([run(reviewSubtitle(data.from, data.to), { bold: true })], { align: AlignmentType.CENTER }),
          para([run('-----', {})], { align: AlignmentType.CENTER, after: 120 }),
          ...(empty ? [body(data.emptyNote, { italics: true })] : []),
          heading('I. KẾT QUẢ ĐẠT ĐƯỢC'),
          ...results(data),
          heading('II. HẠN CHẾ, NGUYÊN NHÂN'),
          ...limitations(data),
          heading('III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI'),
          subheading('1. Mục tiêu'),
          body(PLACEHOLDER, { italics: true }),
          subheading('2. Nhiệm vụ, giải pháp trọng tâm'),
          body(PLACEHOLDER, { italics: true }),
          heading('IV. ĐỀ XUẤT, KIẾN NGHỊ'),
          ...bullets(data.proposals.map(sourced), 'Không có đề xuất, kiến nghị nào được nêu trong kỳ.'),
          signature(data),
          // The appendix starts on a page of its own: the signature keeps the room it needs.
          heading(`PHỤ LỤC: KẾT QUẢ THỰC HIỆN MÔ HÌNH THEO ĐƠN VỊ (${data.rangeLabel})`, { pageBreakBefore: true }),
          appendixTable(data.appendix.items),
          ...(data.appendix.total > data.appendix.items.length
            ? [body(`Phụ lục liệt kê ${formatCount(data.appendix.items.length)}/${formatCount(data.appendix.total)} mô hình; danh sách đầy đủ trong bảng tính (lệnh /xuat xlsx).`, { italics: true })]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function results(d: ReviewReportData): Paragraph[] {
  const models = d.modelsByField.reduce((n, f) => n + f.count, 0);
  const byField = d.modelsByField.map((f) => `lĩnh vực ${(vi.export.fields[f.field] ?? f.field).toLowerCase()} ${formatCount(f.count)} mô hình`).join('; ');
  const t = d.totals;
  const s = d.submission;
  return [
    subheading('1. Xây dựng và triển khai mô hình'),
    body(`Toàn ${d.issuer.name} hiện có ${formatCount(models)} mô hình học tập và làm theo Bác đang thực hiện${byField ? `, trong đó: ${byField}` : ''}.`),
    body(
      `Trong kỳ (${d.rangeLabel}), các mô hình đã tổ chức ${formatCount(t.activities)} hoạt động với ${formatCount(t.participants)} lượt người tham gia (${formatCount(t.modelAnswers)} lượt báo cáo mô hình).`,
    ),
    subheading('2. Sinh hoạt chi bộ và chế độ báo cáo'),
    body(
      `Các chi bộ tổ chức ${formatCount(t.meetingsHeld)} cuộc sinh hoạt; ${formatCount(t.membersPresent)}/${formatCount(t.membersTotal)} lượt đảng viên tham dự, đạt tỷ lệ ${formatRate(attendanceRate(t))}.`,
    ),
    body(
      `Chế độ báo cáo hằng tháng: ${formatCount(s.submitted)}/${formatCount(s.expected)} lượt báo cáo đã gửi (đạt ${formatRate(submissionRate(s))}), trong đó ${formatCount(s.onTime)} đúng hạn, ${formatCount(s.late)} trễ hạn; ${formatCount(s.notSent)} lượt chưa gửi.`,
    ),
    ...(d.review ? [body(reviewSentence(d.review), { italics: true })] : []),
    subheading('3. Gương điển hình, cách làm hay'),
    ...bullets(
      d.examples.map((e) =>
        e.personName
          ? `${e.personName} (${e.unitName}): ${e.text}`
          : `${e.unitName}${e.modelTitle ? ` (mô hình «${e.modelTitle}»)` : ''}: ${e.text}`,
      ),
      'Chưa có gương điển hình nào được báo cáo trong kỳ.',
    ),
  ];
}

/** Whether the figures include reports not approved yet, and how many of each state. */
function reviewSentence(r: NonNullable<ReviewReportData['review']>): string {
  const sent = r.pending + r.approved + r.returned;
  const x = vi.review.export;
  return r.pending + r.returned === 0
    ? x.docxAllApproved(formatCount(sent))
    : x.docx({ sent: formatCount(sent), approved: formatCount(r.approved), pending: formatCount(r.pending), returned: formatCount(r.returned) });
}

function limitations(d: ReviewReportData): Paragraph[] {
  return [
    subheading('1. Hạn chế, khó khăn'),
    ...bullets(d.difficulties.map(sourced), 'Các đơn vị không nêu khó khăn, vướng mắc trong kỳ.'),
    ...(d.inactiveModels > 0
      ? [body(`Có ${formatCount(d.inactiveModels)} mô hình không có hoạt động trong hai tháng liền gần đây, có biểu hiện hình thức, cần được kiểm tra, chấn chỉnh.`)]
      : []),
    subheading('2. Nguyên nhân'),
    body(PLACEHOLDER, { italics: true }),
  ];
}

function sourced(r: RaisedText): string {
  return `${r.unitName}${r.modelTitle ? ` (mô hình «${r.modelTitle}»)` : ''}: ${r.text}`;
}

function header(d: ReviewReportData): Table {
  const left = [
    ...(d.issuer.lines.superior ? [para([run(d.issuer.lines.superior, { size: 26 })], { align: AlignmentType.CENTER })] : []),
    para([run(d.issuer.lines.issuer, { bold: true, size: 26 })], { align: AlignmentType.CENTER }),
    para([run('*', {})], { align: AlignmentType.CENTER }),
    para([run(numberLine(d.issuer.kind), {})], { align: AlignmentType.CENTER }),
  ];
  const right = [
    para([run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, underline: true, size: 30 })], { align: AlignmentType.CENTER }),
    para([run('', {})], {}),
    para([run(`${d.place}, ${d.longDate}`, { italics: true })], { align: AlignmentType.CENTER }),
  ];
  return new Table({
    width: { size: 9354, type: WidthType.DXA },
    columnWidths: [4300, 5054],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, 4300, false), cell(right, 5054, false)] })],
  });
}

function signature(d: ReviewReportData): Table {
  const sig = signatureFor(d.issuer.kind);
  const left = [
    para([run('Nơi nhận:', { bold: true, italics: true, size: 24 })], {}),
    ...(d.issuer.superiorName ? [para([run(`- ${d.issuer.superiorName} (để báo cáo),`, { size: 22 })], {})] : []),
    para([run('- Lưu văn phòng.', { size: 22 })], {}),
  ];
  // Room to sign and stamp (about four lines), then the signer's name to fill in.
  const right = [
    ...(sig.onBehalf ? [para([run(sig.onBehalf, { bold: true })], { align: AlignmentType.CENTER })] : []),
    para([run(sig.title, { bold: true })], { align: AlignmentType.CENTER }),
    ...Array.from({ length: 4 }, () => para([run('', {})], { after: 120 })),
    para([run(SIGNER_PLACEHOLDER, { bold: true })], { align: AlignmentType.CENTER }),
  ];
  return new Table({
    width: { size: 9354, type: WidthType.DXA },
    columnWidths: [4677, 4677],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, 4677, false), cell(right, 4677, false)] })],
  });
}

/** Widths in twips adding up to the text width (9,354 = A4 less 30 + 15 mm margins); STT wide enough not to wrap. */
const APPENDIX_COLUMNS = [
  { header: 'STT', width: 720 },
  { header: 'Đơn vị', width: 2000 },
  { header: 'Mô hình', width: 2734 },
  { header: 'Lĩnh vực', width: 1150 },
  { header: 'Số tháng báo cáo', width: 900 },
  { header: 'Hoạt động', width: 900 },
  { header: 'Lượt tham gia', width: 950 },
] as const;

function appendixTable(rows: readonly ModelPeriodRow[]): Table {
  const small = (text: string, bold = false, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) =>
    para([run(text, { bold, size: 22 })], { align });
  const headerRow = new TableRow({
    tableHeader: true,
    children: APPENDIX_COLUMNS.map((c) => cell([small(c.header, true, AlignmentType.CENTER)], c.width, true)),
  });
  const body = rows.length
    ? rows.map(
        (r, i) =>
          new TableRow({
            children: [
              cell([small(String(i + 1), false, AlignmentType.CENTER)], APPENDIX_COLUMNS[0].width, true),
              cell([small(r.unitName)], APPENDIX_COLUMNS[1].width, true),
              cell([small(r.modelTitle)], APPENDIX_COLUMNS[2].width, true),
              cell([small(vi.export.fields[r.field] ?? r.field)], APPENDIX_COLUMNS[3].width, true),
              cell([small(formatCount(r.monthsReported), false, AlignmentType.RIGHT)], APPENDIX_COLUMNS[4].width, true),
              cell([small(formatCount(r.activities), false, AlignmentType.RIGHT)], APPENDIX_COLUMNS[5].width, true),
              cell([small(formatCount(r.participants), false, AlignmentType.RIGHT)], APPENDIX_COLUMNS[6].width, true),
            ],
          }),
      )
    : [new TableRow({ children: [new TableCell({ columnSpan: APPENDIX_COLUMNS.length, children: [small('Không có mô hình nào trong phạm vi báo cáo.')] })] })];
  return new Table({
    width: { size: APPENDIX_COLUMNS.reduce((n, c) => n + c.width, 0), type: WidthType.DXA },
    columnWidths: APPENDIX_COLUMNS.map((c) => c.width),
    rows: [headerRow, ...body],
  });
}

function cell(children: Paragraph[], width: number, bordered: boolean): TableCell {
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const b = bordered ? line : none;
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: { top: b, bottom: b, left: b, right: b } });
}

function run(text: string, o: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number }): TextRun {
  return new TextRun({ text, font: FONT, bold: o.bold, italics: o.italics, size: o.size, ...(o.underline ? { underline: {} } : {}) });
}

function para(
  children: TextRun[],
  o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; indent?: boolean },
): Paragraph {
  return new Paragraph({
    children,
    alignment: o.align,
    spacing: { before: o.before ?? 0, after: o.after ?? 60 },
    ...(o.indent ? { indent: { firstLine: 567 } } : {}),
  });
}

function heading(text: string, o: { pageBreakBefore?: boolean } = {}): Paragraph {
  if (!o.pageBreakBefore) return para([run(text, { bold: true })], { before: 180, after: 60 });
  return new Paragraph({ children: [run(text, { bold: true })], pageBreakBefore: true, spacing: { before: 0, after: 60 } });
}

function subheading(text: string): Paragraph {
  return para([run(text, { bold: true })], { before: 60, after: 60, indent: true });
}

function body(text: string, o: { italics?: boolean } = {}): Paragraph {
  return para([run(text, { italics: o.italics })], { align: AlignmentType.JUSTIFIED, indent: true });
}

function bullets(lines: readonly string[], none: string): Paragraph[] {
  return lines.length ? lines.map((l) => body(`- ${l}`)) : [body(none)];
}
