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
  params: Pick<ReviewDeadlineRow, 'scopeUnitId' | 'kind' | 'title' | 'coversFrom' | 'coversTo' | 'dueAt'>,
): Promise<ReviewDeadlineRow> {
  const [row] = await db.insert(reviewDeadlines).values(params).returning();
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

/** Removes a deadline, returning it (or nothing when there was none), with its notices not yet sent. */
export async function deleteReviewDeadline(db: Db, id: number): Promise<{ deadline: ReviewDeadlineRow; cancelledNotices: number } | undefined> {
  const [deadline] = await db.delete(reviewDeadlines).where(eq(reviewDeadlines.id, id)).returning();
  if (!deadline) return undefined;
  // Its notices are keyed "review:<id>:d<days>:…" (the slot key), so the waiting ones are found by prefix.
  const cancelled = await db
    .update(outboundMessages)
    .set({ status: 'cancelled', lastError: 'the review deadline was cancelled' })
    .where(and(eq(outboundMessages.status, 'pending'), like(outboundMessages.dedupeKey, `review:${id}:%`)))
    .returning({ id: outboundMessages.id });
  return { deadline, cancelledNotices: cancelled.length };
}
