import { z } from 'zod';
import { decodeButtonValue, encodeButtonValue, type ReviewTap } from '../core/button-data.js';
import type { CheckinInput } from '../core/checkin/types.js';
import { readStoredJson, type StoredJsonFormat } from '../core/stored-json.js';
import { formatCount, formatDateTime, formatPercent } from '../core/format.js';
import { vi } from '../core/messages/vi.js';
import { availableReviews, decideReview, MAX_REVIEW_COMMENT, type ReviewCommand } from '../core/review/report-review.js';
import { monthLabel } from '../core/web/report-view.js';
import type { PlannedReply } from '../delivery/payload.js';
import type { Db } from '../storage/client.js';
import { openConversation, saveConversation } from '../storage/queries/conversations.js';
import { loadReportDetail } from '../storage/queries/report-detail.js';
import { loadReviewableReport } from '../storage/queries/report-review.js';
import type { ChannelAccountRow, ConversationRow } from '../storage/types.js';
import { describeRefusal, listReviewQueue, reviewerRoleFor, reviewReport } from './report-review.js';

/**
 * /duyet in a chat (issue 19): the reports waiting for this leader's review as buttons (unit and
 * month, paged), each opening a short summary with «Đạt» / «Trả lại»; «Trả lại» asks for the
 * comment as the next message (a conversation of its own, flow REVIEW_COMMENT_FLOW). Button
 * values stay far within Telegram's 64 bytes: "dv:p2", "dv:123", "dv:123:2:a", "dv:123:2:r".
 */

/** The conversation flow of a leader asked for a return's comment. */
export const REVIEW_COMMENT_FLOW = 'review-comment';

/** Reports per page of /duyet. */
export const REVIEW_PAGE_SIZE = 5;

interface ChatDeps {
  now: Date;
  timeZone: string;
}

/** What a review-comment conversation keeps: which report and version, and how to name it. */
interface StoredReviewComment {
  review: { reportId: number; version: number; unitName: string; month: string };
}

/** conversations.state of a review-comment conversation, version 1 (no older shape), read only through this. */
const STORED_REVIEW_COMMENT: StoredJsonFormat<StoredReviewComment> = {
  table: 'conversations',
  column: 'state',
  version: 1,
  schema: z.looseObject({ review: z.object({ reportId: z.number().int(), version: z.number().int(), unitName: z.string(), month: z.string() }) }),
  upgrade: (value) => value,
};

/** A /duyet button's value, read through the button codec (core/button-data); null for anything else. */
export function parseReviewButton(value: string): ReviewTap | null {
  const decoded = decodeButtonValue(value);
  return decoded?.kind === 'review' ? decoded.tap : null;
}

/** A /duyet button's value, written through the button codec. */
const reviewButton = (tap: ReviewTap): string => encodeButtonValue({ kind: 'review', tap });

/** /duyet (or a page of it): the reports waiting for this person's review, a button each. */
export async function listForReview(db: Db, p: { personId: number; page: number }): Promise<PlannedReply[]> {
  const c = vi.review.chat;
  const queue = await listReviewQueue(db, { personId: p.personId, limit: REVIEW_PAGE_SIZE, offset: (p.page - 1) * REVIEW_PAGE_SIZE });
  if (!queue.reviews) return [{ text: c.notReviewer }];
  if (queue.total === 0) return [{ text: c.none }];
  const pages = Math.max(1, Math.ceil(queue.total / REVIEW_PAGE_SIZE));
  const page = Math.min(p.page, pages);
  if (queue.items.length === 0 && page < p.page) return listForReview(db, { personId: p.personId, page });
  return [
    {
      text: c.listTitle(queue.total, page, pages),
      choices: [
        ...queue.items.map((item) => ({ label: c.item(item.unitName, monthLabel(item.month)), value: reviewButton({ kind: 'open', reportId: item.reportId }) })),
        ...(page > 1 ? [{ label: vi.review.buttons.prev, value: reviewButton({ kind: 'page', page: page - 1 }) }] : []),
        ...(page < pages ? [{ label: vi.review.buttons.next, value: reviewButton({ kind: 'page', page: page + 1 }) }] : []),
      ],
    },
  ];
}

