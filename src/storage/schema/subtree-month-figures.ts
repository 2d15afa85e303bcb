import { date, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from './org-units.js';

/**
 * unit_month_figures added up over a unit's whole subtree (the unit included), for one month:
 * a province's or the national digest reads one row per sub-unit instead of every chi bộ's.
 * Kept by a trigger on unit_month_figures and org_units (a moved unit carries its figures to
 * its new ancestors), in the same transaction as the write (migration 0005). A row exists only
 * while the subtree has a submitted report that month.
 */
export const subtreeMonthFigures = pgTable(
  'subtree_month_figures',
  {
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    month: date({ mode: 'string' }).notNull(),
    reports: integer().notNull(),
    onTime: integer().notNull(),
    noActivityReports: integer().notNull(),
    meetingsHeld: integer().notNull(),
    membersPresent: integer().notNull(),
    membersTotal: integer().notNull(),
    modelAnswers: integer().notNull(),
    activities: integer().notNull(),
    participants: integer().notNull(),
    raised: integer().notNull(),
    /**
     * For the "no activity for two months" count, without visiting every model: the unit's
     * active models (status active, answered in its own report) with an activity this month
     * that had started by the previous month's first day (`modelsActive`), by this month's
     * (`modelsActiveStarted`), and those of the first kind also active the previous month
     * (`modelsActiveBoth`). Inactive in M = candidates − active(M) − activeStarted(M−1) + both(M).
     */
    modelsActive: integer().notNull(),
    modelsActiveStarted: integer().notNull(),
    modelsActiveBoth: integer().notNull(),
    /**
     * Units that sent that month and would have been expected anyway (an active model, not
     * dissolved by the month): expected = reports + reporting units − this, with no unit counted twice.
     */
    sentReportingUnits: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.month] })],
);
