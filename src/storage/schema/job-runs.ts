import { integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from './org-units.js';

/**
 * Scheduled slots that have been fully worked through, so later ticks skip the work. Not what
 * makes a send happen once (the outbox's unique key does that): a run that dies before its
 * row is written is simply done again, and sends nothing twice.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    scopeUnitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    slotKey: text().notNull(),
    queued: integer().notNull().default(0),
    finishedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('job_runs_scope_slot_key').on(t.scopeUnitId, t.slotKey)],
);
