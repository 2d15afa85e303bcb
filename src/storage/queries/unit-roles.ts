import { sql } from 'drizzle-orm';
import type { RoleKind } from '../../core/domain.js';
import { queryRows, type Db } from '../client.js';

/** Whoever holds a role in a unit now, with what identifies them to an operator (name, phone). */
export interface RoleHolder {
  roleId: number;
  personId: number;
  fullName: string;
  phone: string | null;
  title: string | null;
  accountIds: number[];
}

/** The current holders of one role in one unit (usually one), with their chat accounts. */
export async function listRoleHolders(db: Db, p: { unitId: number; role: RoleKind }): Promise<RoleHolder[]> {
  const rows = await queryRows<{ role_id: number; person_id: number; full_name: string; phone: string | null; title: string | null; account_ids: number[] | string | null }>(
    db,
    sql`select ur.id as role_id, p.id as person_id, p.full_name, p.phone, ur.title,
               coalesce((select array_agg(ca.id order by ca.id) from channel_accounts ca where ca.person_id = p.id), '{}') as account_ids
          from unit_roles ur join people p on p.id = ur.person_id
         where ur.unit_id = ${p.unitId} and ur.role = ${p.role} and ur.ended_at is null
         order by p.full_name, p.id`,
  );
  return rows.map((r) => ({
    roleId: Number(r.role_id),
    personId: Number(r.person_id),
    fullName: r.full_name,
    phone: r.phone,
    title: r.title,
    accountIds: toIds(r.account_ids),
  }));
}

/**
 * Ends a role at `at`, once: a second call (another admin, a retried command) ends nothing and
 * returns false, so the effects of ending it are applied by one caller only.
 */
export async function endUnitRole(db: Db, p: { roleId: number; at: Date }): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update unit_roles set ended_at = ${p.at.toISOString()}::timestamptz, updated_at = now()
         where id = ${p.roleId} and ended_at is null returning id`,
  );
  return rows.length > 0;
}

/** Whether a person still holds any role (of the given kinds) in a unit after an ending. */
export async function holdsRoleIn(db: Db, p: { personId: number; unitId: number; roles: readonly RoleKind[] }): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from unit_roles
         where person_id = ${p.personId} and unit_id = ${p.unitId} and ended_at is null
           and role::text = any(${`{${p.roles.join(',')}}`}::text[]) limit 1`,
  );
  return rows.length > 0;
}

/**
 * Notices still waiting to go to these accounts about one unit (reminders, the month's opening,
 * deadline notices): cancelled, so a person whose role ended hears nothing more about it.
 */
export async function cancelPendingNoticesAbout(db: Db, p: { accountIds: readonly number[]; unitId: number; unitName: string }): Promise<number> {
  if (p.accountIds.length === 0) return 0;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update outbound_messages set status = 'cancelled', last_error = 'the role ended'
         where account_id = any(${`{${p.accountIds.join(',')}}`}::int[]) and status = 'pending'
           and payload->>'notice' in ('period-open', 'reminder', 'review')
           and (payload #>> '{params,unitId}' = ${String(p.unitId)} or (payload->>'notice' = 'review' and payload #>> '{params,unit}' = ${p.unitName}))
         returning id`,
  );
  return rows.length;
}

function toIds(value: number[] | string | null): number[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.map(Number);
  return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map(Number);
}

/** One person's role in one unit as stored, ended or not (an import decides what to do with it). */
export async function findUnitRole(db: Db, p: { personId: number; unitId: number; role: RoleKind }): Promise<{ roleId: number; endedAt: Date | null } | undefined> {
  const [row] = await queryRows<{ id: number; ended_at: string | Date | null }>(
    db,
    sql`select id, ended_at from unit_roles where person_id = ${p.personId} and unit_id = ${p.unitId} and role = ${p.role}`,
  );
  return row ? { roleId: Number(row.id), endedAt: row.ended_at === null ? null : new Date(row.ended_at) } : undefined;
}

/** A person's chat accounts (whom the effects of a role change reach). */
export async function listAccountIdsOf(db: Db, personId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select id from channel_accounts where person_id = ${personId} order by id`);
  return rows.map((r) => Number(r.id));
}
