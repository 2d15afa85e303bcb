import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { people } from './people.js';
import { reports } from './reports.js';

/** Every submitted version of a report, with who sent it and when: never updated, never deleted. */
export const reportVersions = pgTable(
  'report_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    snapshot: jsonb().notNull(),
    editedByPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    ...createdAt,
  },
  (t) => [
    uniqueIndex('report_versions_report_version_key').on(t.reportId, t.version),
    check('report_versions_version_positive', sql`${t.version} >= 1`),
  ],
);
