import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { modelProgress } from './enums.js';
import { models } from './models.js';
import { reports } from './reports.js';

/** What a report says about one mô hình this month. */
export const modelAnswers = pgTable(
  'model_answers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    modelId: integer()
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    activities: integer(),
    participants: integer(),
    progress: modelProgress(),
    results: text(),
    difficulties: text(),
    /**
     * Every answer about this model by question key ("activities", a province's own "classes"),
     * as given under the report's question set: the figures read a set's own questions here.
     */
    answers: jsonb().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('model_answers_report_model_key').on(t.reportId, t.modelId),
    index('model_answers_model_idx').on(t.modelId),
    check('model_answers_activities_non_negative', sql`${t.activities} >= 0`),
    check('model_answers_participants_non_negative', sql`${t.participants} >= 0`),
  ],
);
