import { customType, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { people } from './people.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A file the bot made for someone (an export), kept until it is sent: the outbox payload names
 * it by id, so megabytes stay out of jsonb and a retried send finds the same bytes.
 */
export const generatedFiles = pgTable(
  'generated_files',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer().references(() => people.id, { onDelete: 'cascade' }),
    fileName: text().notNull(),
    contentType: text().notNull(),
    content: bytea().notNull(),
    ...createdAt,
  },
  (t) => [index('generated_files_created_idx').on(t.createdAt)],
);
