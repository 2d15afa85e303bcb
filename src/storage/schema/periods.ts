import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { periodKind } from './enums.js';
import { orgUnits } from './org-units.js';

/** A reporting period (kỳ báo cáo) of one organisation's schedule: a month, its opening and due instants. */
export const periods = pgTable(
  'periods',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The unit whose schedule this is (usually a province); its whole subtree reports in it. */
    scopeUnitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    kind: periodKind().notNull().default('month'),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    opensAt: timestamp({ withTimezone: true }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    ...createdAt,
  },
  (t) => [
    uniqueIndex('periods_scope_start_key').on(t.scopeUnitId, t.kind, t.startsOn),
    index('periods_due_idx').on(t.dueAt),
    check('periods_ends_after_start', sql`${t.endsOn} >= ${t.startsOn}`),
    check('periods_due_after_open', sql`${t.dueAt} > ${t.opensAt}`),
  ],
);
