import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { channelAccounts } from './channel-accounts.js';
import { createdAt } from './columns.js';
import { roleKind } from './enums.js';
import { orgUnits } from './org-units.js';
import { people } from './people.js';

/**
 * A one-time invitation. Only the SHA-256 of the code is stored, so a leaked database does not
 * leak usable codes; `usedAt` makes it single use; `expiresAt` bounds its life.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    codeHash: text().notNull(),
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    role: roleKind().notNull(),
    /** Set when the invitation is for a known person; otherwise the person is created on use. */
    personId: integer().references(() => people.id, { onDelete: 'cascade' }),
    createdByPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    usedByAccountId: integer().references(() => channelAccounts.id, { onDelete: 'set null' }),
    /** Set when an admin revokes it before use: the code no longer works. */
    revokedAt: timestamp({ withTimezone: true }),
    revokedByPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    ...createdAt,
  },
  (t) => [
    uniqueIndex('invitations_code_hash_key').on(t.codeHash),
    index('invitations_unit_idx').on(t.unitId),
    check('invitations_code_hash_format', sql`${t.codeHash} ~ '^[0-9a-f]{64}$'`),
    check('invitations_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
    check('invitations_used_by_needs_used_at', sql`${t.usedByAccountId} is null or ${t.usedAt} is not null`),
  ],
);
