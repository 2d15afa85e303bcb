import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { reports } from './reports.js';

/** Người tốt, việc tốt reported in a month: material for the review report's typical examples. */
export const goodDeeds = pgTable(
  'good_deeds',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    personName: text(),
    description: text().notNull(),
    ...createdAt,
  },
  (t) => [
    index('good_deeds_report_idx').on(t.reportId),
    check('good_deeds_description_not_blank', sql`length(btrim(${t.description})) > 0`),
  ],
);
