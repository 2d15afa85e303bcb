import { pgEnum } from 'drizzle-orm/pg-core';
import {
  CHANNEL_KINDS,
  MODEL_FIELDS,
  MODEL_PROGRESS,
  MODEL_STATUSES,
  ORG_UNIT_KINDS,
  REVIEW_KINDS,
  ROLE_KINDS,
} from '../../core/domain.js';
import { REVIEW_ACTIONS, REVIEW_STATES } from '../../core/review/report-review.js';

/**
 * What kind of party organisation a unit is: tinh (Đảng bộ tỉnh), huyen (abolished 1/7/2025,
 * still in older data), xa (Đảng ủy xã/phường), dang_bo_co_so, chi_bo (the unit that reports),
 * co_quan (a board such as Ban Tuyên giáo và Dân vận), khac. Levels are not hard-coded.
 */
export const orgUnitKind = pgEnum('org_unit_kind', ORG_UNIT_KINDS);

/** A person's role in a unit; a leader sees the unit's whole subtree. */
export const roleKind = pgEnum('role_kind', ROLE_KINDS);

export const channelKind = pgEnum('channel_kind', CHANNEL_KINDS);

/** Lĩnh vực of a mô hình, for the review report's "models by field". */
export const modelField = pgEnum('model_field', MODEL_FIELDS);

export const modelStatus = pgEnum('model_status', MODEL_STATUSES);

export const modelProgress = pgEnum('model_progress', MODEL_PROGRESS);

export const periodKind = pgEnum('period_kind', ['month']);

export const reviewKind = pgEnum('review_kind', REVIEW_KINDS);

export const reportStatus = pgEnum('report_status', ['draft', 'submitted']);

/** A sent report's review: chờ duyệt (pending), đạt (approved), trả lại (returned). See core/review. */
export const reviewState = pgEnum('review_state', REVIEW_STATES);

/** A step in a report's history (review_events). */
export const reviewAction = pgEnum('review_action', REVIEW_ACTIONS);

/** A window opened for one unit's month: a leader's «báo cáo bổ sung», or an admin's reopening of a closed month. */
export const periodOpeningKind = pgEnum('period_opening_kind', ['supplement', 'reopen']);

export const attachmentKind = pgEnum('attachment_kind', ['photo', 'document']);

/**
 * Where an attachment's copy in the media store stands: waiting (or back-off) to be fetched,
 * claimed by a fetcher (a lease that may run out), fetched into the store, or failed for good.
 */
export const mediaFetchStatus = pgEnum('media_fetch_status', ['pending', 'fetching', 'fetched', 'failed']);

export const conversationStatus = pgEnum('conversation_status', ['open', 'paused', 'closed']);

export const deliveryStatus = pgEnum('delivery_status', ['pending', 'sending', 'sent', 'failed', 'cancelled']);
