import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';
import { reportBegun } from './reports.js';
import { snoozes } from '../schema/index.js';

/** «Nhắc lại sau»: remember to remind this account about this unit's report at `until`. */
export async function createSnooze(db: Db, params: { accountId: number; unitId: number; periodId: number; until: Date; at: Date }): Promise<number> {
  const [row] = await db
    .insert(snoozes)
    .values({ accountId: params.accountId, unitId: params.unitId, periodId: params.periodId, until: params.until, createdAt: params.at })
    .returning({ id: snoozes.id });
  return row!.id;
}

/** A put-off reminder whose time has come, with what its notice says. */
export interface DueSnooze {
  id: number;
  accountId: number;
  person: string;
  unitId: number;
  unit: string;
  periodId: number;
  startsOn: string;
  dueAt: Date;
  started: boolean;
}

/**
 * Snoozes that have come due (in the last day) for reports still unsent in periods still open.
 * Cheap enough to ask every tick: the index on `until` bounds it to a day's snoozes.
 */
export async function listDueSnoozes(db: Db, params: { now: Date }): Promise<DueSnooze[]> {
  const rows = await queryRows<Omit<DueSnooze, 'dueAt'> & { dueAt: string | Date }>(
    db,
    sql`select s.id, s.account_id as "accountId", pe.full_name as person, u.id as "unitId", u.name as unit, p.id as "periodId",
               p.starts_on::text as "startsOn", p.due_at as "dueAt", ${reportBegun('r')} as started
          from snoozes s
          join periods p on p.id = s.period_id
          join org_units u on u.id = s.unit_id
          join channel_accounts a on a.id = s.account_id and a.blocked_at is null
          join people pe on pe.id = a.person_id
          left join reports r on r.unit_id = s.unit_id and r.period_id = s.period_id
         where s.until <= ${params.now.toISOString()}::timestamptz and s.until > ${params.now.toISOString()}::timestamptz - interval '1 day'
           and p.due_at > ${params.now.toISOString()}::timestamptz
           and (r.status is null or r.status <> 'submitted')
         order by s.id`,
  );
  return rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt) }));
}
