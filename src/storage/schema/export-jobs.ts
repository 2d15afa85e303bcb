import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { channelAccounts } from './channel-accounts.js';
import { createdAt } from './columns.js';
import { deliveryStatus } from './enums.js';
import { generatedFiles } from './generated-files.js';
import { people } from './people.js';

/**
 * An export someone asked for, rendered as a job of its own after the request (a province's year
 * takes seconds, longer than a webhook may keep a channel waiting or a page should hang): claimed
 * like an outbox message, it renders the file (`fileId`) and, asked in a chat (`accountId`),
 * queues the reply that carries it (`outboundId`); asked on the web console (no account), the
 * file waits on the Xuất page. Durable, so a restart or another instance finishes it.
 * `request` holds the caption and the export (services/export-job's schema).
 */
export const exportJobs = pgTable(
  'export_jobs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    accountId: integer().references(() => channelAccounts.id, { onDelete: 'cascade' }),
    dedupeKey: text().notNull(),
    request: jsonb().notNull(),
    status: deliveryStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    fileId: integer().references(() => generatedFiles.id, { onDelete: 'set null' }),
    outboundId: bigint({ mode: 'number' }),
    ...createdAt,
  },
  (t) => [
    uniqueIndex('export_jobs_dedupe_key').on(t.dedupeKey),
    index('export_jobs_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('export_jobs_person_idx').on(t.personId, t.createdAt),
    check('export_jobs_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);
