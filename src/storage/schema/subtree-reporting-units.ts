import { date, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from './org-units.js';

/**
 * How many reporting units (with an active model) a unit's subtree has, the unit included, by
 * the day they were dissolved ('infinity' when not): the units expected in month M are those
 * with dissolved_on > M, so a digest counts who should have reported without visiting every
 * chi bộ. Kept by a trigger on org_units (migration 0005).
 */
export const subtreeReportingUnits = pgTable(
  'subtree_reporting_units',
  {
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    /** 'infinity' for a unit that is not dissolved. */
    dissolvedOn: date({ mode: 'string' }).notNull(),
    units: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.dissolvedOn] })],
);
