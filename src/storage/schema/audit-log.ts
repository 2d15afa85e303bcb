import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { people } from './people.js';

/** Who did what and when: imports, invitations used, report edits, role changes. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
    /** 'person', 'cli' or 'system' (a scheduled job). */
    actorKind: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    details: jsonb().notNull().default({}),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_at_idx').on(t.at)],
);
