import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { channelAccounts } from './channel-accounts.js';
import { channelKind } from './enums.js';

/** Ids of inbound updates already processed (Telegram update_id, Zalo msg_id): redeliveries change nothing. */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    channel: channelKind().notNull(),
    externalId: text().notNull(),
    accountId: integer().references(() => channelAccounts.id, { onDelete: 'set null' }),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.externalId] }), index('inbound_messages_received_idx').on(t.receivedAt)],
);
