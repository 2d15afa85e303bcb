/**
 * A report's review (DESIGN.md §11), as a pure state machine: what a secretary's submission and
 * a reviewer's «Đạt» / «Trả lại để sửa» do to a report, and why one is refused. No database, no
 * clock: the report's stage, version and month window and the instant are passed in; storage
 * applies the decision with a compare-and-set on the same stage and version.
 *
 *   draft ──submit──► pending (chờ duyệt) ──approve──► approved (đạt)
 *                       │        ▲                        │
 *                return │        │ resubmit               │ return (until the month closes)
 *                       ▼        │                        ▼
 *                     returned (trả lại) ◄────────────────┘
 */

/** The review states of a sent report; a draft has none. */
export const REVIEW_STATES = ['pending', 'approved', 'returned'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Where a report stands: never sent (draft), or sent and in one of the review states. */
export type ReportStage = 'draft' | ReviewState;

/**
 * Every step a report's history records: a first submission, a correction before review
 * (edit), a corrected report sent again after a return (resubmit), the two reviews, and the
 * month's windows opened for one unit (a leader's «báo cáo bổ sung», an admin's reopening).
 */
export const REVIEW_ACTIONS = ['submit', 'edit', 'resubmit', 'approve', 'return', 'supplement', 'reopen'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** A return's comment is kept whole up to this many characters; a longer one is cut, with a notice. */
export const MAX_REVIEW_COMMENT = 1000;

/**
 * The instants that decide what may still change in a report's month: its due date, when it
 * closes (its review deadline plus grace days; null when no deadline covers it), and the windows
 * opened for this unit: an admin's reopening (which overrides the closing) and a leader's
 * «Cho phép báo cáo bổ sung» (which extends the due date, not the closing).
 */
export interface MonthWindow {
  dueAt: Date;
  closesAt: Date | null;
  reopenedUntil: Date | null;
  supplementUntil: Date | null;
}

/** Whether the month can still change: open, closed, or closed and reopened by an admin for this unit. */
export type MonthStatus = 'open' | 'closed' | 'reopened';

/** The month's status at `now`. */
export function monthStatus(window: MonthWindow, now: Date): MonthStatus {
  if (window.closesAt === null || now.getTime() < window.closesAt.getTime()) return 'open';
  return window.reopenedUntil !== null && now.getTime() <= window.reopenedUntil.getTime() ? 'reopened' : 'closed';
}

/**
 * When a month closes: the earliest review deadline (sơ kết / tổng kết) covering it, plus the
 * grace days; never before the month's own due date plus the grace days (a tổng kết due on
 * 15/12 does not close December before its reports are due). Null when no deadline covers it
 * (it stays open). A deadline covers the months whose first day (`startsOn`) lies in its range.
 */
export function monthClosesAt(
  month: { startsOn: string; dueAt: Date },
  deadlines: readonly { coversFrom: string; coversTo: string; dueAt: Date }[],
  graceDays: number,
): Date | null {
  let earliest: number | null = null;
  for (const d of deadlines) {
    if (month.startsOn < d.coversFrom || month.startsOn > d.coversTo) continue;
    const closes = Math.max(d.dueAt.getTime(), month.dueAt.getTime()) + graceDays * 86_400_000;
    if (earliest === null || closes < earliest) earliest = closes;
  }
  return earliest === null ? null : new Date(earliest);
}

/** What the machine needs to know about one report. */
export interface ReviewSubject {
  stage: ReportStage;
  /** How many times it has been sent (0 for a draft never sent). */
  version: number;
  window: MonthWindow;
}

/** Why a step is refused; each has a message in the catalogue (vi.review.refused). */
export type ReviewRefusal =
  /** The person is neither the nearest leader above the unit nor an admin of its organisation. */
  | 'not-reviewer'
  /** The report was never sent: nothing to review. */
  | 'not-submitted'
  /** The report changed (a new version) since the reviewer read it. */
  | 'stale-version'
  | 'already-approved'
  /** Returned and not corrected yet: a second review waits for the correction. */
  | 'already-returned'
  /** The month closed (its review deadline and grace days passed) and is not reopened. */
  | 'month-closed'
  /** A correction of a report waiting for review, after its due date. */
  | 'past-due'
  /** An approved report is not edited; the reviewer returns it first. */
  | 'approved-locked'
  /** A return needs a comment saying what to correct. */
  | 'comment-required'
  /** A window opened for a unit's month must end after now, within OPENING_MAX_DAYS. */
  | 'bad-deadline'
  /** Nothing to open: the month is not past due, or its report was sent (and the month is not closed). */
  | 'nothing-to-open';

export type Refused = { ok: false; refusal: ReviewRefusal };

/** A secretary's «Gửi báo cáo»: which step it is, and the stage it leads to. */
export type SubmissionDecision = { ok: true; action: 'submit' | 'edit' | 'resubmit'; next: 'pending' } | Refused;

/**
 * A secretary sends the report: the first time (submit), again while it waits for review
 * (edit, until the due date or the leader's «báo cáo bổ sung» deadline), or corrected after a
 * return (resubmit, even after the due date). Nothing changes in a closed month unless an admin
 * reopened it; an approved report is not edited.
 */
export function decideSubmission(report: ReviewSubject, now: Date): SubmissionDecision {
  const status = monthStatus(report.window, now);
  if (status === 'closed') return refuse('month-closed');
  switch (report.stage) {
    case 'draft':
      return { ok: true, action: 'submit', next: 'pending' };
    case 'returned':
      return { ok: true, action: 'resubmit', next: 'pending' };
    case 'approved':
      return refuse('approved-locked');
    case 'pending':
      return status === 'reopened' || withinDue(report.window, now) ? { ok: true, action: 'edit', next: 'pending' } : refuse('past-due');
  }
}

/** Whether a sent report may be opened for correction now (/sua, the returned notice's button). */
export function mayCorrect(report: ReviewSubject, now: Date): { ok: true } | Refused {
  if (report.stage === 'draft') return refuse('not-submitted');
  const decision = decideSubmission(report, now);
  return decision.ok ? { ok: true } : decision;
}

/** Who is reviewing: the nearest leader above the unit, an admin of its organisation, or nobody allowed. */
export type ReviewerRole = 'leader' | 'admin' | null;

/** A reviewer's step, about the version they read. */
export type ReviewCommand = { kind: 'approve'; version: number } | { kind: 'return'; version: number; comment: string };

/** A return's comment as stored: whole, or cut to MAX_REVIEW_COMMENT with the original kept beside it. */
export interface ReviewComment {
  text: string;
  cut: boolean;
  /** The comment as typed, when it was cut (kept in the history, never lost). */
  original: string | null;
}

export type ReviewDecision =
  | { ok: true; action: 'approve'; next: 'approved' }
  | { ok: true; action: 'return'; next: 'returned'; comment: ReviewComment }
  | Refused;

/**
 * A reviewer's «Đạt» or «Trả lại để sửa». Checked in this order: the person may review, the
 * report was sent, it is the version they read, its stage allows the step, the month is not
 * closed (a return only: approving changes no figure), and a return says what to correct.
 */
export function decideReview(report: ReviewSubject, command: ReviewCommand, ctx: { now: Date; reviewer: ReviewerRole }): ReviewDecision {
  if (ctx.reviewer === null) return refuse('not-reviewer');
  if (report.stage === 'draft') return refuse('not-submitted');
  if (command.version !== report.version) return refuse('stale-version');
  if (report.stage === 'returned') return refuse('already-returned');
  if (command.kind === 'approve') {
    if (report.stage === 'approved') return refuse('already-approved');
    return { ok: true, action: 'approve', next: 'approved' };
  }
  if (monthStatus(report.window, ctx.now) === 'closed') return refuse('month-closed');
  const comment = readReviewComment(command.comment);
  if (!comment) return refuse('comment-required');
  return { ok: true, action: 'return', next: 'returned', comment };
}

/** The steps a reviewer can take on a report now (the buttons and forms to show). */
export function availableReviews(report: ReviewSubject, ctx: { now: Date; reviewer: ReviewerRole }): ('approve' | 'return')[] {
  const steps: ('approve' | 'return')[] = [];
  if (decideReview(report, { kind: 'approve', version: report.version }, ctx).ok) steps.push('approve');
  if (decideReview(report, { kind: 'return', version: report.version, comment: '-' }, ctx).ok) steps.push('return');
  return steps;
}

/**
 * A typed comment, trimmed: null when nothing is left (asked again); cut to MAX_REVIEW_COMMENT
 * characters (whole code points) when longer, keeping the original.
 */
export function readReviewComment(typed: string): ReviewComment | null {
  const text = typed.trim();
  if (text === '') return null;
  const chars = Array.from(text);
  if (chars.length <= MAX_REVIEW_COMMENT) return { text, cut: false, original: null };
  return { text: `${chars.slice(0, MAX_REVIEW_COMMENT - 1).join('').trimEnd()}…`, cut: true, original: text };
}

function withinDue(window: MonthWindow, now: Date): boolean {
  const t = now.getTime();
  return t <= window.dueAt.getTime() || (window.supplementUntil !== null && t <= window.supplementUntil.getTime());
}

function refuse(refusal: ReviewRefusal): Refused {
  return { ok: false, refusal };
}

/** A window opened for one unit's month lasts at most this many days. */
export const OPENING_MAX_DAYS = 60;

export type OpeningDecision = { ok: true; kind: 'supplement' | 'reopen' } | Refused;

/**
 * A reviewer opens a unit's month again until `until`. A missed month (past due, nothing sent)
 * that is not closed: «Cho phép báo cáo bổ sung», by its leader above or an admin. A closed
 * month: only an admin reopens it (whatever was sent), audited by the caller. The deadline must
 * lie ahead, within OPENING_MAX_DAYS.
 */
export function decideOpening(report: Pick<ReviewSubject, 'stage' | 'window'>, ctx: { now: Date; until: Date; reviewer: ReviewerRole }): OpeningDecision {
  if (ctx.reviewer === null) return refuse('not-reviewer');
  const ahead = ctx.until.getTime() - ctx.now.getTime();
  if (ahead <= 0 || ahead > OPENING_MAX_DAYS * 86_400_000) return refuse('bad-deadline');
  if (monthStatus(report.window, ctx.now) === 'closed') return ctx.reviewer === 'admin' ? { ok: true, kind: 'reopen' } : refuse('month-closed');
  if (report.stage !== 'draft' || ctx.now.getTime() <= report.window.dueAt.getTime()) return refuse('nothing-to-open');
  return { ok: true, kind: 'supplement' };
}

/** Whether a unit's month is open for a first submission now through a «báo cáo bổ sung» or a reopening. */
export function openedForUnit(window: MonthWindow, now: Date): boolean {
  const t = now.getTime();
  const supplement = window.supplementUntil !== null && t <= window.supplementUntil.getTime() && monthStatus(window, now) !== 'closed';
  return supplement || monthStatus(window, now) === 'reopened';
}
