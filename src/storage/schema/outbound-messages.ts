import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { channelAccounts } from './channel-accounts.js';
import { createdAt } from './columns.js';
import { deliveryStatus } from './enums.js';

/**
 * Every message we send, written in the same transaction as the change that caused it and
 * delivered from here (an outbox). `dedupeKey` (recipient + purpose + period, or the inbound id
 * for a reply) is unique, so a retried job or a second instance can never send it twice.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'cascade' }),
    purpose: text().notNull(),
    dedupeKey: text().notNull(),
    payload: jsonb().notNull(),
    status: deliveryStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    externalMessageId: text(),
    sentAt: timestamp({ withTimezone: true }),
    ...createdAt,
  },
  (t) => [
    uniqueIndex('outbound_messages_dedupe_key').on(t.dedupeKey),
    // Pending and claimed (a lease that may run out) rows: exactly what the outbox sweep asks for,
    // so a sweep reads only what may be due, not the whole history of sent messages.
    index('outbound_messages_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('outbound_messages_account_idx').on(t.accountId),
    check('outbound_messages_attempts_non_negative', sql`${t.attempts} >= 0`),
    check('outbound_messages_sent_has_time', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
  ],
);
