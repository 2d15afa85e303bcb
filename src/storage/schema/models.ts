import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { modelField, modelStatus } from './enums.js';
import { orgUnits } from './org-units.js';

/** A registered mô hình of a unit: what the monthly check-in asks about, one by one. */
export const models = pgTable(
  'models',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    field: modelField().notNull().default('khac'),
    description: text(),
    startedOn: date({ mode: 'string' }),
    status: modelStatus().notNull().default('active'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('models_unit_title_key').on(t.unitId, t.title),
    index('models_status_idx').on(t.status),
    check('models_title_not_blank', sql`length(btrim(${t.title})) > 0`),
  ],
);
