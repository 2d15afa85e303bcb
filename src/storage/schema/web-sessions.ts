import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { people } from './people.js';

/**
 * A one-time sign-in link for the web console (`/web` in a chat, `cli web-link`): only the
 * hash of its token is kept; it opens one session, once, within ten minutes (migration 0013).
 */
export const webLoginLinks = pgTable(
  'web_login_links',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text().notNull(),
    personId: integer()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    ...createdAt,
  },
  (t) => [uniqueIndex('web_login_links_token_hash_key').on(t.tokenHash), index('web_login_links_expires_idx').on(t.expiresAt)],
);

/**
 * A signed-in browser: server-side so it can be ended (sign-out, a role that ends); the cookie
 * holds the token, the table its hash. Idle sessions expire (`lastSeenAt`).
 */
export const webSessions = pgTable(
  'web_sessions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text().notNull(),
    /** The session's anti-forgery token, put in every form it is shown. */
    csrfToken: text().notNull(),
    personId: integer()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    ...createdAt,
  },
  (t) => [uniqueIndex('web_sessions_token_hash_key').on(t.tokenHash), index('web_sessions_person_idx').on(t.personId)],
);
