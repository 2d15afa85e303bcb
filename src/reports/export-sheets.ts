import { attendanceRate, parseMonthKey, submissionRate } from '../core/figures/arithmetic.js';
import type { GoodDeedMonthRow, ModelMonthRow, MonthTotals, RaisedText, SubmissionCounts, UnitMonthRow } from '../core/figures/types.js';
import type { Question, QuestionSetDefinition } from '../core/checkin/question-set.js';
import { answerCell, answerOf, FIXED_KEYS } from '../core/figures/question-figures.js';
import { formatMonth } from '../core/format.js';
import { vi } from '../core/messages/vi.js';

/** A cell as both renderers take it: a number, text, a local wall-clock date-time, or empty. */
export type CellValue = string | number | { localDateTime: Date } | null;

export interface SheetColumn<T> {
  header: string;
  /** Column width in characters (XLSX). */
  width: number;
  /** Excel number format (XLSX); CSV writes the plain value. */
  numFmt?: string;
  value: (row: T) => CellValue;
}

/** One sheet of an export: its Vietnamese name, columns, and its rows as pages from the database. */
export interface SheetSpec<T = unknown> {
  key: 'summary' | 'units' | 'models' | 'raised' | 'goodDeeds';
  name: string;
  columns: readonly SheetColumn<T>[];
  rows: AsyncIterable<readonly T[]>;
}

/** A month of the summary sheet: submission and totals of the subtree. */
export interface SummaryRow {
  month: string | null;
  submission: SubmissionCounts;
  totals: MonthTotals;
  /** The sent reports by review state: the figures include those not approved yet (issue 19). */
  review?: { pending: number; approved: number; returned: number };
}

const INT = '#,##0';
const PCT = '0.0%';
const monthLabels = new Map<string, string>();
/** "11/2026" for "2026-11-01", remembered (an export asks it for every row). */
const month = (key: string): string => {
  let label = monthLabels.get(key);
  if (label === undefined) {
    const { year, month: m } = parseMonthKey(key);
    label = formatMonth(year, m);
    if (monthLabels.size < 1000) monthLabels.set(key, label);
  }
  return label;
};
const t = vi.export;

export const SUMMARY_COLUMNS: readonly SheetColumn<SummaryRow>[] = [
  { header: 'Tháng', width: 10, value: (r) => (r.month ? month(r.month) : 'Cộng') },
  { header: 'Số đơn vị phải báo cáo', width: 14, numFmt: INT, value: (r) => r.submission.expected },
  { header: 'Đã gửi', width: 10, numFmt: INT, value: (r) => r.submission.submitted },
  { header: 'Đúng hạn', width: 10, numFmt: INT, value: (r) => r.submission.onTime },
  { header: 'Trễ hạn', width: 10, numFmt: INT, value: (r) => r.submission.late },
  { header: 'Chưa gửi', width: 10, numFmt: INT, value: (r) => r.submission.notSent },
  { header: 'Tỷ lệ gửi', width: 10, numFmt: PCT, value: (r) => submissionRate(r.submission) },
  { header: 'Số cuộc sinh hoạt', width: 12, numFmt: INT, value: (r) => r.totals.meetingsHeld },
  { header: 'Đảng viên dự', width: 12, numFmt: INT, value: (r) => r.totals.membersPresent },
  { header: 'Tổng số đảng viên', width: 12, numFmt: INT, value: (r) => r.totals.membersTotal },
  { header: 'Tỷ lệ tham dự', width: 11, numFmt: PCT, value: (r) => attendanceRate(r.totals) },
  { header: 'Hoạt động mô hình', width: 12, numFmt: INT, value: (r) => r.totals.activities },
  { header: 'Lượt người tham gia', width: 13, numFmt: INT, value: (r) => r.totals.participants },
  // Last, so the columns before keep their place: the figures above include reports not yet approved.
  { header: vi.review.export.approved, width: 11, numFmt: INT, value: (r) => r.review?.approved ?? null },
  { header: vi.review.export.notApproved, width: 13, numFmt: INT, value: (r) => (r.review ? r.review.pending + r.review.returned : null) },
];

