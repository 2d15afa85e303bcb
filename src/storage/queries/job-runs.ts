import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { jobRuns } from '../schema/index.js';

/** When an organisation's slot was worked through and how many messages it queued, if it was. */
export async function findSlotRun(db: Db, params: { scopeUnitId: number; slotKey: string }): Promise<{ queued: number; finishedAt: Date } | undefined> {
  const [row] = await db
    .select({ queued: jobRuns.queued, finishedAt: jobRuns.finishedAt })
    .from(jobRuns)
    .where(and(eq(jobRuns.scopeUnitId, params.scopeUnitId), eq(jobRuns.slotKey, params.slotKey)));
  return row;
}

/** Records that a slot was worked through; a second instance doing the same is harmless. */
export async function markSlotDone(db: Db, params: { scopeUnitId: number; slotKey: string; queued: number; at: Date }): Promise<void> {
  await db
    .insert(jobRuns)
    .values({ scopeUnitId: params.scopeUnitId, slotKey: params.slotKey, queued: params.queued, finishedAt: params.at })
    .onConflictDoNothing();
}
