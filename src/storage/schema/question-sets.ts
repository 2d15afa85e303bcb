import { sql } from 'drizzle-orm';
import { check, date, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { orgUnits } from './org-units.js';

/**
 * The check-in questions as data, versioned, so a province can change them without a deploy.
 * A null scope is the default set; a unit's scope is its organisation's set (a root unit) or an
 * override for its subtree. A version applies to reports of months from `effective_from` (the
 * first of a month; null: from the start); reports keep the id of the version they were
 * answered under. `definition` is read with zod (core/checkin/question-set-schema), by format.
 */
export const questionSets = pgTable(
  'question_sets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    scopeUnitId: integer().references(() => orgUnits.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    title: text().notNull(),
    definition: jsonb().notNull(),
    effectiveFrom: date({ mode: 'string' }),
    ...createdAt,
  },
  (t) => [
    unique('question_sets_scope_version_key').on(t.scopeUnitId, t.version).nullsNotDistinct(),
    check('question_sets_version_positive', sql`${t.version} >= 1`),
    check('question_sets_effective_first_of_month', sql`${t.effectiveFrom} is null or extract(day from ${t.effectiveFrom}) = 1`),
  ],
);
