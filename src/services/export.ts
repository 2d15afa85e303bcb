import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough, type Writable } from 'node:stream';
import { attendanceRate, monthRange, parseMonthKey, sumSubmission, sumTotals } from '../core/figures/arithmetic.js';
import type { ExportFormat } from '../core/figures/export-request.js';
import { aggregateAnswers, reviewSentences } from '../core/figures/question-figures.js';
import { issuerLines, placeName, rangeLabel, reviewSubtitle } from '../core/figures/review-text.js';
import { scopeCovering, scopeRootsOf } from '../core/access.js';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import { formatLongDate, formatMonth } from '../core/format.js';
import { vi } from '../core/messages/vi.js';
import { writeCsv, type CsvLocale } from '../reports/csv-export.js';
import {
  GOOD_DEED_COLUMNS,
  MODEL_COLUMNS,
  pagesOf,
  questionColumns,
  RAISED_COLUMNS,
  SUMMARY_COLUMNS,
  UNIT_COLUMNS,
  type SheetSpec,
  type SummaryRow,
} from '../reports/export-sheets.js';
import { writeXlsx } from '../reports/xlsx-export.js';
import type { ZipWriterFactory } from '../reports/zip-stream.js';
import type { Database, Db } from '../storage/client.js';
import { loadExamples, loadModelPeriodRows, streamGoodDeeds, streamModelMonths, streamRaisedTexts, streamUnitMonths } from '../storage/queries/export-rows.js';
import { loadAnsweredReports, loadQuestionSetsUsed } from '../storage/queries/question-answers.js';
import { loadInactiveModels, loadModelsByField, loadMonthlyTotals, loadRaisedTexts, loadSubmissionBySubunit } from '../storage/queries/figures.js';
import { findUnitByCode, findUnitById, listAncestors } from '../storage/queries/org-units.js';
import { countReviewStatesByMonth } from '../storage/queries/report-review.js';
import { listRolesOfPerson } from '../storage/queries/people.js';
import type { OrgUnitRow } from '../storage/types.js';

/** The sheets a CSV can hold (one sheet per file); the models sheet is the default. */
export const CSV_SHEETS = ['mo-hinh', 'don-vi', 'tong-hop', 'kho-khan', 'viec-tot'] as const;
export type CsvSheet = (typeof CSV_SHEETS)[number];
const CSV_SHEET_KEYS: Record<CsvSheet, SheetSpec['key']> = {
  'tong-hop': 'summary',
  'don-vi': 'units',
  'mo-hinh': 'models',
  'kho-khan': 'raised',
  'viec-tot': 'goodDeeds',
};

/** Whose figures an export shows: a unit, and whether its subtree (a leader) or the unit alone (a secretary). */
export interface ExportScope {
  unit: OrgUnitRow;
  subtree: boolean;
}

export interface ExportParams extends ExportScope {
  from: string;
  to: string;
  format: ExportFormat;
  csvSheet?: CsvSheet;
  /** Separator and decimal mark of a CSV (default `vi`: `;` and a decimal comma). */
  csvLocale?: CsvLocale;
}

