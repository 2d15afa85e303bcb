import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { reviewKind } from './enums.js';
import { orgUnits } from './org-units.js';

/** A sơ kết / tổng kết / themed review with its deadline, for a unit's whole subtree. */
export const reviewDeadlines = pgTable(
  'review_deadlines',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    scopeUnitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    kind: reviewKind().notNull(),
    title: text().notNull(),
    coversFrom: date({ mode: 'string' }).notNull(),
    coversTo: date({ mode: 'string' }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** Days before the deadline its notices go; null: the organisation's calendar (reviewNoticeDaysBefore). */
    noticeDaysBefore: integer().array(),
    ...timestamps,
  },
  (t) => [
    index('review_deadlines_due_idx').on(t.dueAt),
    index('review_deadlines_scope_idx').on(t.scopeUnitId),
    check('review_deadlines_range', sql`${t.coversTo} >= ${t.coversFrom}`),
    check('review_deadlines_title_not_blank', sql`length(btrim(${t.title})) > 0`),
  ],
);
