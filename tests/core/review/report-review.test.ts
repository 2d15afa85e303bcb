import { describe, expect, it } from 'vitest';
import {
  availableReviews,
  decideReview,
  decideSubmission,
  MAX_REVIEW_COMMENT,
  mayCorrect,
  monthClosesAt,
  monthStatus,
  readReviewComment,
  type MonthWindow,
  type ReportStage,
  type ReviewSubject,
} from '../../../src/core/review/report-review.js';

const at = (iso: string) => new Date(`${iso}+07:00`);
const DUE = at('2026-11-25T23:59:59');
const CLOSES = at('2026-12-20T00:00:00');
const open: MonthWindow = { dueAt: DUE, closesAt: CLOSES, reopenedUntil: null, supplementUntil: null };
const BEFORE_DUE = at('2026-11-24T10:00:00');
const AFTER_DUE = at('2026-11-30T10:00:00');
const AFTER_CLOSE = at('2026-12-21T10:00:00');

const report = (stage: ReportStage, window: MonthWindow = open, version = stage === 'draft' ? 0 : 2): ReviewSubject => ({ stage, version, window });
const leader = (now: Date) => ({ now, reviewer: 'leader' as const });

describe('the month window', () => {
  it('is open before it closes, closed after, reopened while an admin reopening lasts', () => {
    expect(monthStatus(open, AFTER_DUE)).toBe('open');
    expect(monthStatus(open, CLOSES)).toBe('closed');
    expect(monthStatus({ ...open, reopenedUntil: at('2026-12-31T23:59:59') }, AFTER_CLOSE)).toBe('reopened');
    expect(monthStatus({ ...open, reopenedUntil: at('2026-12-21T09:00:00') }, AFTER_CLOSE)).toBe('closed');
    expect(monthStatus({ ...open, closesAt: null }, at('2030-01-01T00:00:00'))).toBe('open');
  });

  it('closes at the earliest covering review deadline plus the grace days, never before the month is due plus the grace days', () => {
    const deadlines = [
      { coversFrom: '2026-01-01', coversTo: '2026-06-30', dueAt: at('2026-07-10T23:59:59') },
      { coversFrom: '2026-01-01', coversTo: '2026-12-31', dueAt: at('2026-12-15T23:59:59') },
      { coversFrom: '2026-07-01', coversTo: '2026-12-31', dueAt: at('2027-01-10T23:59:59') },
    ];
    const month = (startsOn: string, due: string) => ({ startsOn, dueAt: at(due) });
    expect(monthClosesAt(month('2026-06-01', '2026-06-25T23:59:59'), deadlines, 5)).toEqual(at('2026-07-15T23:59:59'));
    expect(monthClosesAt(month('2026-11-01', '2026-11-25T23:59:59'), deadlines, 0)).toEqual(at('2026-12-15T23:59:59'));
    // December is due after the tổng kết: it closes a grace period after its own due date.
    expect(monthClosesAt(month('2026-12-01', '2026-12-25T23:59:59'), deadlines, 7)).toEqual(at('2027-01-01T23:59:59'));
    expect(monthClosesAt(month('2027-01-01', '2027-01-25T23:59:59'), deadlines, 5)).toBeNull();
  });
});

