import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { jobRuns } from '../schema/index.js';

/** Whether an organisation's slot has already been worked through (so a tick can skip it). */
export async function isSlotDone(db: Db, params: { scopeUnitId: number; slotKey: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: jobRuns.id })
    .from(jobRuns)
    .where(and(eq(jobRuns.scopeUnitId, params.scopeUnitId), eq(jobRuns.slotKey, params.slotKey)));
  return row !== undefined;
}

/** Records that a slot was worked through; a second instance doing the same is harmless. */
export async function markSlotDone(db: Db, params: { scopeUnitId: number; slotKey: string; queued: number; at: Date }): Promise<void> {
  await db
    .insert(jobRuns)
    .values({ scopeUnitId: params.scopeUnitId, slotKey: params.slotKey, queued: params.queued, finishedAt: params.at })
    .onConflictDoNothing();
}
