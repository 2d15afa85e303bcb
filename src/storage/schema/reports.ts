import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { reportStatus, reviewState } from './enums.js';
import { orgUnits } from './org-units.js';
import { people } from './people.js';
import { periods } from './periods.js';
import { questionSets } from './question-sets.js';

/**
 * One unit's monthly report: the unit-level figures digests add up, kept as typed columns so
 * the database refuses impossible values. `answers` holds every answer by question key, under
 * the question set version it was given in. Each submission is copied to report_versions.
 */
export const reports = pgTable(
  'reports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    periodId: integer()
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    questionSetId: integer()
      .notNull()
      .references(() => questionSets.id, { onDelete: 'restrict' }),
    status: reportStatus().notNull().default('draft'),
    /** "Tháng này không có hoạt động": submitted with nothing to report. */
    noActivity: boolean().notNull().default(false),
    meetingsHeld: integer(),
    membersPresent: integer(),
    membersTotal: integer(),
    themedSessionHeld: boolean(),
    themedSessionSubject: text(),
    difficulties: text(),
    proposals: text(),
    answers: jsonb().notNull().default({}),
    /** How many times it has been submitted; the latest snapshot is report_versions.version = this. */
    version: integer().notNull().default(0),
    submittedAt: timestamp({ withTimezone: true }),
    submittedByPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    /**
     * The review of the sent report (core/review): chờ duyệt until a reviewer says «Đạt» or
     * «Trả lại để sửa». Meaningless while a draft (status decides); every submission sets it
     * back to pending. Changed only by a compare-and-set on (review_state, version).
     */
    reviewState: reviewState().notNull().default('pending'),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedByPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    /** The last return's comment (as cut), what the secretary is asked to correct. */
    reviewComment: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('reports_unit_period_key').on(t.unitId, t.periodId),
    // A month's sent reports by period, with what the review counts read (unit, state): an index-only
    // scan for a province's Tổng quan instead of a pass over every report.
    index('reports_period_status_idx').on(t.periodId, t.status, t.unitId, t.reviewState),
    // The reports waiting for review, by month: /duyet and the console's month list.
    index('reports_review_pending_idx').on(t.periodId).where(sql`${t.status} = 'submitted' and ${t.reviewState} = 'pending'`),
    check('reports_meetings_non_negative', sql`${t.meetingsHeld} >= 0`),
    check('reports_present_non_negative', sql`${t.membersPresent} >= 0`),
    check('reports_total_non_negative', sql`${t.membersTotal} >= 0`),
    check('reports_present_within_total', sql`${t.membersPresent} <= ${t.membersTotal}`),
    check('reports_version_non_negative', sql`${t.version} >= 0`),
    check(
      'reports_submitted_has_time',
      sql`${t.status} <> 'submitted' or (${t.submittedAt} is not null and ${t.version} >= 1)`,
    ),
  ],
);
