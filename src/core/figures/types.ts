import type { ModelField, OrgUnitKind, ReviewKind } from '../domain.js';

/**
 * The figures a digest, an XLSX and a DOCX all show, as the storage queries return them.
 * Months are ISO dates of their first day ("2026-11-01"), the same as `periods.starts_on`.
 */

/** Who was expected to report in a month and how they did. */
export interface SubmissionCounts {
  /** Reporting units: those with at least one active model, or that sent a report anyway. */
  expected: number;
  submitted: number;
  /** Sent no later than the period's due instant. */
  onTime: number;
  late: number;
  notSent: number;
}

/** Submission of one direct sub-unit's subtree (or of the unit itself, `self`) in one month. */
export interface SubunitSubmission extends SubmissionCounts {
  month: string;
  unitId: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  /** True for the row of the asked unit's own report (a commune committee that reports itself). */
  self: boolean;
}

/** What the submitted reports of a subtree add up to in one month. */
export interface MonthTotals {
  month: string;
  reports: number;
  noActivityReports: number;
  meetingsHeld: number;
  /** Summed over reports that gave both numbers, so the rate is present / total. */
  membersPresent: number;
  membersTotal: number;
  modelAnswers: number;
  activities: number;
  participants: number;
}

/** An active model with no activity in the two months asked about (the "hình thức" warning). */
export interface InactiveModel {
  modelId: number;
  title: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  /** The last month with at least one activity, or null if never. */
  lastActiveMonth: string | null;
}

/** A difficulty or proposal raised in a month, with where it came from. */
export interface RaisedText {
  month: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  kind: 'difficulty' | 'proposal';
  /** Set when a model's answer raised it; null for the report's own difficulties/proposals. */
  modelTitle: string | null;
  text: string;
}

/** A review deadline whose scope covers the unit (an ancestor, the unit itself, or below it). */
export interface UpcomingDeadline {
  id: number;
  kind: ReviewKind;
  title: string;
  scopeUnitId: number;
  scopeUnitName: string;
  coversFrom: string;
  coversTo: string;
  dueAt: Date;
}

/** Active models of a subtree by field, for "models by field" in the review report. */
export interface ModelsByField {
  field: ModelField;
  count: number;
}

/** A capped list with the full count, so a national digest does not carry thousands of rows. */
export interface Capped<T> {
  total: number;
  items: T[];
}

/** Everything a weekly digest shows for a leader's unit and a month. */
export interface DigestFigures {
  unit: { id: number; code: string; name: string };
  month: string;
  previousMonth: string;
  submission: { total: SubmissionCounts; bySubunit: SubunitSubmission[] };
  totals: { current: MonthTotals; previous: MonthTotals };
  inactiveModels: Capped<InactiveModel>;
  raised: Capped<RaisedText>;
  deadlines: UpcomingDeadline[];
  /**
   * The month's sent reports by review state, and the reports waiting for this unit's leaders'
   * review (those whose nearest unit above with a leader is this one), of any month (issue 19).
   * Missing in digests queued before reviews existed.
   */
  review?: { counts: { pending: number; approved: number; returned: number }; waiting: Capped<{ unitName: string; month: string }> };
  /** The month's lines of the questions marked «show in digest» (issue 18); missing in digests queued before. */
  questionLines?: string[];
}

/** One reporting unit in one month, for the export's units sheet. */
export interface UnitMonthRow {
  month: string;
  unitCode: string;
  unitName: string;
  parentName: string | null;
  status: 'on_time' | 'late' | 'not_sent';
  submittedAt: Date | null;
  noActivity: boolean;
  meetingsHeld: number | null;
  membersPresent: number | null;
  membersTotal: number | null;
  themedSessionHeld: boolean | null;
  /** The sent report's review (issue 19): its figures count whether or not it was approved. */
  reviewState?: 'pending' | 'approved' | 'returned' | null;
  /** The report's question set and its answers by key (not sent: none), for the columns of a set's own questions. */
  questionSetId?: number | null;
  answers?: unknown;
}

/** One model's answer in one month, for the export's models sheet. */
export interface ModelMonthRow {
  month: string;
  unitCode: string;
  unitName: string;
  modelTitle: string;
  field: ModelField;
  activities: number | null;
  participants: number | null;
  progress: string | null;
  results: string | null;
  difficulties: string | null;
  /** The report's question set and this model's answers by key, for the columns of a set's own questions. */
  questionSetId?: number;
  answers?: unknown;
}

/** A good deed (người tốt, việc tốt) reported in a month. */
export interface GoodDeedMonthRow {
  month: string;
  unitCode: string;
  unitName: string;
  personName: string | null;
  description: string;
}

/** One model over a review period: the appendix of the review report. */
export interface ModelPeriodRow {
  unitCode: string;
  unitName: string;
  modelTitle: string;
  field: ModelField;
  monthsReported: number;
  activities: number;
  participants: number;
  lastProgress: string | null;
}
