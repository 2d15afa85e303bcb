import { and, eq, gt, like, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { orgUnits, outboundMessages, reviewDeadlines } from '../schema/index.js';
import type { ReviewDeadlineRow } from '../types.js';

/** Review deadlines still ahead, set anywhere in an organisation's subtree. */
export async function listUpcomingReviewDeadlines(db: Db, params: { organisationPath: string; now: Date }): Promise<ReviewDeadlineRow[]> {
  const rows = await db
    .select({ deadline: reviewDeadlines })
    .from(reviewDeadlines)
    .innerJoin(orgUnits, sql`${orgUnits.id} = ${reviewDeadlines.scopeUnitId}`)
    .where(and(gt(reviewDeadlines.dueAt, params.now), sql`${orgUnits.path} like ${params.organisationPath} || '%'`))
    .orderBy(reviewDeadlines.dueAt);
  return rows.map((r) => r.deadline);
}

/** Sets a sơ kết / tổng kết deadline for a unit's subtree. */
export async function createReviewDeadline(
  db: Db,
  params: Pick<ReviewDeadlineRow, 'scopeUnitId' | 'kind' | 'title' | 'coversFrom' | 'coversTo' | 'dueAt'> & { noticeDaysBefore?: number[] | null; at?: Date },
): Promise<ReviewDeadlineRow> {
  const { at, ...values } = params;
  const [row] = await db.insert(reviewDeadlines).values({ ...values, ...(at ? { createdAt: at, updatedAt: at } : {}) }).returning();
  return row!;
}

/** Every review deadline set in an organisation's subtree, past and ahead, by due date. */
export async function listReviewDeadlines(db: Db, params: { organisationPath: string }): Promise<ReviewDeadlineRow[]> {
  const rows = await db
    .select({ deadline: reviewDeadlines })
    .from(reviewDeadlines)
    .innerJoin(orgUnits, sql`${orgUnits.id} = ${reviewDeadlines.scopeUnitId}`)
    .where(sql`${orgUnits.path} like ${params.organisationPath} || '%'`)
    .orderBy(reviewDeadlines.dueAt, reviewDeadlines.id);
  return rows.map((r) => r.deadline);
}

/** One deadline by id, locked for a change when asked. */
export async function findReviewDeadline(db: Db, id: number, p: { lock?: boolean } = {}): Promise<ReviewDeadlineRow | undefined> {
  const query = db.select().from(reviewDeadlines).where(eq(reviewDeadlines.id, id));
  const [row] = p.lock ? await query.for('update') : await query;
  return row;
}

/**
 * Changes a deadline only if it is still the version the editor read (updated_at, to the
 * millisecond); the new version is later by at least a millisecond. Its notices not yet sent are
 * cancelled (the ticks queue them again for the new date). Undefined: someone changed it first.
 */
export async function updateReviewDeadline(
  db: Db,
  p: { id: number; version: Date; at: Date; values: Pick<ReviewDeadlineRow, 'kind' | 'title' | 'coversFrom' | 'coversTo' | 'dueAt'> & { noticeDaysBefore: number[] | null } },
): Promise<ReviewDeadlineRow | undefined> {
  const [row] = await db
    .update(reviewDeadlines)
    .set({ ...p.values, updatedAt: sql`greatest(${p.at.toISOString()}::timestamptz, ${reviewDeadlines.updatedAt} + interval '1 millisecond')` })
    .where(sql`${reviewDeadlines.id} = ${p.id} and date_trunc('milliseconds', ${reviewDeadlines.updatedAt}) = ${p.version.toISOString()}::timestamptz`)
    .returning();
  if (!row) return undefined;
  await cancelPendingNotices(db, p.id, 'the review deadline was changed');
  return row;
}

async function cancelPendingNotices(db: Db, id: number, reason: string): Promise<number> {
  // Its notices are keyed "review:<id>:d<days>:…" (the slot key), so the waiting ones are found by prefix.
  const cancelled = await db
    .update(outboundMessages)
    .set({ status: 'cancelled', lastError: reason })
    .where(and(eq(outboundMessages.status, 'pending'), like(outboundMessages.dedupeKey, `review:${id}:%`)))
    .returning({ id: outboundMessages.id });
  return cancelled.length;
}

/** Removes a deadline, returning it (or nothing when there was none), with its notices not yet sent. */
export async function deleteReviewDeadline(db: Db, id: number): Promise<{ deadline: ReviewDeadlineRow; cancelledNotices: number } | undefined> {
  const [deadline] = await db.delete(reviewDeadlines).where(eq(reviewDeadlines.id, id)).returning();
  if (!deadline) return undefined;
  return { deadline, cancelledNotices: await cancelPendingNotices(db, id, 'the review deadline was cancelled') };
}
