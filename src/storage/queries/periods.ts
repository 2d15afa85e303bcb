import { eq, sql } from 'drizzle-orm';
import type { MonthlyPeriodDates } from '../../core/schedule.js';
import type { Db } from '../client.js';
import { periods } from '../schema/index.js';
import type { PeriodRow } from '../types.js';

/** Creates the monthly period of an organisation, or returns the one already there. */
export async function upsertMonthlyPeriod(
  db: Db,
  params: { scopeUnitId: number } & MonthlyPeriodDates,
): Promise<PeriodRow> {
  const [row] = await db
    .insert(periods)
    .values({ ...params, kind: 'month' })
    .onConflictDoUpdate({
      target: [periods.scopeUnitId, periods.kind, periods.startsOn],
      set: { opensAt: sql`excluded.opens_at`, dueAt: sql`excluded.due_at`, endsOn: sql`excluded.ends_on` },
    })
    .returning();
  if (!row) throw new Error('upsert into periods returned no row');
  return row;
}

export async function findPeriodById(db: Db, id: number): Promise<PeriodRow | undefined> {
  const [row] = await db.select().from(periods).where(eq(periods.id, id));
  return row;
}
