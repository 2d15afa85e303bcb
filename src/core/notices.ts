import { z } from 'zod';
import { encodeButtonValue } from './button-data.js';
import { composeDigest, type DigestChart } from './digest.js';
import { digestFiguresSchema } from './figures/digest-figures-schema.js';
import type { DigestFigures } from './figures/types.js';
import { vi } from './messages/vi.js';

/**
 * A scheduled message as the outbox stores it: which notice, and its facts. The words are
 * chosen when it is sent, from the catalogue, so thousands of rows can be queued by one
 * set-based statement that writes only facts, never sentences.
 */
export type Notice =
  | { notice: 'period-open'; params: { person: string; unit: string; unitId: number; periodId?: number; period: string; due: string } }
  | { notice: 'reminder'; params: { person: string; unit: string; unitId: number; periodId?: number; period: string; due: string; daysLeft: number; started: boolean } }
  | { notice: 'late-units'; params: { person: string; period: string; due: string; total: number; shown: { unit: string; started: boolean }[] } }
  | { notice: 'review'; params: { person: string; unit: string; title: string; due: string; daysLeft: number; missing: string[] } }
  | { notice: 'digest'; params: { person: string; timeZone: string; figures: DigestFigures } }
  | { notice: 'report-returned'; params: ReviewNoticeParams & { comment: string } }
  | { notice: 'report-approved'; params: ReviewNoticeParams }
  | { notice: 'month-opened'; params: { person: string; unit: string; unitId: number; periodId: number; period: string; until: string; by: string } };

/** What the unit's secretary and deputy are told about a review of their report (issue 19). */
export interface ReviewNoticeParams {
  person: string;
  unit: string;
  period: string;
  reviewer: string;
  reportId: number;
  /** The version reviewed: a notice about an older one is not sent. */
  version: number;
}

/** A scheduled message waits outside these local hours; the zone is the service's. */
export interface QuietHours {
  fromHour: number;
  untilHour: number;
}

export type NoticePayload = Notice & { quiet?: QuietHours };

const unitNoticeParams = { person: z.string(), unit: z.string(), unitId: z.number(), periodId: z.number().optional(), period: z.string(), due: z.string() };
const quiet = z.object({ fromHour: z.number(), untilHour: z.number() }).optional();
const reviewNoticeParams = { person: z.string(), unit: z.string(), period: z.string(), reviewer: z.string(), reportId: z.number(), version: z.number() };

/** A notice as the outbox keeps it (outbound_messages.payload), read back through this schema. */
export const noticePayloadSchema: z.ZodType<NoticePayload> = z.discriminatedUnion('notice', [
  z.object({ notice: z.literal('period-open'), quiet, params: z.object(unitNoticeParams) }),
  z.object({ notice: z.literal('reminder'), quiet, params: z.object({ ...unitNoticeParams, daysLeft: z.number(), started: z.boolean() }) }),
  z.object({
    notice: z.literal('late-units'),
    quiet,
    params: z.object({ person: z.string(), period: z.string(), due: z.string(), total: z.number(), shown: z.array(z.object({ unit: z.string(), started: z.boolean() })) }),
  }),
  z.object({
    notice: z.literal('review'),
    quiet,
    params: z.object({ person: z.string(), unit: z.string(), title: z.string(), due: z.string(), daysLeft: z.number(), missing: z.array(z.string()) }),
  }),
  z.object({ notice: z.literal('digest'), quiet, params: z.object({ person: z.string(), timeZone: z.string(), figures: digestFiguresSchema }) }),
  z.object({ notice: z.literal('report-returned'), quiet, params: z.object({ ...reviewNoticeParams, comment: z.string() }) }),
  z.object({ notice: z.literal('report-approved'), quiet, params: z.object(reviewNoticeParams) }),
  z.object({
    notice: z.literal('month-opened'),
    quiet,
    params: z.object({ person: z.string(), unit: z.string(), unitId: z.number(), periodId: z.number(), period: z.string(), until: z.string(), by: z.string() }),
  }),
]);

/** Whether an outbox payload is a notice (rendered at send time) rather than a ready reply. */
export function isNoticePayload(payload: unknown): payload is NoticePayload {
  return typeof payload === 'object' && payload !== null && typeof (payload as { notice?: unknown }).notice === 'string';
}

/** The words and buttons of a notice (and the digest's chart). Buttons start or resume the unit's check-in, or put it off. */
export function renderNotice(n: Notice): { text: string; choices?: { label: string; value: string }[]; chart?: DigestChart } {
  const B = vi.notices.buttons;
  switch (n.notice) {
    case 'period-open':
      return {
        text: vi.notices.periodOpen(n.params),
        choices: [
          { label: B.reportNow, value: encodeButtonValue({ kind: 'unit', unitId: n.params.unitId, intent: 'report' }) },
          { label: B.snooze, value: encodeButtonValue({ kind: 'snooze', unitId: n.params.unitId }) },
        ],
      };
    case 'reminder':
      return {
        text: vi.notices.reminder(n.params),
        choices: [
          { label: n.params.started ? B.resume : B.reportNow, value: encodeButtonValue({ kind: 'unit', unitId: n.params.unitId, intent: 'report' }) },
          { label: B.snooze, value: encodeButtonValue({ kind: 'snooze', unitId: n.params.unitId }) },
        ],
      };
    case 'late-units':
      return { text: vi.notices.lateUnits(n.params) };
    case 'review':
      return { text: vi.notices.reviewNotice(n.params) };
    case 'digest':
      return composeDigest(n.params.figures, n.params);
    case 'report-returned':
      // The button opens the returned report for correction, even after its due date.
      return { text: vi.review.returnedNotice(n.params), choices: [{ label: vi.review.buttons.fix, value: encodeButtonValue({ kind: 'fix', reportId: n.params.reportId }) }] };
    case 'report-approved':
      return { text: vi.review.approvedNotice(n.params) };
    case 'month-opened':
      // The button starts (or resumes) the check-in of that month, not the current one.
      return { text: vi.review.opening.notice(n.params), choices: [{ label: vi.notices.buttons.reportNow, value: encodeButtonValue({ kind: 'unit', unitId: n.params.unitId, intent: 'report', periodId: n.params.periodId }) }] };
  }
}
