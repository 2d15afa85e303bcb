import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, type AnyPgColumn, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { orgUnitKind } from './enums.js';

/**
 * The organisation tree, of any depth. `path` ("/1/7/42/") and `depth` are maintained by a
 * trigger from `parent_id` (see the custom migration), so a subtree is one indexed prefix scan
 * and the database itself refuses a cycle.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull(),
    name: text().notNull(),
    kind: orgUnitKind().notNull(),
    parentId: integer().references((): AnyPgColumn => orgUnits.id, { onDelete: 'restrict' }),
    path: text().notNull().default(''),
    depth: integer().notNull().default(0),
    /**
     * How many of the unit's models are active, kept by a trigger on models (migration
     * 0005): a unit with one is a reporting unit, and the figures roll-ups follow it.
     */
    activeModels: integer().notNull().default(0),
    dissolvedOn: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('org_units_code_key').on(t.code),
    uniqueIndex('org_units_path_key').on(t.path.op('text_pattern_ops')),
    // A subtree's units with their codes, read from the index alone: the digest's lists sort
    // a province's units by code without visiting their rows.
    index('org_units_path_code_idx').on(t.path.op('text_pattern_ops'), t.code, t.id),
    index('org_units_parent_idx').on(t.parentId),
    check('org_units_code_format', sql`${t.code} ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'`),
    check('org_units_name_not_blank', sql`length(btrim(${t.name})) > 0`),
    check('org_units_path_format', sql`${t.path} ~ '^(/[0-9]+)+/$'`),
    check('org_units_depth_matches_parent', sql`(${t.parentId} is null) = (${t.depth} = 0)`),
  ],
);
