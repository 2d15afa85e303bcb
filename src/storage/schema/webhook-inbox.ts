import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { channelKind } from './enums.js';

/**
 * Webhook events stored as they arrive and handled after the HTTP answer (Zalo disables a
 * webhook that is slow to answer 200). Stored before the answer, so an acknowledged event
 * survives a crash; unique per channel and event id, so a redelivery is stored once.
 */
export const webhookInbox = pgTable(
  'webhook_inbox',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channel: channelKind().notNull(),
    externalId: text().notNull(),
    /** Events from one sender are handled in arrival order. */
    senderId: text().notNull(),
    event: jsonb().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    processedAt: timestamp({ withTimezone: true }),
    ...createdAt,
  },
  (t) => [
    uniqueIndex('webhook_inbox_channel_external_key').on(t.channel, t.externalId),
    index('webhook_inbox_pending_idx').on(t.id).where(sql`${t.processedAt} is null`),
  ],
);