describe('a secretary sends', () => {
  it('a draft: the first submission goes to chờ duyệt, even late, while the month is open', () => {
    expect(decideSubmission(report('draft'), BEFORE_DUE)).toEqual({ ok: true, action: 'submit', next: 'pending' });
    expect(decideSubmission(report('draft'), AFTER_DUE)).toEqual({ ok: true, action: 'submit', next: 'pending' });
  });

  it('a correction while waiting for review: until the due date, or the «báo cáo bổ sung» deadline', () => {
    expect(decideSubmission(report('pending'), BEFORE_DUE)).toEqual({ ok: true, action: 'edit', next: 'pending' });
    expect(decideSubmission(report('pending'), AFTER_DUE)).toEqual({ ok: false, refusal: 'past-due' });
    const supplemented = { ...open, supplementUntil: at('2026-12-05T23:59:59') };
    expect(decideSubmission(report('pending', supplemented), AFTER_DUE)).toMatchObject({ ok: true, action: 'edit' });
  });

  it('a returned report corrected, even after the due date: back to chờ duyệt', () => {
    expect(decideSubmission(report('returned'), AFTER_DUE)).toEqual({ ok: true, action: 'resubmit', next: 'pending' });
  });

  it('never edits an approved report (the reviewer returns it first)', () => {
    expect(decideSubmission(report('approved'), BEFORE_DUE)).toEqual({ ok: false, refusal: 'approved-locked' });
  });

  it('nothing in a closed month: no first submission, no edit, no resubmission, unless an admin reopened it', () => {
    for (const stage of ['draft', 'pending', 'returned'] as const) {
      expect(decideSubmission(report(stage), AFTER_CLOSE)).toEqual({ ok: false, refusal: 'month-closed' });
    }
    const reopened = { ...open, reopenedUntil: at('2026-12-31T23:59:59') };
    expect(decideSubmission(report('draft', reopened), AFTER_CLOSE)).toMatchObject({ ok: true, action: 'submit' });
    expect(decideSubmission(report('returned', reopened), AFTER_CLOSE)).toMatchObject({ ok: true, action: 'resubmit' });
    expect(decideSubmission(report('pending', reopened), AFTER_CLOSE)).toMatchObject({ ok: true, action: 'edit' });
  });

  it('may open a sent report for correction exactly when sending it again would be accepted', () => {
    expect(mayCorrect(report('draft'), BEFORE_DUE)).toEqual({ ok: false, refusal: 'not-submitted' });
    expect(mayCorrect(report('returned'), AFTER_DUE)).toEqual({ ok: true });
    expect(mayCorrect(report('pending'), AFTER_DUE)).toEqual({ ok: false, refusal: 'past-due' });
    expect(mayCorrect(report('approved'), BEFORE_DUE)).toEqual({ ok: false, refusal: 'approved-locked' });
    expect(mayCorrect(report('returned'), AFTER_CLOSE)).toEqual({ ok: false, refusal: 'month-closed' });
  });
});

