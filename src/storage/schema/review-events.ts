import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { reviewAction } from './enums.js';
import { people } from './people.js';
import { reports } from './reports.js';

/**
 * A report's history (DESIGN.md §11): every submission, correction, review, return and
 * reopening, with who, when, where, the version it was about and the comment. Append-only.
 * A comment over 1,000 characters is stored cut, with the whole text beside it.
 */
export const reviewEvents = pgTable(
  'review_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** The report's version the step is about (for a submission: the version it made). */
    version: integer().notNull(),
    action: reviewAction().notNull(),
    actorPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    /** Where it was done: telegram, zalo, console, web, cli, system. */
    via: text().notNull(),
    comment: text(),
    commentOriginal: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('review_events_report_idx').on(t.reportId, t.at),
    check('review_events_version_non_negative', sql`${t.version} >= 0`),
    check('review_events_return_has_comment', sql`${t.action} <> 'return' or coalesce(length(btrim(${t.comment})), 0) > 0`),
    check('review_events_comment_length', sql`char_length(${t.comment}) <= 1000`),
  ],
);
