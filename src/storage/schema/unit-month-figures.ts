import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from './org-units.js';

/**
 * One unit's own submitted figures for one month (keyed by the month's first day, like
 * periods.starts_on): what its submitted reports of that month add up to, model answers
 * included, so the digest adds up one narrow row per unit instead of joining reports,
 * periods and model answers. Derived data: triggers on reports, model_answers, periods and
 * models keep it in the same transaction as the write (migration 0005); `figures_rebuild()`
 * recomputes it set-based. A row exists only while the unit has a submitted report that month.
 */
export const unitMonthFigures = pgTable(
  'unit_month_figures',
  {
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    month: date({ mode: 'string' }).notNull(),
    /** Submitted reports (one, unless the unit reports in two schedules' periods of the month). */
    reports: integer().notNull(),
    /** Of those, submitted no later than the period's due instant. */
    onTime: integer().notNull(),
    noActivityReports: integer().notNull(),
    meetingsHeld: integer().notNull(),
    /** Present and on the roll, only from reports that gave both. */
    membersPresent: integer().notNull(),
    membersTotal: integer().notNull(),
    modelAnswers: integer().notNull(),
    activities: integer().notNull(),
    participants: integer().notNull(),
    /** Difficulties and proposals raised: the report's own and each model answer's, not blank. */
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
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.month] }),
    index('unit_month_figures_raised_idx').on(t.month, t.unitId).where(sql`${t.raised} > 0`),
  ],
);