describe('a reviewer', () => {
  it('approves a report waiting for review: đạt', () => {
    expect(decideReview(report('pending'), { kind: 'approve', version: 2 }, leader(AFTER_DUE))).toEqual({ ok: true, action: 'approve', next: 'approved' });
    expect(decideReview(report('pending'), { kind: 'approve', version: 2 }, { now: AFTER_DUE, reviewer: 'admin' })).toMatchObject({ ok: true });
  });

  it('returns a report waiting for review, or one already approved, with the comment', () => {
    for (const stage of ['pending', 'approved'] as const) {
      expect(decideReview(report(stage), { kind: 'return', version: 2, comment: '  Số lượt tham gia chưa khớp.  ' }, leader(AFTER_DUE))).toEqual({
        ok: true,
        action: 'return',
        next: 'returned',
        comment: { text: 'Số lượt tham gia chưa khớp.', cut: false, original: null },
      });
    }
  });

  it('is refused when not the nearest leader above the unit nor an admin, before anything else is said', () => {
    expect(decideReview(report('draft'), { kind: 'approve', version: 0 }, { now: BEFORE_DUE, reviewer: null })).toEqual({ ok: false, refusal: 'not-reviewer' });
    expect(decideReview(report('pending'), { kind: 'return', version: 2, comment: 'x' }, { now: BEFORE_DUE, reviewer: null })).toEqual({ ok: false, refusal: 'not-reviewer' });
  });

  it('cannot review a draft', () => {
    expect(decideReview(report('draft'), { kind: 'approve', version: 0 }, leader(BEFORE_DUE))).toEqual({ ok: false, refusal: 'not-submitted' });
    expect(decideReview(report('draft'), { kind: 'return', version: 0, comment: 'x' }, leader(BEFORE_DUE))).toEqual({ ok: false, refusal: 'not-submitted' });
  });

  it('is told when the report changed since it was read (another version)', () => {
    expect(decideReview(report('pending'), { kind: 'approve', version: 1 }, leader(BEFORE_DUE))).toEqual({ ok: false, refusal: 'stale-version' });
    expect(decideReview(report('approved'), { kind: 'return', version: 3, comment: 'x' }, leader(BEFORE_DUE))).toEqual({ ok: false, refusal: 'stale-version' });
  });

  it('does not approve twice, nor review a returned report before it is corrected', () => {
    expect(decideReview(report('approved'), { kind: 'approve', version: 2 }, leader(BEFORE_DUE))).toEqual({ ok: false, refusal: 'already-approved' });
    expect(decideReview(report('returned'), { kind: 'approve', version: 2 }, leader(BEFORE_DUE))).toEqual({ ok: false, refusal: 'already-returned' });
    expect(decideReview(report('returned'), { kind: 'return', version: 2, comment: 'x' }, leader(BEFORE_DUE))).toEqual({ ok: false, refusal: 'already-returned' });
  });

  it('returns nothing in a closed month unless an admin reopened it; approving is still possible', () => {
    expect(decideReview(report('approved'), { kind: 'return', version: 2, comment: 'x' }, leader(AFTER_CLOSE))).toEqual({ ok: false, refusal: 'month-closed' });
    expect(decideReview(report('pending'), { kind: 'return', version: 2, comment: 'x' }, leader(AFTER_CLOSE))).toEqual({ ok: false, refusal: 'month-closed' });
    expect(decideReview(report('pending'), { kind: 'approve', version: 2 }, leader(AFTER_CLOSE))).toMatchObject({ ok: true, next: 'approved' });
    const reopened = report('approved', { ...open, reopenedUntil: at('2026-12-31T23:59:59') });
    expect(decideReview(reopened, { kind: 'return', version: 2, comment: 'x' }, leader(AFTER_CLOSE))).toMatchObject({ ok: true, next: 'returned' });
  });

  it('must say what to correct: an empty or blank comment is asked again', () => {
    for (const comment of ['', '   ', '\n\t']) {
      expect(decideReview(report('pending'), { kind: 'return', version: 2, comment }, leader(BEFORE_DUE))).toEqual({ ok: false, refusal: 'comment-required' });
    }
  });

  it('has a comment over 1,000 characters cut, with the original kept', () => {
    const long = `${'Số liệu chưa khớp. '.repeat(80)}Hết.`;
    const decision = decideReview(report('pending'), { kind: 'return', version: 2, comment: long }, leader(BEFORE_DUE));
    expect(decision.ok && decision.action === 'return' ? decision.comment : null).toMatchObject({ cut: true, original: long.trim() });
    const text = decision.ok && decision.action === 'return' ? decision.comment.text : '';
    expect(Array.from(text)).toHaveLength(MAX_REVIEW_COMMENT);
    expect(text.endsWith('…')).toBe(true);
    expect(readReviewComment('x'.repeat(MAX_REVIEW_COMMENT))).toEqual({ text: 'x'.repeat(MAX_REVIEW_COMMENT), cut: false, original: null });
  });

  it('cuts by whole characters, never inside one', () => {
    const cut = readReviewComment('😀'.repeat(MAX_REVIEW_COMMENT + 5))!;
    expect(cut.cut).toBe(true);
    expect(Array.from(cut.text).every((c) => c === '😀' || c === '…')).toBe(true);
  });

  it('is offered exactly the steps that would be accepted', () => {
    expect(availableReviews(report('pending'), leader(BEFORE_DUE))).toEqual(['approve', 'return']);
    expect(availableReviews(report('approved'), leader(BEFORE_DUE))).toEqual(['return']);
    expect(availableReviews(report('approved'), leader(AFTER_CLOSE))).toEqual([]);
    expect(availableReviews(report('pending'), leader(AFTER_CLOSE))).toEqual(['approve']);
    expect(availableReviews(report('returned'), leader(BEFORE_DUE))).toEqual([]);
    expect(availableReviews(report('draft'), leader(BEFORE_DUE))).toEqual([]);
    expect(availableReviews(report('pending'), { now: BEFORE_DUE, reviewer: null })).toEqual([]);
  });
});
