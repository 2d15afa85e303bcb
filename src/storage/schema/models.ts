import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, type AnyPgColumn, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { modelField, modelStatus } from './enums.js';
import { orgUnits } from './org-units.js';

/** A registered mô hình of a unit: what the monthly check-in asks about, one by one. */
export const models = pgTable(
  'models',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    field: modelField().notNull().default('khac'),
    description: text(),
    startedOn: date({ mode: 'string' }),
    status: modelStatus().notNull().default('active'),
    /**
     * Derived, kept by triggers (migration 0010): the unit's path, so a subtree's models are one
     * index range; and the last month the model had an activity in its own unit's submitted
     * reports (null: never). Together they let a digest list the models with no activity for
     * two months by reading only those models, not every model of the subtree.
     */
    unitPath: text().notNull().default(''),
    lastActiveMonth: date({ mode: 'string' }),
    /** Why the model was last paused, completed or stopped, and from which month (issue 17). */
    statusReason: text(),
    statusMonth: date({ mode: 'string' }),
    /** "Nhân rộng": the model this one replicates, and where to (e.g. "08 ấp"). */
    replicatedFromId: integer().references((): AnyPgColumn => models.id, { onDelete: 'set null' }),
    replicationTarget: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('models_unit_title_key').on(t.unitId, t.title),
    index('models_status_idx').on(t.status),
    index('models_lagging_idx')
      .on(t.lastActiveMonth, t.unitPath.op('text_pattern_ops'))
      .where(sql`${t.status} = 'active'`),
    check('models_title_not_blank', sql`length(btrim(${t.title})) > 0`),
  ],
);
