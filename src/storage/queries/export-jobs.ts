import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { exportJobs } from '../schema/index.js';
import type { ExportJobRow } from '../types.js';

/** How long a claimed export is reserved for its renderer before another may take it again. */
export const EXPORT_CLAIM_LEASE_MS = 5 * 60_000;

/** Queues exports in the caller's transaction, due at `at`; a dedupe key seen before is skipped. */
export async function enqueueExportJobs(
  db: Db,
  jobs: readonly { accountId: number; dedupeKey: string; request: unknown }[],
  at: Date,
): Promise<ExportJobRow[]> {
  if (jobs.length === 0) return [];
  return db
    .insert(exportJobs)
    .values(jobs.map((j) => ({ ...j, createdAt: at, nextAttemptAt: at })))
    .onConflictDoNothing()
    .returning();
}

/**
 * Claims exports that are due (only `ids` when given), oldest first; concurrent renderers skip
 * each other's rows, and one that dies leaves its rows to be claimed again when the lease runs out.
 */
export async function claimDueExportJobs(db: Db, params: { now: Date; limit: number; ids?: readonly number[] }): Promise<ExportJobRow[]> {
  const due = db
    .select({ id: exportJobs.id })
    .from(exportJobs)
    .where(
      and(
        inArray(exportJobs.status, ['pending', 'sending']),
        lte(exportJobs.nextAttemptAt, params.now),
        params.ids ? inArray(exportJobs.id, [...params.ids]) : undefined,
      ),
    )
    .orderBy(exportJobs.id)
    .limit(params.limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(exportJobs)
    .set({ status: 'sending', attempts: sql`${exportJobs.attempts} + 1`, nextAttemptAt: new Date(params.now.getTime() + EXPORT_CLAIM_LEASE_MS) })
    .where(inArray(exportJobs.id, due))
    .returning();
  return claimed.sort((a, b) => a.id - b.id);
}

/** The export is rendered and its reply queued as outbox message `outboundId`. */
export async function markExportJobDone(db: Db, params: { id: number; outboundId: number | null }): Promise<void> {
  await db.update(exportJobs).set({ status: 'sent', outboundId: params.outboundId, lastError: null }).where(eq(exportJobs.id, params.id));
}

/** Rendering failed: try again at `retryAt`, or (null) never. */
export async function markExportJobFailed(db: Db, params: { id: number; error: string; retryAt: Date | null }): Promise<void> {
  await db
    .update(exportJobs)
    .set(params.retryAt ? { status: 'pending', lastError: params.error, nextAttemptAt: params.retryAt } : { status: 'failed', lastError: params.error })
    .where(eq(exportJobs.id, params.id));
}
