/**
 * Scheduled notices queued into the outbox by set-based statements: one statement per
 * organisation and slot, however many units it has (a province or the whole country). Each row's
 * de-duplication key is the slot, the unit and the account, so running a statement again, from
 * a retried tick or a second instance, queues nothing new. Rows hold facts; the words are
 * chosen at send time (core/notices.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { QuietHours } from '../../core/notices.js';
import type { SlotAudience } from '../../core/tick-explanations.js';
import { queryRows, type Db } from '../client.js';
import { reportBegun } from './reports.js';

interface SlotParams {
  scopeUnitId: number;
  periodId: number;
  /** The slot's key; it starts every de-duplication key of the rows queued for it. */
  slotKey: string;
  periodLabel: string;
  dueLabel: string;
  quiet: QuietHours;
  now: Date;
}

/** Units of an organisation's subtree that report: not dissolved, with at least one active mô hình. */
function reportingUnits(scopeUnitId: number): SQL {
  return sql`
    select u.id, u.name, u.code, u.path
      from org_units scope
      join org_units u on u.path like scope.path || '%' and u.dissolved_on is null
     where scope.id = ${scopeUnitId}
       and exists (select 1 from models m where m.unit_id = u.id and m.status = 'active')`;
}

/** People who answer for a unit and can be written to: secretary or deputy, with a reachable account. */
const ANSWERERS = sql`
  join unit_roles ur on ur.unit_id = u.id and ur.role in ('secretary', 'deputy') and ur.ended_at is null
  join people p on p.id = ur.person_id
  join channel_accounts a on a.person_id = p.id and a.blocked_at is null`;

async function countInserted(db: Db, insert: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(db, sql`with inserted as (${insert} on conflict (dedupe_key) do nothing returning 1) select count(*) as n from inserted`);
  return Number(row?.n ?? 0);
}

/**
 * The invitation when a period opens, or a reminder, to every answerer of a reporting unit whose
 * report is not sent (`started` says a draft exists, so the button resumes it).
 */
export async function queueUnitNotices(
  db: Db,
  p: SlotParams & { notice: 'period-open' | 'reminder'; daysLeft: number },
): Promise<number> {
  return countInserted(
    db,
    sql`insert into outbound_messages (account_id, purpose, dedupe_key, payload, next_attempt_at, created_at)
        select a.id, ${p.notice}, ${p.slotKey} || ':u' || u.id || ':a' || a.id,
               jsonb_build_object('notice', ${p.notice}::text, 'quiet', ${JSON.stringify(p.quiet)}::jsonb,
                 'params', jsonb_build_object('person', p.full_name, 'unit', u.name, 'unitId', u.id, 'periodId', ${p.periodId}::int, 'period', ${p.periodLabel}::text,
                   'due', ${p.dueLabel}::text, 'daysLeft', ${p.daysLeft}::int, 'started', ${reportBegun('r')})),
               ${p.now.toISOString()}::timestamptz, ${p.now.toISOString()}::timestamptz
          from (${reportingUnits(p.scopeUnitId)}) u
          ${ANSWERERS}
          left join reports r on r.unit_id = u.id and r.period_id = ${p.periodId}
         where r.status is null or r.status <> 'submitted'`,
  );
}

/**
 * After the due date: each late unit goes to the nearest unit above it that has a leader who can
 * be written to, and each such leader gets one message listing their late units (the first
 * `shown`, by code, and the total).
 */
export async function queueLateUnitNotices(db: Db, p: SlotParams & { shown: number }): Promise<number> {
  return countInserted(
    db,
    sql`with late as (
          select u.id, u.name, u.code, ${reportBegun('r')} as started,
                 (string_to_array(btrim(u.path, '/'), '/')::int[]) as line
            from (${reportingUnits(p.scopeUnitId)}) u
            left join reports r on r.unit_id = u.id and r.period_id = ${p.periodId}
           where r.status is null or r.status <> 'submitted'
        ), boss as (
          select distinct on (l.id) l.id as late_id, ur.unit_id as leader_unit
            from late l
            join unit_roles ur on ur.unit_id = any(l.line[1:cardinality(l.line) - 1]) and ur.role = 'leader' and ur.ended_at is null
           where exists (select 1 from channel_accounts a where a.person_id = ur.person_id and a.blocked_at is null)
           order by l.id, array_position(l.line, ur.unit_id) desc
        ), grouped as (
          select b.leader_unit, count(*)::int as total,
                 jsonb_agg(jsonb_build_object('unit', l.name, 'started', l.started) order by l.code) as listed
            from boss b join late l on l.id = b.late_id
           group by b.leader_unit
        )
        insert into outbound_messages (account_id, purpose, dedupe_key, payload, next_attempt_at, created_at)
        select a.id, 'late-units', ${p.slotKey} || ':l' || g.leader_unit || ':a' || a.id,
               jsonb_build_object('notice', 'late-units', 'quiet', ${JSON.stringify(p.quiet)}::jsonb,
                 'params', jsonb_build_object('person', pe.full_name, 'period', ${p.periodLabel}::text, 'due', ${p.dueLabel}::text,
                   'total', g.total, 'shown', jsonb_path_query_array(g.listed, ${`$[0 to ${Math.max(0, p.shown - 1)}]`}::jsonpath))),
               ${p.now.toISOString()}::timestamptz, ${p.now.toISOString()}::timestamptz
          from grouped g
          join unit_roles ur on ur.unit_id = g.leader_unit and ur.role = 'leader' and ur.ended_at is null
          join people pe on pe.id = ur.person_id
          join channel_accounts a on a.person_id = pe.id and a.blocked_at is null`,
  );
}

