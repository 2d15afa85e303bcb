import { date, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from './org-units.js';

/**
 * How many active models a unit's subtree has, the unit included, by the day they started
 * ('-infinity' when not given): the candidates for the "no activity for two months" warning in
 * month M are those started by M−1, counted without visiting every model. Kept by triggers on
 * models and org_units (migration 0005).
 */
export const subtreeActiveModels = pgTable(
  'subtree_active_models',
  {
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    /** '-infinity' for a model with no start date. */
    startedOn: date({ mode: 'string' }).notNull(),
    models: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.startedOn] })],
);
