import { customType, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { people } from './people.js';
import { webSessions } from './web-sessions.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A spreadsheet an admin uploaded in the console, kept between the preview and the confirmation
 * (nothing is imported before): found by the hash of a random token, only by the session that
 * uploaded it, until it expires.
 */
export const importUploads = pgTable(
  'import_uploads',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text().notNull(),
    personId: integer()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    sessionId: integer()
      .notNull()
      .references(() => webSessions.id, { onDelete: 'cascade' }),
    fileName: text().notNull(),
    content: bytea().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ...createdAt,
  },
  (t) => [uniqueIndex('import_uploads_token_hash_key').on(t.tokenHash), index('import_uploads_expires_idx').on(t.expiresAt)],
);
