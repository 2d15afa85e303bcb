import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { orgUnits } from './org-units.js';

/**
 * The check-in questions as data, versioned, so a province can change them without a deploy.
 * A null scope is the default set; reports keep the id of the version they were answered under.
 */
export const questionSets = pgTable(
  'question_sets',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    scopeUnitId: integer().references(() => orgUnits.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    title: text().notNull(),
    definition: jsonb().notNull(),
    ...createdAt,
  },
  (t) => [
    unique('question_sets_scope_version_key').on(t.scopeUnitId, t.version).nullsNotDistinct(),
    check('question_sets_version_positive', sql`${t.version} >= 1`),
  ],
);
