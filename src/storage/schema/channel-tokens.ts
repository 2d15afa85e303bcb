import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { channelKind } from './enums.js';

/**
 * A channel's current API credentials (Zalo's access token and its single-use refresh token).
 * One row per channel, replaced whole when refreshed under a row lock, so two instances never
 * spend the same refresh token. `configuredRefreshToken` remembers which token from the
 * environment seeded the row: a new one there (the OA was authorised again) replaces the pair.
 */
export const channelTokens = pgTable('channel_tokens', {
  channel: channelKind().primaryKey(),
  accessToken: text(),
  refreshToken: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }),
  configuredRefreshToken: text().notNull(),
  refreshedAt: timestamp({ withTimezone: true }),
  ...timestamps,
});
