import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { periodOpeningKind } from './enums.js';
import { orgUnits } from './org-units.js';
import { people } from './people.js';
import { periods } from './periods.js';

/**
 * A month opened again for one unit, until an instant: a leader's «Cho phép báo cáo bổ sung»
 * (a missed or late month may be sent or corrected until then, while the month is not closed),
 * or an admin's reopening of a closed month (audited). The latest `until` of each kind counts.
 */
export const periodOpenings = pgTable(
  'period_openings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    periodId: integer()
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    kind: periodOpeningKind().notNull(),
    until: timestamp({ withTimezone: true }).notNull(),
    byPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    reason: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('period_openings_unit_period_idx').on(t.unitId, t.periodId), check('period_openings_until_after', sql`${t.until} > ${t.at}`)],
);
