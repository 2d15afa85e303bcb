import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.js';

/** A person who answers check-ins or reads digests; reached through their channel accounts. */
export const people = pgTable(
  'people',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    fullName: text().notNull(),
    phone: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('people_phone_key').on(t.phone),
    check('people_full_name_not_blank', sql`length(btrim(${t.fullName})) > 0`),
    check('people_phone_format', sql`${t.phone} ~ '^\\+?[0-9]{8,15}$'`),
  ],
);