/** A tap on a /duyet button (decoded; null for one we never drew): a page, a report's summary, «Đạt», or «Trả lại» (which asks for the comment). */
export async function handleReviewButton(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; tap: ReviewTap | null } & ChatDeps,
): Promise<PlannedReply[]> {
  const button = p.tap;
  if (!button) return [{ text: vi.review.refused['not-found']({ by: null, at: null }) }];
  if (button.kind === 'page') return listForReview(db, { personId: p.personId, page: button.page });
  if (button.kind === 'open') return showForReview(db, { ...p, reportId: button.reportId });
  if (button.kind === 'approve') return review(db, { ...p, reportId: button.reportId, command: { kind: 'approve', version: button.version } });
  return askForComment(db, { ...p, reportId: button.reportId, version: button.version });
}

/** A report's short summary for its reviewer, with the steps they may take now. */
async function showForReview(db: Db, p: { personId: number; reportId: number } & ChatDeps): Promise<PlannedReply[]> {
  const report = await loadReviewableReport(db, { reportId: p.reportId });
  if (!report) return [{ text: vi.review.refused['not-found']({ by: null, at: null }) }];
  const reviewer = await reviewerRoleFor(db, p.personId, { id: report.unitId, path: report.unitPath });
  if (!reviewer) return [{ text: vi.review.refused['not-reviewer']({ by: null, at: null }) }];
  const detail = (await loadReportDetail(db, report.id))!;
  const c = vi.review.chat;
  const lines = [c.summaryTitle(report.unitName, monthLabel(report.startsOn), report.version, report.submittedAt ? formatDateTime(report.submittedAt, p.timeZone) : '')];
  if (detail.noActivity) lines.push(`• ${vi.checkin.noActivityNote}`);
  else {
    const { meetingsHeld, membersPresent, membersTotal, difficulties, proposals } = detail.columns;
    const meeting = [
      meetingsHeld !== null ? vi.leader.meetings(formatCount(meetingsHeld)) : null,
      membersPresent !== null && membersTotal ? vi.leader.attendance(formatCount(membersPresent), formatCount(membersTotal), formatPercent(membersPresent / membersTotal)) : null,
    ].filter((x): x is string => x !== null);
    if (meeting.length > 0) lines.push(`• ${meeting.join(', ')}`);
    for (const m of detail.models) {
      const progress = m.progress ? (vi.web.progress[m.progress as keyof typeof vi.web.progress] ?? m.progress) : null;
      lines.push(c.modelLine(m.title, vi.leader.activities(formatCount(m.activities ?? 0), formatCount(m.participants ?? 0)), progress));
    }
    if (difficulties) lines.push(c.difficulties(difficulties));
    if (proposals) lines.push(c.proposals(proposals));
  }
  lines.push(c.state(vi.review.states[report.stage]));
  const steps = availableReviews(report, { now: p.now, reviewer });
  if (steps.length === 0) lines.push(describeRefusal({ ok: false, refusal: decideReviewReason(report, p.now, reviewer), report }, p.timeZone));
  lines.push(c.webLink);
  return [
    {
      text: lines.join('\n'),
      choices: [
        ...(steps.includes('approve') ? [{ label: vi.review.buttons.approve, value: reviewButton({ kind: 'approve', reportId: report.id, version: report.version }) }] : []),
        ...(steps.includes('return') ? [{ label: vi.review.buttons.return, value: reviewButton({ kind: 'return', reportId: report.id, version: report.version }) }] : []),
        { label: c.backToList, value: reviewButton({ kind: 'page', page: 1 }) },
      ],
    },
  ];
}

