import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { channelAccounts } from './channel-accounts.js';
import { createdAt } from './columns.js';
import { deliveryStatus } from './enums.js';

/**
 * An export asked for in a chat, rendered as a job of its own after the request's transaction
 * (a province's year takes seconds, longer than a webhook may keep a channel waiting): claimed
 * like an outbox message, it renders the file, queues the reply that carries it (`outboundId`)
 * and is done. `request` holds the caption and the export (delivery/payload's ExportJob).
 */
export const exportJobs = pgTable(
  'export_jobs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'cascade' }),
    dedupeKey: text().notNull(),
    request: jsonb().notNull(),
    status: deliveryStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    outboundId: bigint({ mode: 'number' }),
    ...createdAt,
  },
  (t) => [
    uniqueIndex('export_jobs_dedupe_key').on(t.dedupeKey),
    index('export_jobs_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    check('export_jobs_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);