/**
 * A notice before a review deadline to every answerer of the reporting units in its scope, with
 * the months of the reviewed range that unit has not sent (of those already due).
 */
export async function queueReviewNotices(
  db: Db,
  p: { deadlineId: number; scopeUnitId: number; slotKey: string; title: string; dueLabel: string; daysLeft: number; quiet: QuietHours; now: Date },
): Promise<number> {
  return countInserted(
    db,
    sql`with missing as (
          select u.id, u.name,
                 coalesce(array_agg(to_char(pe.starts_on, 'MM/YYYY') order by pe.starts_on) filter (where pe.id is not null), '{}') as months
            from (${reportingUnits(p.scopeUnitId)}) u
            join review_deadlines d on d.id = ${p.deadlineId}
            left join periods pe on pe.kind = 'month' and pe.starts_on between d.covers_from and d.covers_to and pe.due_at <= ${p.now.toISOString()}::timestamptz
                 and pe.scope_unit_id = (string_to_array(btrim(u.path, '/'), '/')::int[])[1]
                 and not exists (select 1 from reports r where r.unit_id = u.id and r.period_id = pe.id and r.status = 'submitted')
           group by u.id, u.name
        )
        insert into outbound_messages (account_id, purpose, dedupe_key, payload, next_attempt_at, created_at)
        select a.id, 'review', ${p.slotKey} || ':u' || u.id || ':a' || a.id,
               jsonb_build_object('notice', 'review', 'quiet', ${JSON.stringify(p.quiet)}::jsonb,
                 'params', jsonb_build_object('person', p.full_name, 'unit', u.name, 'title', ${p.title}::text, 'due', ${p.dueLabel}::text,
                   'daysLeft', ${p.daysLeft}::int, 'missing', to_jsonb(u.months))),
               ${p.now.toISOString()}::timestamptz, ${p.now.toISOString()}::timestamptz
          from missing u
          ${ANSWERERS}`,
  );
}

/** A leader who can be written to, and the unit whose subtree their digest covers. */
export interface LeaderRecipient {
  unitId: number;
  accountId: number;
  person: string;
}

/** Every leader (or admin) of a unit in an organisation, with each of their reachable accounts. */
export async function listLeaderRecipients(db: Db, params: { organisationPath: string }): Promise<LeaderRecipient[]> {
  return queryRows<LeaderRecipient>(
    db,
    sql`select u.id as "unitId", a.id as "accountId", p.full_name as person
          from org_units u
          join unit_roles ur on ur.unit_id = u.id and ur.role in ('leader', 'admin') and ur.ended_at is null
          join people p on p.id = ur.person_id
          join channel_accounts a on a.person_id = p.id and a.blocked_at is null
         where u.path like ${params.organisationPath} || '%' and u.dissolved_on is null
         order by u.path, a.id`,
  );
}

/** A unit has someone to write to: a secretary or deputy with a channel account not blocked. */
const HAS_ANSWERER = sql`exists (
  select 1 from unit_roles ur join channel_accounts a on a.person_id = ur.person_id and a.blocked_at is null
   where ur.unit_id = u.id and ur.role in ('secretary', 'deputy') and ur.ended_at is null)`;

/**
 * The audience of an invitation or a reminder, counted, to explain a slot that queued nothing:
 * reporting units, those that have not sent, and of those the ones with an answerer to write to.
 */
export async function countUnitNoticeAudience(db: Db, p: { scopeUnitId: number; periodId: number }): Promise<SlotAudience> {
  const [row] = await queryRows<SlotAudience>(
    db,
    sql`select count(distinct u.id)::int as "reportingUnits",
               count(distinct u.id) filter (where r.status is distinct from 'submitted')::int as "pendingUnits",
               count(distinct u.id) filter (where r.status is distinct from 'submitted' and ${HAS_ANSWERER})::int as "reachableUnits"
          from (${reportingUnits(p.scopeUnitId)}) u
          left join reports r on r.unit_id = u.id and r.period_id = ${p.periodId}`,
  );
  return row ?? {};
}

/** The audience of an escalation, counted: reporting units, late ones, and late ones with a leader above to tell. */
export async function countLateUnitAudience(db: Db, p: { scopeUnitId: number; periodId: number }): Promise<SlotAudience> {
  const [row] = await queryRows<SlotAudience>(
    db,
    sql`select count(distinct u.id)::int as "reportingUnits",
               count(distinct u.id) filter (where r.status is distinct from 'submitted')::int as "pendingUnits",
               count(distinct u.id) filter (where r.status is distinct from 'submitted' and exists (
                 select 1 from unit_roles ur join channel_accounts a on a.person_id = ur.person_id and a.blocked_at is null
                  where ur.unit_id = any((string_to_array(btrim(u.path, '/'), '/')::int[])[1:cardinality(string_to_array(btrim(u.path, '/'), '/')) - 1])
                    and ur.role = 'leader' and ur.ended_at is null))::int as "reachableUnits"
          from (${reportingUnits(p.scopeUnitId)}) u
          left join reports r on r.unit_id = u.id and r.period_id = ${p.periodId}`,
  );
  return row ?? {};
}

/** The audience of a review notice, counted: reporting units in its scope, and those with an answerer to write to. */
export async function countReviewNoticeAudience(db: Db, p: { scopeUnitId: number }): Promise<SlotAudience> {
  const [row] = await queryRows<SlotAudience>(
    db,
    sql`select count(*)::int as "reportingUnits", count(*)::int as "pendingUnits",
               count(*) filter (where ${HAS_ANSWERER})::int as "reachableUnits"
          from (${reportingUnits(p.scopeUnitId)}) u`,
  );
  return row ?? {};
}
