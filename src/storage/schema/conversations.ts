import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { channelAccounts } from './channel-accounts.js';
import { timestamps } from './columns.js';
import { conversationStatus } from './enums.js';
import { orgUnits } from './org-units.js';
import { periods } from './periods.js';
import { reports } from './reports.js';

/**
 * The state of one check-in conversation, stored so it lives for weeks and survives restarts.
 * `version` is bumped on every change and checked on write (optimistic concurrency), so two
 * fast taps cannot both advance it. At most one conversation per account is open at a time.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'cascade' }),
    flow: text().notNull(),
    unitId: integer().references(() => orgUnits.id, { onDelete: 'cascade' }),
    periodId: integer().references(() => periods.id, { onDelete: 'cascade' }),
    reportId: integer().references(() => reports.id, { onDelete: 'cascade' }),
    step: text().notNull(),
    state: jsonb().notNull().default({}),
    status: conversationStatus().notNull().default('open'),
    version: integer().notNull().default(0),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('conversations_one_open_per_account').on(t.accountId).where(sql`${t.status} = 'open'`),
    index('conversations_account_idx').on(t.accountId),
    check('conversations_version_non_negative', sql`${t.version} >= 0`),
  ],
);
