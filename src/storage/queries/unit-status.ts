import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';
import { reportBegun } from './reports.js';

/** A reporting unit that has not sent a month's report, and who answers for it. */
export interface UnsentUnit {
  unitId: number;
  code: string;
  name: string;
  started: boolean;
  secretaries: string[];
}

/**
 * The reporting units (with an active mô hình) of a subtree that have not sent the month's report,
 * by code: what /chuanop lists and what a leader chases. `total` counts them all; `units` is capped.
 */
export async function listUnsentUnits(
  db: Db,
  params: { unitPath: string; month: string; limit: number },
): Promise<{ total: number; units: UnsentUnit[] }> {
  const rows = await queryRows<UnsentUnit & { total: number | string }>(
    db,
    sql`select u.id as "unitId", u.code, u.name, bool_or(${reportBegun('r')}) as started,
               coalesce((select array_agg(p.full_name order by p.full_name) from unit_roles ur join people p on p.id = ur.person_id
                          where ur.unit_id = u.id and ur.role = 'secretary' and ur.ended_at is null), '{}') as secretaries,
               count(*) over () as total
          from org_units u
          left join periods pe on pe.starts_on = ${params.month}::date and pe.kind = 'month'
          left join reports r on r.unit_id = u.id and r.period_id = pe.id
         where u.path like ${params.unitPath} || '%' and u.dissolved_on is null
           and exists (select 1 from models m where m.unit_id = u.id and m.status = 'active')
         group by u.id, u.code, u.name
        having not bool_or(coalesce(r.status = 'submitted', false))
         order by u.code
         limit ${params.limit}`,
  );
  return { total: Number(rows[0]?.total ?? 0), units: rows.map(({ total: _total, ...unit }) => unit) };
}

/** One month of one unit, as /donvi shows it. */
export interface UnitMonth {
  month: string;
  /** The report, when one was started (the web console links to it). */
  reportId: number | null;
  status: 'submitted' | 'draft' | 'none';
  submittedAt: Date | null;
  dueAt: Date;
  noActivity: boolean;
  meetingsHeld: number | null;
  membersPresent: number | null;
  membersTotal: number | null;
  activities: number | null;
  participants: number | null;
}

/** A unit's last `months` periods, newest first, with what it reported in each. */
export async function listUnitMonths(db: Db, params: { unitId: number; unitPath: string; months: number; now: Date }): Promise<UnitMonth[]> {
  const rootId = Number(params.unitPath.split('/')[1]);
  const rows = await queryRows<Omit<UnitMonth, 'submittedAt' | 'dueAt'> & { submittedAt: string | Date | null; dueAt: string | Date }>(
    db,
    sql`select pe.starts_on::text as month, r.id as "reportId", coalesce(r.status::text, 'none') as status, r.submitted_at as "submittedAt", pe.due_at as "dueAt",
               coalesce(r.no_activity, false) as "noActivity", r.meetings_held as "meetingsHeld",
               r.members_present as "membersPresent", r.members_total as "membersTotal",
               (select sum(ma.activities)::int from model_answers ma where ma.report_id = r.id) as activities,
               (select sum(ma.participants)::int from model_answers ma where ma.report_id = r.id) as participants
          from periods pe
          left join reports r on r.period_id = pe.id and r.unit_id = ${params.unitId}
         where pe.scope_unit_id = ${rootId} and pe.kind = 'month' and pe.opens_at <= ${params.now.toISOString()}::timestamptz
         order by pe.starts_on desc
         limit ${params.months}`,
  );
  return rows.map((r) => ({ ...r, reportId: r.reportId === null ? null : Number(r.reportId), submittedAt: r.submittedAt ? new Date(r.submittedAt) : null, dueAt: new Date(r.dueAt) }));
}
