import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { channelKind } from './enums.js';
import { people } from './people.js';

/**
 * One account on one channel (a Telegram user, a Zalo follower, the local console). It may
 * exist before it is bound to a person by an invitation. `lastInboundAt` decides Zalo's
 * message kind; `blockedAt` stops sending after "bot was blocked" or an unfollow.
 */
export const channelAccounts = pgTable(
  'channel_accounts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer().references(() => people.id, { onDelete: 'set null' }),
    channel: channelKind().notNull(),
    externalUserId: text().notNull(),
    /** Where to send: a Telegram chat id (changes when a group migrates) or the Zalo user id. */
    chatId: text().notNull(),
    displayName: text(),
    lastInboundAt: timestamp({ withTimezone: true }),
    blockedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('channel_accounts_channel_user_key').on(t.channel, t.externalUserId),
    index('channel_accounts_person_idx').on(t.personId),
  ],
);
