import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { modelField } from './enums.js';
import { models } from './models.js';
import { orgUnits } from './org-units.js';
import { people } from './people.js';

/**
 * A model a secretary proposed from the chat (/mohinh): it waits for a leader above or an admin
 * to confirm it (then it becomes a model from `startsOn`) or to refuse it, with a reason.
 */
export const modelProposals = pgTable(
  'model_proposals',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    proposedByPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    title: text().notNull(),
    field: modelField().notNull(),
    /** The first day of the month the model would start. */
    startsOn: date({ mode: 'string' }).notNull(),
    /** 'pending', 'confirmed' or 'refused'. */
    status: text().notNull().default('pending'),
    decidedByPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    decidedAt: timestamp({ withTimezone: true }),
    reason: text(),
    modelId: integer().references(() => models.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('model_proposals_status_unit_idx').on(t.status, t.unitId),
    check('model_proposals_status_check', sql`${t.status} in ('pending', 'confirmed', 'refused')`),
    check('model_proposals_title_not_blank', sql`length(btrim(${t.title})) > 0`),
  ],
);
