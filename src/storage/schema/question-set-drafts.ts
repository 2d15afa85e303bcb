import { integer, jsonb, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { orgUnits } from './org-units.js';
import { people } from './people.js';

/**
 * An admin's draft of a question set being edited in the web console (issue 18), one per scope
 * (an organisation, or a subtree's override): kept server-side so an edit survives a closed tab
 * and two admins' saves are checked against its updated_at. `definition` is the file shape
 * (`questions show`), read back with zod; publishing stores it in question_sets and removes it.
 */
export const questionSetDrafts = pgTable(
  'question_set_drafts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    scopeUnitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    definition: jsonb().notNull(),
    createdByPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('question_set_drafts_scope_key').on(t.scopeUnitId)],
);
