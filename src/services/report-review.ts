import { reviewerRoleOf, scopeRootsOf } from '../core/access.js';
import { decideReview, type ReviewCommand, type ReviewComment, type ReviewerRole, type ReviewRefusal } from '../core/review/report-review.js';
import { formatDateTime } from '../core/format.js';
import { vi } from '../core/messages/vi.js';
import { formatMonth } from '../core/format.js';
import type { NoticePayload } from '../core/notices.js';
import type { Db } from '../storage/client.js';
import { enqueueOutbound } from '../storage/queries/outbound-messages.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import { recordAudit } from '../storage/queries/audit.js';
import { listRolesOfPerson } from '../storage/queries/people.js';
import {
  applyReview,
  findNearestLeaderUnit,
  listUnitAnswerers,
  listReviewCandidates,
  loadReviewableReport,
  type ReviewableReport,
  type ReviewCandidate,
} from '../storage/queries/report-review.js';

/** What a review came to: done, or refused with the reason and the report as it stands now. */
export type ReviewOutcome =
  | { ok: true; action: 'approve' | 'return'; report: ReviewableReport; comment: ReviewComment | null }
  | { ok: false; refusal: ReviewRefusal; report: ReviewableReport }
  | { ok: false; refusal: 'not-found' };

/** Whether a person reviews a unit's reports: the nearest leader above it, an admin of its organisation, or not. */
export async function reviewerRoleFor(db: Db, personId: number, unit: { id: number; path: string }): Promise<ReviewerRole> {
  const roles = await listRolesOfPerson(db, personId);
  return reviewerRoleOf(roles, unit, await findNearestLeaderUnit(db, unit));
}

/**
 * A reviewer's «Đạt» or «Trả lại để sửa» on the version they read, in the caller's transaction:
 * decided by the review machine, applied by a compare-and-set, audited with before and after.
 * When a second review of the same version came first, the loser is told why from the report
 * as it is now (who reviewed it, or that a new version came). A person who may not review the
 * unit is refused and the attempt audited.
 */
export async function reviewReport(
  db: Db,
  p: { personId: number; reportId: number; command: ReviewCommand; via: string; now: Date },
): Promise<ReviewOutcome> {
  const report = await loadReviewableReport(db, { reportId: p.reportId });
  if (!report) return { ok: false, refusal: 'not-found' };
  const reviewer = await reviewerRoleFor(db, p.personId, { id: report.unitId, path: report.unitPath });
  const decision = decideReview(report, p.command, { now: p.now, reviewer });
  if (!decision.ok) {
    if (decision.refusal === 'not-reviewer') {
      await recordAudit(db, {
        actorKind: 'person', actorPersonId: p.personId, action: 'report.review.forbidden', entityType: 'report', entityId: String(report.id),
        details: { attempted: p.command.kind, via: p.via, unitId: report.unitId }, at: p.now,
      });
    }
    return { ok: false, refusal: decision.refusal, report };
  }
  const expectedStage = report.stage === 'approved' ? 'approved' : 'pending';
  const comment = decision.action === 'return' ? decision.comment : null;
  const applied = await applyReview(db, {
    reportId: report.id, expected: { stage: expectedStage, version: report.version }, next: decision.next,
    personId: p.personId, via: p.via, at: p.now, ...(comment ? { comment } : {}),
  });
  if (!applied) {
    // Another review or a new version came first: say which, from the report as it is now.
    const now = (await loadReviewableReport(db, { reportId: report.id }))!;
    const again = decideReview(now, p.command, { now: p.now, reviewer });
    return { ok: false, refusal: again.ok ? 'stale-version' : again.refusal, report: now };
  }
  await recordAudit(db, {
    actorKind: 'person', actorPersonId: p.personId, action: decision.action === 'approve' ? 'report.approve' : 'report.return',
    entityType: 'report', entityId: String(report.id),
    details: {
      before: { state: report.stage, version: report.version }, after: { state: decision.next, version: report.version }, via: p.via, reviewer,
      ...(comment ? { comment: comment.text, commentCut: comment.cut } : {}),
    },
    at: p.now,
  });
  const after = (await loadReviewableReport(db, { reportId: report.id }))!;
  await tellTheUnit(db, { report: after, comment, at: p.now });
  return { ok: true, action: decision.action, report: after, comment };
}

/**
 * Queues the review's notice to the unit's secretary and deputy, in the review's transaction:
 * a return with the comment and a button that opens the report for correction, an approval in
 * one line. Sent as soon as the outbox's turn comes, outside the organisation's quiet hours
 * (on Zalo beyond the 48-hour window, as a template); not sent if the review no longer stands.
 */
async function tellTheUnit(db: Db, p: { report: ReviewableReport; comment: ReviewComment | null; at: Date }): Promise<void> {
  const { report } = p;
  const { rules } = await findRulesForUnitPath(db, report.unitPath);
  const [year, month] = report.startsOn.split('-').map(Number) as [number, number];
  const base = { unit: report.unitName, period: formatMonth(year, month), reviewer: report.reviewedBy ?? '', reportId: report.id, version: report.version };
  const quiet = { fromHour: rules.quietFromHour, untilHour: rules.quietUntilHour };
  const kind = report.stage === 'returned' ? 'report-returned' : 'report-approved';
  const recipients = await listUnitAnswerers(db, report.unitId);
  await enqueueOutbound(
    db,
    recipients.map((r) => {
      const params = { ...base, person: r.personName };
      const payload: NoticePayload =
        kind === 'report-returned' ? { notice: kind, quiet, params: { ...params, comment: p.comment?.text ?? '' } } : { notice: kind, quiet, params };
      return { accountId: r.accountId, purpose: kind, dedupeKey: `${kind}:r${report.id}:v${report.version}:a${r.accountId}`, payload };
    }),
    p.at,
  );
}

/**
 * The reports waiting for this person's review (a page of them, with the total): of the units
 * whose nearest leader above is them, and of their organisation when they are an admin.
 */
export async function listReviewQueue(
  db: Db,
  p: { personId: number; month?: string; limit: number; offset?: number },
): Promise<{ total: number; items: ReviewCandidate[]; reviews: boolean }> {
  const roles = await listRolesOfPerson(db, p.personId);
  const adminPaths = scopeRootsOf(roles.filter((r) => r.role === 'admin')).map((r) => r.path);
  const leaderUnitIds = roles.filter((r) => r.role === 'leader').map((r) => r.unitId);
  const reviews = adminPaths.length > 0 || leaderUnitIds.length > 0;
  const found = await listReviewCandidates(db, { adminPaths, leaderUnitIds, limit: p.limit, ...(p.month ? { month: p.month } : {}), ...(p.offset ? { offset: p.offset } : {}) });
  // The rule itself decides (core/access.ts); the query only narrowed to these.
  const items = found.items.filter((c) => reviewerRoleOf(roles, { id: c.unitId, path: c.unitPath }, c.nearestLeaderUnitId) !== null);
  return { total: found.total, items, reviews };
}

/** Why a review was refused, in words, naming who reviewed first when that is the reason. */
export function describeRefusal(outcome: Extract<ReviewOutcome, { ok: false }>, timeZone: string): string {
  if (!('report' in outcome)) return vi.review.refused['not-found']({ by: null, at: null });
  const { reviewedBy, reviewedAt } = outcome.report;
  return vi.review.refused[outcome.refusal]({ by: reviewedBy, at: reviewedAt ? formatDateTime(reviewedAt, timeZone).replace(' ngày ', ' ') : null });
}