/** Why a report offers no review step now (already reviewed, a closed month, …). */
function decideReviewReason(report: Parameters<typeof decideReview>[0], now: Date, reviewer: 'leader' | 'admin') {
  const approve = decideReview(report, { kind: 'approve', version: report.version }, { now, reviewer });
  if (!approve.ok && approve.refusal !== 'already-approved') return approve.refusal;
  const ret = decideReview(report, { kind: 'return', version: report.version, comment: '-' }, { now, reviewer });
  return ret.ok ? 'already-approved' : ret.refusal;
}

/** Applies a review and answers with what was done (and the list of what is left), or why not. */
async function review(db: Db, p: { account: ChannelAccountRow; personId: number; reportId: number; command: ReviewCommand } & ChatDeps): Promise<PlannedReply[]> {
  const outcome = await reviewReport(db, { personId: p.personId, reportId: p.reportId, command: p.command, via: p.account.channel, now: p.now });
  if (!outcome.ok) return [{ text: describeRefusal(outcome, p.timeZone) }];
  const month = monthLabel(outcome.report.startsOn);
  const done = outcome.action === 'approve' ? vi.review.done.approve(outcome.report.unitName, month) : vi.review.done.return(outcome.report.unitName, month);
  const cut = outcome.comment?.cut ? [vi.review.commentCut(MAX_REVIEW_COMMENT)] : [];
  const rest = await listForReview(db, { personId: p.personId, page: 1 });
  return [{ text: [done, ...cut].join('\n') }, ...rest];
}

/**
 * «Trả lại»: when a return would be accepted now, asks for the comment as the next message
 * (a conversation that waits for it); otherwise says why not, without asking.
 */
async function askForComment(db: Db, p: { account: ChannelAccountRow; personId: number; reportId: number; version: number } & ChatDeps): Promise<PlannedReply[]> {
  const report = await loadReviewableReport(db, { reportId: p.reportId });
  if (!report) return [{ text: vi.review.refused['not-found']({ by: null, at: null }) }];
  const reviewer = await reviewerRoleFor(db, p.personId, { id: report.unitId, path: report.unitPath });
  const check = decideReview(report, { kind: 'return', version: p.version, comment: '-' }, { now: p.now, reviewer });
  if (!check.ok) {
    if (check.refusal === 'not-reviewer') return review(db, { ...p, command: { kind: 'return', version: p.version, comment: '-' } }); // audited there
    return [{ text: describeRefusal({ ok: false, refusal: check.refusal, report }, p.timeZone) }];
  }
  const month = monthLabel(report.startsOn);
  const state: StoredReviewComment = { review: { reportId: report.id, version: p.version, unitName: report.unitName, month } };
  await openConversation(db, { accountId: p.account.id, flow: REVIEW_COMMENT_FLOW, unitId: report.unitId, periodId: report.periodId, reportId: report.id, step: 'comment', state });
  return [{ text: vi.review.chat.askComment(report.unitName, month) }];
}

/**
 * The message after «Trả lại»: the comment. Empty (or not text) is asked again; /huy gives up
 * without returning; anything else returns the report with it (cut past 1,000 characters, with
 * a notice) and ends the conversation.
 */
export async function receiveReviewComment(
  db: Db,
  p: { account: ChannelAccountRow; personId: number; conversation: ConversationRow; input: CheckinInput } & ChatDeps,
): Promise<PlannedReply[]> {
  const stored = readStoredJson(STORED_REVIEW_COMMENT, p.conversation.id, p.conversation.state, null);
  const close = () => saveConversation(db, { id: p.conversation.id, expectedVersion: p.conversation.version, step: 'done', state: stored, status: 'closed' });
  const text = p.input.type === 'text' ? p.input.text : '';
  if (/^\/(huy|dung)\b/i.test(text.trim())) {
    await close();
    return [{ text: vi.review.chat.cancelled }];
  }
  if (text.trim() === '') return [{ text: vi.review.chat.askCommentAgain }];
  const replies = await review(db, { ...p, reportId: stored.review.reportId, command: { kind: 'return', version: stored.review.version, comment: text } });
  await close();
  return replies;
}
