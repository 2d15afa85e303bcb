import { and, gt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { orgUnits, reviewDeadlines } from '../schema/index.js';
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