export interface ExportDeps {
  now: Date;
  timeZone: string;
  /** The XLSX's ZIP writer: ours unless bench:export measures a library's (bench/fflate-zip.ts). */
  zip?: ZipWriterFactory;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Who may export what, by the one scope rule of the console (core/access.ts): a leader any unit
 * of their subtree (their own by default), an admin any unit of their organisation, a secretary
 * or deputy their own unit only; anyone else is refused (ForbiddenError).
 */
export async function resolveExportScope(db: Db, params: { personId: number; unitCode: string | null }): Promise<ExportScope> {
  const roots = scopeRootsOf(await listRolesOfPerson(db, params.personId));
  if (roots.length === 0) throw new ForbiddenError(vi.export.noRole, { personId: params.personId });
  const unit = params.unitCode === null ? await findUnitById(db, roots[0]!.unitId) : await findUnitByCode(db, params.unitCode);
  if (!unit) throw new NotFoundError('org unit', params.unitCode ?? String(roots[0]!.unitId));
  const root = scopeCovering(roots, unit);
  if (!root) throw new ForbiddenError(vi.export.forbidden, { personId: params.personId, unitCode: unit.code });
  return { unit, subtree: root.subtree };
}

/** "so-lieu_KT.KONRAY_2026-06_2026-11.xlsx": says what and when, safe on every file system. */
export function exportFileName(p: Pick<ExportParams, 'unit' | 'from' | 'to' | 'format' | 'csvSheet'>): string {
  const stem = p.format === 'docx' ? 'bao-cao-so-ket' : p.format === 'csv' ? `so-lieu-${p.csvSheet ?? 'mo-hinh'}` : 'so-lieu';
  return `${stem}_${p.unit.code}_${p.from.slice(0, 7)}_${p.to.slice(0, 7)}.${p.format}`;
}

/**
 * Writes an export to `out` and ends it. Run it inside a transaction (the rows stream through
 * a cursor, and every sheet then reads one snapshot); `exportToFile` opens one.
 */
export async function writeExport(tx: Db, p: ExportParams, out: Writable, deps: ExportDeps): Promise<{ fileName: string; contentType: string }> {
  const months = monthRange(p.from, p.to);
  const emptyNote = vi.export.nothing(label(p.from), label(p.to));
  if (p.format === 'docx') {
    // The docx package is loaded only for a review report: the spreadsheets do not need it.
    const { renderReviewReport } = await import('../reports/docx-review-report.js');
    const bytes = await renderReviewReport(await reviewReportData(tx, p, months, deps, emptyNote));
    await new Promise<void>((resolve, reject) => out.end(bytes, () => resolve()).once('error', reject));
  } else {
    const sheets = await buildSheets(tx, p, months);
    if (p.format === 'xlsx') {
      await writeXlsx(out, sheets, { timeZone: deps.timeZone, emptyNote, title: `Số liệu ${p.unit.name} ${rangeLabel(p.from, p.to)}`, created: deps.now, ...(deps.zip ? { zip: deps.zip } : {}) });
    } else {
      const key = CSV_SHEET_KEYS[p.csvSheet ?? 'mo-hinh'];
      await writeCsv(out, sheets.find((s) => s.key === key)!, { timeZone: deps.timeZone, emptyNote, locale: p.csvLocale ?? 'vi' });
    }
  }
  return { fileName: exportFileName(p), contentType: CONTENT_TYPES[p.format] };
}

/** The export as bytes, for the bot (inside the caller's transaction). */
export async function exportToBytes(tx: Db, p: ExportParams, deps: ExportDeps): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => sink.once('end', resolve).once('error', reject));
  const meta = await writeExport(tx, p, sink, deps);
  await done;
  return { bytes: Buffer.concat(chunks), ...meta };
}

/**
 * The command line's export: the unit by code (the operator may export any unit, with its
 * subtree), written to a file in one read-only, repeatable-read transaction.
 */
