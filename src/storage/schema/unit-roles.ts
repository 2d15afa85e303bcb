import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';
import { roleKind } from './enums.js';
import { orgUnits } from './org-units.js';
import { people } from './people.js';

/** A role scoped to one unit: secretary and deputy answer for it, a leader sees its subtree. */
export const unitRoles = pgTable(
  'unit_roles',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    unitId: integer()
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    role: roleKind().notNull(),
    /** The title as people say it: "Bí thư Chi bộ", "Phó Trưởng Ban Tuyên giáo và Dân vận". */
    title: text(),
    endedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('unit_roles_person_unit_role_key').on(t.personId, t.unitId, t.role),
    index('unit_roles_unit_idx').on(t.unitId, t.role),
  ],
);
