import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { attachmentKind, channelKind, mediaFetchStatus } from './enums.js';
import { modelAnswers } from './model-answers.js';
import { reports } from './reports.js';

/**
 * A photo or file sent as evidence, kept by the channel's own file reference (Telegram file_id,
 * Zalo URL) and, once the fetch job has copied it, by its key in the media store. The fetch
 * state lives on the row (an outbox of its own): every row starts `pending`, so rows written
 * before the media store existed are back-filled by the same job.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    modelAnswerId: integer().references(() => modelAnswers.id, { onDelete: 'cascade' }),
    channel: channelKind().notNull(),
    kind: attachmentKind().notNull().default('photo'),
    fileRef: text().notNull(),
    /** Telegram's media_group_id: photos sent together as one album. */
    mediaGroupId: text(),
    caption: text(),
    ...createdAt,
    fetchStatus: mediaFetchStatus().notNull().default('pending'),
    /** Claims so far (a claim counts as an attempt, like the outbox). */
    fetchAttempts: integer().notNull().default(0),
    /** When the row may be claimed (again); null: at once. While `fetching`, the claim's lease. */
    nextFetchAt: timestamp({ withTimezone: true }),
    fetchedAt: timestamp({ withTimezone: true }),
    /** The last failure, said plainly (never a URL: Telegram's carries the bot token). */
    fetchError: text(),
    /** The original's key in the media store; its variants are derived from it (media/photo-keys.ts). */
    mediaKey: text(),
    /** Of the original, as its bytes say (magic numbers), not as the sender claimed. */
    contentType: text(),
    byteSize: integer(),
    width: integer(),
    height: integer(),
  },
  (t) => [
    uniqueIndex('attachments_report_file_key').on(t.reportId, t.channel, t.fileRef),
    index('attachments_model_answer_idx').on(t.modelAnswerId),
    // Only rows still to fetch (or claimed), so the fetcher's poll reads a tiny index however
    // many photos are stored.
    index('attachments_fetch_due_idx').on(t.nextFetchAt.asc().nullsFirst()).where(sql`${t.fetchStatus} in ('pending', 'fetching')`),
    check('attachments_fetched_has_key', sql`(${t.fetchStatus} = 'fetched') = (${t.mediaKey} is not null)`),
    check('attachments_fetch_attempts_non_negative', sql`${t.fetchAttempts} >= 0`),
  ],
);
