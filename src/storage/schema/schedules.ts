import { integer, jsonb, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { orgUnits } from './org-units.js';

/**
 * An organisation's calendar (ScheduleRules in the core), one per root of the tree: its whole
 * subtree reports in its periods. Kept as jsonb because the rules are data the core validates
 * and fills with defaults; an organisation without a row uses the defaults.
 */
export const schedules = pgTable(
  'schedules',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    scopeUnitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    rules: jsonb().notNull().default({}),
    ...timestamps,
  },
  (t) => [uniqueIndex('schedules_scope_key').on(t.scopeUnitId)],
);