export const UNIT_COLUMNS: readonly SheetColumn<UnitMonthRow>[] = [
  { header: 'Tháng', width: 10, value: (r) => month(r.month) },
  { header: 'Mã đơn vị', width: 22, value: (r) => r.unitCode },
  { header: 'Tên đơn vị', width: 40, value: (r) => r.unitName },
  { header: 'Cấp trên', width: 32, value: (r) => r.parentName },
  { header: 'Tình trạng', width: 17, value: (r) => t.status[r.status] ?? r.status },
  { header: 'Thời điểm gửi', width: 17, numFmt: 'dd/mm/yyyy hh:mm', value: (r) => (r.submittedAt ? { localDateTime: r.submittedAt } : null) },
  { header: 'Không có hoạt động', width: 11, value: (r) => (r.status === 'not_sent' ? null : r.noActivity ? t.yes : t.no) },
  { header: 'Số cuộc sinh hoạt', width: 12, numFmt: INT, value: (r) => r.meetingsHeld },
  { header: 'Đảng viên dự', width: 12, numFmt: INT, value: (r) => r.membersPresent },
  { header: 'Tổng số đảng viên', width: 12, numFmt: INT, value: (r) => r.membersTotal },
  {
    header: 'Tỷ lệ tham dự',
    width: 11,
    numFmt: PCT,
    value: (r) => (r.membersPresent !== null && r.membersTotal ? r.membersPresent / r.membersTotal : null),
  },
  { header: 'Sinh hoạt chuyên đề', width: 11, value: (r) => (r.themedSessionHeld === null ? null : r.themedSessionHeld ? t.yes : t.no) },
  { header: vi.review.export.state, width: 11, value: (r) => (r.status === 'not_sent' || !r.reviewState ? null : vi.review.states[r.reviewState]) },
];

export const MODEL_COLUMNS: readonly SheetColumn<ModelMonthRow>[] = [
  { header: 'Tháng', width: 10, value: (r) => month(r.month) },
  { header: 'Mã đơn vị', width: 22, value: (r) => r.unitCode },
  { header: 'Tên đơn vị', width: 36, value: (r) => r.unitName },
  { header: 'Tên mô hình', width: 50, value: (r) => r.modelTitle },
  { header: 'Lĩnh vực', width: 16, value: (r) => t.fields[r.field] ?? r.field },
  { header: 'Số hoạt động', width: 11, numFmt: INT, value: (r) => r.activities },
  { header: 'Lượt người tham gia', width: 13, numFmt: INT, value: (r) => r.participants },
  { header: 'Tiến độ', width: 15, value: (r) => (r.progress ? (t.progress[r.progress] ?? r.progress) : null) },
  { header: 'Kết quả nổi bật', width: 50, value: (r) => r.results },
  { header: 'Khó khăn, vướng mắc', width: 50, value: (r) => r.difficulties },
];

export const RAISED_COLUMNS: readonly SheetColumn<RaisedText>[] = [
  { header: 'Tháng', width: 10, value: (r) => month(r.month) },
  { header: 'Mã đơn vị', width: 22, value: (r) => r.unitCode },
  { header: 'Tên đơn vị', width: 36, value: (r) => r.unitName },
  { header: 'Loại', width: 20, value: (r) => t.raisedKind[r.kind] ?? r.kind },
  { header: 'Mô hình', width: 40, value: (r) => r.modelTitle },
  { header: 'Nội dung', width: 70, value: (r) => r.text },
];

export const GOOD_DEED_COLUMNS: readonly SheetColumn<GoodDeedMonthRow>[] = [
  { header: 'Tháng', width: 10, value: (r) => month(r.month) },
  { header: 'Mã đơn vị', width: 22, value: (r) => r.unitCode },
  { header: 'Tên đơn vị', width: 36, value: (r) => r.unitName },
  { header: 'Người', width: 25, value: (r) => r.personName },
  { header: 'Việc tốt', width: 70, value: (r) => r.description },
];

/**
 * A column for each question of the sets used (issue 18) that the fixed columns do not show, in
 * the sheet of its scope: header = the question's short label (its newest version's), value =
 * the answer under the row's own set (empty for months whose set did not ask it).
 */
export function questionColumns<T extends { questionSetId?: number | null; answers?: unknown }>(
  sets: ReadonlyMap<number, QuestionSetDefinition>,
  scope: Question['scope'],
): SheetColumn<T>[] {
  const newestFirst = [...sets.entries()].sort(([, a], [, b]) => b.version - a.version);
  const columns = new Map<string, SheetColumn<T>>();
  for (const [, set] of newestFirst) {
    for (const q of set.questions) {
      if (q.scope !== scope || q.kind === 'photos' || FIXED_KEYS.has(q.key) || columns.has(q.key)) continue;
      const key = q.key;
      columns.set(key, {
        header: q.label,
        width: q.kind === 'text' ? 40 : 14,
        ...(q.kind === 'count' || q.kind === 'number' ? { numFmt: INT } : {}),
        value: (row) => {
          const own = row.questionSetId === null || row.questionSetId === undefined ? undefined : sets.get(row.questionSetId)?.questions.find((x) => x.key === key && x.scope === scope);
          return own ? answerCell(own, answerOf(row.answers, key)) : null;
        },
      });
    }
  }
  return [...columns.values()];
}

/** Pages from one list, for sheets computed ahead (the summary). */
export async function* pagesOf<T>(rows: readonly T[]): AsyncGenerator<readonly T[]> {
  if (rows.length > 0) yield rows;
}
