import { date, index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { models } from './models.js';
import { orgUnits } from './org-units.js';

/**
 * The months in which a model had at least one activity in a submitted report, with the unit
 * whose report said so: the "no activity for two months" warning and "last active" read this
 * instead of every model answer. Kept with unit_month_figures, by the same triggers (migration 0005).
 */
export const modelMonthActivity = pgTable(
  'model_month_activity',
  {
    modelId: integer()
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    month: date({ mode: 'string' }).notNull(),
    /** The unit of the report (normally the model's own unit). */
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.modelId, t.month, t.unitId] }),
    index('model_month_activity_month_idx').on(t.month, t.modelId),
    index('model_month_activity_unit_idx').on(t.unitId, t.month),
  ],
);
