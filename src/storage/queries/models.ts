import { and, asc, eq, sql } from 'drizzle-orm';
import type { ModelField, ModelStatus } from '../../core/domain.js';
import type { Db } from '../client.js';
import { models } from '../schema/index.js';
import type { ModelRow } from '../types.js';

export interface ModelInput {
  unitId: number;
  title: string;
  field: ModelField;
  startedOn: string | null;
  status: ModelStatus;
  description: string | null;
}

/** Registers a mô hình, or updates the one with the same title in the same unit. */
export async function upsertModel(db: Db, input: ModelInput): Promise<ModelRow> {
  const [row] = await db
    .insert(models)
    .values(input)
    .onConflictDoUpdate({
      target: [models.unitId, models.title],
      set: {
        field: input.field,
        startedOn: input.startedOn,
        status: input.status,
        description: input.description,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error('upsert into models returned no row');
  return row;
}

/** The models a unit reports on, in a stable order (the order the check-in asks them). */
export async function listActiveModels(db: Db, unitId: number): Promise<ModelRow[]> {
  return db
    .select()
    .from(models)
    .where(and(eq(models.unitId, unitId), eq(models.status, 'active')))
    .orderBy(asc(models.id));
}
