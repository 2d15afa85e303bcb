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
  /** A sentence per question marked «show in digest» (issue 18), already worded. */
  questionSentences?: readonly string[];
}

const FONT = 'Times New Roman';
const SIZE = 28; // half-points: 14 pt
const d = vi.export.docx;

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
    title: d.title(reviewSubtitle(data.from, data.to)),
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
          para([run(d.kind, { bold: true })], { align: AlignmentType.CENTER, before: 240 }),
          para([run(reviewSubtitle(data.from, data.to), { bold: true })], { align: AlignmentType.CENTER }),
          para([run(d.rule, {})], { align: AlignmentType.CENTER, after: 120 }),
          ...(empty ? [body(data.emptyNote, { italics: true })] : []),
          heading(d.sections.results),
          ...results(data),
          heading(d.sections.limitations),
          ...limitations(data),
          heading(d.sections.directions),
          subheading(d.sections.goals),
          body(d.placeholder, { italics: true }),
          subheading(d.sections.tasks),
          body(d.placeholder, { italics: true }),
          heading(d.sections.proposals),
          ...bullets(data.proposals.map(sourced), d.noProposals),
          signature(data),
          // The appendix starts on a page of its own: the signature keeps the room it needs.
          heading(d.appendix.title(data.rangeLabel), { pageBreakBefore: true }),
          appendixTable(data.appendix.items),
          ...(data.appendix.total > data.appendix.items.length
            ? [body(d.appendix.cut(formatCount(data.appendix.items.length), formatCount(data.appendix.total)), { italics: true })]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function results(data: ReviewReportData): Paragraph[] {
  const r = d.results;
  const models = data.modelsByField.reduce((n, f) => n + f.count, 0);
  const byField = data.modelsByField.map((f) => r.field(vi.export.fields[f.field] ?? f.field, formatCount(f.count))).join('; ');
  const t = data.totals;
  const s = data.submission;
  return [
    subheading(r.models),
    body(r.modelCount(data.issuer.name, formatCount(models), byField)),
    body(r.activities({ range: data.rangeLabel, activities: formatCount(t.activities), participants: formatCount(t.participants), answers: formatCount(t.modelAnswers) })),
    subheading(r.meetingsAndReporting),
    body(r.meetings({ held: formatCount(t.meetingsHeld), present: formatCount(t.membersPresent), total: formatCount(t.membersTotal), rate: formatRate(attendanceRate(t)) })),
    body(
      r.submission({
        submitted: formatCount(s.submitted),
        expected: formatCount(s.expected),
        rate: formatRate(submissionRate(s)),
        onTime: formatCount(s.onTime),
        late: formatCount(s.late),
        notSent: formatCount(s.notSent),
      }),
    ),
    ...(data.review ? [body(reviewSentence(data.review), { italics: true })] : []),
    ...(data.questionSentences ?? []).map((sentence) => body(sentence)),
    subheading(r.examples),
    ...bullets(
      data.examples.map((e) => (e.personName ? r.personExample(e.personName, e.unitName, e.text) : d.sourced(e.unitName, e.modelTitle, e.text))),
      r.noExamples,
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

function limitations(data: ReviewReportData): Paragraph[] {
  const l = d.limitations;
  return [
    subheading(l.difficulties),
    ...bullets(data.difficulties.map(sourced), l.noDifficulties),
    ...(data.inactiveModels > 0 ? [body(l.inactive(formatCount(data.inactiveModels)))] : []),
    subheading(l.causes),
    body(d.placeholder, { italics: true }),
  ];
}

function sourced(r: RaisedText): string {
  return d.sourced(r.unitName, r.modelTitle, r.text);
}

function header(data: ReviewReportData): Table {
  const left = [
    ...(data.issuer.lines.superior ? [para([run(data.issuer.lines.superior, { size: 26 })], { align: AlignmentType.CENTER })] : []),
    para([run(data.issuer.lines.issuer, { bold: true, size: 26 })], { align: AlignmentType.CENTER }),
    para([run('*', {})], { align: AlignmentType.CENTER }),
    para([run(numberLine(data.issuer.kind), {})], { align: AlignmentType.CENTER }),
  ];
  const right = [
    para([run(d.party, { bold: true, underline: true, size: 30 })], { align: AlignmentType.CENTER }),
    para([run('', {})], {}),
    para([run(`${data.place}, ${data.longDate}`, { italics: true })], { align: AlignmentType.CENTER }),
  ];
  return new Table({
    width: { size: 9354, type: WidthType.DXA },
    columnWidths: [4300, 5054],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, 4300, false), cell(right, 5054, false)] })],
  });
}

function signature(data: ReviewReportData): Table {
  const sig = signatureFor(data.issuer.kind);
  const left = [
    para([run(d.recipients.title, { bold: true, italics: true, size: 24 })], {}),
    ...(data.issuer.superiorName ? [para([run(d.recipients.superior(data.issuer.superiorName), { size: 22 })], {})] : []),
    para([run(d.recipients.archive, { size: 22 })], {}),
  ];
  // Room to sign and stamp (about four lines), then the signer's name to fill in.
  const right = [
    ...(sig.onBehalf ? [para([run(sig.onBehalf, { bold: true })], { align: AlignmentType.CENTER })] : []),
    para([run(sig.title, { bold: true })], { align: AlignmentType.CENTER }),
    ...Array.from({ length: 4 }, () => para([run('', {})], { after: 120 })),
    para([run(d.signerPlaceholder, { bold: true })], { align: AlignmentType.CENTER }),
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
  { header: d.appendix.columns.index, width: 720 },
  { header: d.appendix.columns.unit, width: 2000 },
  { header: d.appendix.columns.model, width: 2734 },
  { header: d.appendix.columns.field, width: 1150 },
  { header: d.appendix.columns.months, width: 900 },
  { header: d.appendix.columns.activities, width: 900 },
  { header: d.appendix.columns.participants, width: 950 },
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
    : [new TableRow({ children: [new TableCell({ columnSpan: APPENDIX_COLUMNS.length, children: [small(d.appendix.none)] })] })];
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
