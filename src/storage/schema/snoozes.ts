import { index, integer, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { channelAccounts } from './channel-accounts.js';
import { orgUnits } from './org-units.js';
import { periods } from './periods.js';

/** «Nhắc lại sau»: remind this account about this unit's report again at `until`, unless it has been sent. */
export const snoozes = pgTable(
  'snoozes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => channelAccounts.id, { onDelete: 'cascade' }),
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    periodId: integer()
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    until: timestamp({ withTimezone: true }).notNull(),
    ...createdAt,
  },
  (t) => [index('snoozes_until_idx').on(t.until)],
);
