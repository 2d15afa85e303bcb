import { and, desc, eq, gte, inArray, isNull, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { exportJobs } from '../schema/index.js';
import type { ExportJobRow } from '../types.js';

/** How long a claimed export is reserved for its renderer before another may take it again. */
export const EXPORT_CLAIM_LEASE_MS = 5 * 60_000;

/**
 * Queues exports in the caller's transaction, due at `at`; a dedupe key seen before is skipped.
 * `accountId` is the chat the file goes to (none: the web console's Xuất page). With `claim`, the
 * rows are queued already claimed by the caller, who renders them right after commit; if it dies
 * first, they are claimed again when the lease runs out, `EXPORT_CLAIM_LEASE_MS` after `claimFrom`
 * (default `at`).
 */
export async function enqueueExportJobs(
  db: Db,
  jobs: readonly { personId: number; accountId: number | null; dedupeKey: string; request: unknown }[],
  at: Date,
  options: { claim?: boolean; claimFrom?: Date } = {},
): Promise<ExportJobRow[]> {
  if (jobs.length === 0) return [];
  const from = options.claimFrom ?? at;
  const claimed = options.claim ? { status: 'sending' as const, attempts: 1, nextAttemptAt: new Date(from.getTime() + EXPORT_CLAIM_LEASE_MS) } : { nextAttemptAt: at };
  return db
    .insert(exportJobs)
    .values(jobs.map((j) => ({ ...j, createdAt: at, ...claimed })))
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

/** The export is rendered as `fileId`, and (asked in a chat) its reply queued as outbox message `outboundId`. */
export async function markExportJobDone(db: Db, params: { id: number; fileId: number; outboundId: number | null }): Promise<void> {
  await db.update(exportJobs).set({ status: 'sent', fileId: params.fileId, outboundId: params.outboundId, lastError: null }).where(eq(exportJobs.id, params.id));
}

/** Rendering failed: try again at `retryAt`, or (null) never. */
export async function markExportJobFailed(db: Db, params: { id: number; error: string; retryAt: Date | null }): Promise<void> {
  await db
    .update(exportJobs)
    .set(params.retryAt ? { status: 'pending', lastError: params.error, nextAttemptAt: params.retryAt } : { status: 'failed', lastError: params.error })
    .where(eq(exportJobs.id, params.id));
}

/** A person's web exports since an instant that are not ready (being made, or failed), newest first: the Xuất page's waiting list. */
export async function listUnfinishedWebExports(db: Db, p: { personId: number; since: Date; limit: number }): Promise<ExportJobRow[]> {
  return db
    .select()
    .from(exportJobs)
    .where(and(eq(exportJobs.personId, p.personId), isNull(exportJobs.accountId), gte(exportJobs.createdAt, p.since), notInArray(exportJobs.status, ['sent', 'cancelled'])))
    .orderBy(desc(exportJobs.createdAt), desc(exportJobs.id))
    .limit(p.limit);
}

/** Forgets finished exports (rendered, or failed for good) asked for before `before`. */
export async function deleteFinishedExportJobsBefore(db: Db, before: Date): Promise<void> {
  await db.delete(exportJobs).where(and(lt(exportJobs.createdAt, before), inArray(exportJobs.status, ['sent', 'failed', 'cancelled'])));
}