export async function exportToFile(
  db: Database,
  p: { unitCode: string; from: string; to: string; format: ExportFormat; csvSheet?: CsvSheet; csvLocale?: CsvLocale; path: string },
  deps: ExportDeps,
): Promise<{ fileName: string }> {
  return db.transaction(
    async (tx) => {
      const unit = await findUnitByCode(tx, p.unitCode);
      if (!unit) throw new NotFoundError('org unit', p.unitCode);
      const out = createWriteStream(p.path);
      // A file that cannot be written (no such folder, a full disk) fails the export instead of
      // leaving the writer waiting for a drain that never comes; a failed export leaves no file.
      const failed = new Promise<never>((_, reject) => out.once('error', reject));
      failed.catch(() => undefined);
      try {
        const params = { unit, subtree: true, from: p.from, to: p.to, format: p.format, ...(p.csvSheet ? { csvSheet: p.csvSheet } : {}), ...(p.csvLocale ? { csvLocale: p.csvLocale } : {}) };
        const meta = await Promise.race([writeExport(tx, params, out, deps), failed]);
        if (!out.closed) await Promise.race([once(out, 'close'), failed]);
        return meta;
      } catch (error) {
        out.destroy();
        await rm(p.path, { force: true });
        throw error;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function buildSheets(tx: Db, p: ExportParams, months: string[]): Promise<SheetSpec[]> {
  const rows = { unitId: p.unit.id, months, subtree: p.subtree };
  const submission = await loadSubmissionBySubunit(tx, rows);
  const totals = await loadMonthlyTotals(tx, rows);
  const review = await countReviewStatesByMonth(tx, { unitId: p.unit.id, subtree: p.subtree, months });
  const none = { pending: 0, approved: 0, returned: 0 };
  const summary: SummaryRow[] = months.map((month, i) => ({
    month,
    submission: sumSubmission(submission.filter((s) => s.month === month)),
    totals: totals[i]!,
    review: review.get(month) ?? none,
  }));
  const hasAny = summary.some((s) => s.submission.expected > 0 || s.totals.reports > 0);
  const summaryRows = hasAny
    ? [...summary, { month: null, submission: sumSubmission(summary.map((s) => s.submission)), totals: sumTotals(totals), review: sumReview([...review.values()]) }]
    : [];
  const t = vi.export.sheets;
  // Each question a set asked gets its column, in the sheet of its scope, for the months whose set asked it.
  const sets = await loadQuestionSetsUsed(tx, rows);
  return [
    { key: 'summary', name: t.summary, columns: SUMMARY_COLUMNS, rows: pagesOf(summaryRows) },
    { key: 'units', name: t.units, columns: [...UNIT_COLUMNS, ...questionColumns(sets, 'unit')], rows: streamUnitMonths(tx, rows) },
    { key: 'models', name: t.models, columns: [...MODEL_COLUMNS, ...questionColumns(sets, 'model')], rows: streamModelMonths(tx, rows) },
    { key: 'raised', name: t.raised, columns: RAISED_COLUMNS, rows: streamRaisedTexts(tx, rows) },
    { key: 'goodDeeds', name: t.goodDeeds, columns: GOOD_DEED_COLUMNS, rows: streamGoodDeeds(tx, rows) },
  ] as SheetSpec[];
}

async function reviewReportData(tx: Db, p: ExportParams, months: string[], deps: ExportDeps, emptyNote: string) {
  const rows = { unitId: p.unit.id, months, subtree: p.subtree };
  const chain = await listAncestors(tx, p.unit.id);
  const submission = sumSubmission(await loadSubmissionBySubunit(tx, rows));
  const totals = sumTotals(await loadMonthlyTotals(tx, rows), p.from);
  const raised = await loadRaisedTexts(tx, { ...rows, limit: 400 });
  const review = sumReview([...(await countReviewStatesByMonth(tx, rows)).values()]);
  return {
    review,
    issuer: { name: p.unit.name, kind: p.unit.kind, superiorName: chain[1]?.name ?? null, lines: issuerLines(chain) },
    place: placeName(chain),
    longDate: formatLongDate(deps.now, deps.timeZone),
    from: p.from,
    to: p.to,
    rangeLabel: rangeLabel(p.from, p.to),
    emptyNote,
    submission,
    totals,
    attendance: attendanceRate(totals),
    modelsByField: await loadModelsByField(tx, { unitId: p.unit.id, subtree: p.subtree }),
    inactiveModels: (await loadInactiveModels(tx, { unitId: p.unit.id, month: p.to, subtree: p.subtree, limit: 1 })).total,
    examples: await loadExamples(tx, { ...rows, limit: 8 }),
    difficulties: raised.items.filter((r) => r.kind === 'difficulty').slice(0, 30),
    proposals: raised.items.filter((r) => r.kind === 'proposal').slice(0, 30),
    appendix: await loadModelPeriodRows(tx, { ...rows, limit: 1500 }),
    title: reviewSubtitle(p.from, p.to),
    questionSentences: reviewSentences(aggregateAnswers(await loadQuestionSetsUsed(tx, rows), await loadAnsweredReports(tx, rows))),
  };
}

/** Review counts added up. */
function sumReview(counts: readonly { pending: number; approved: number; returned: number }[]) {
  return counts.reduce((a, c) => ({ pending: a.pending + c.pending, approved: a.approved + c.approved, returned: a.returned + c.returned }), { pending: 0, approved: 0, returned: 0 });
}

function label(key: string): string {
  const { year, month } = parseMonthKey(key);
  return formatMonth(year, month);
}
