import { timestamp } from 'drizzle-orm/pg-core';

/** created_at/updated_at as every table spells them: with time zone, set by the database. */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};

export const createdAt = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};
