import { sql } from 'drizzle-orm';
import type { ChannelKind, RoleKind } from '../../core/domain.js';
import { foldVietnamese } from '../../core/text.js';
import { queryRows, type Db } from '../client.js';
import { FOLD } from './unit-directory.js';

/**
 * The admin console's people (issue 17): who belongs to an organisation (a role, current or
 * ended, in one of its units), their roles and chat accounts, and versioned edits. The caller
 * passes the organisation's root path and checks scope with it.
 */

const num = (v: unknown): number => Number(v ?? 0);

/** A role as the people pages show it. */
export interface AdminRole {
  roleId: number;
  role: RoleKind;
  title: string | null;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitPath: string;
  endedAt: Date | null;
}

/** A person of the organisation with their roles and the channels they are bound on. */
export interface AdminPerson {
  id: number;
  fullName: string;
  phone: string | null;
  version: Date;
  roles: AdminRole[];
  channels: { channel: ChannelKind; displayName: string | null; blocked: boolean }[];
}

function toRoles(value: unknown): AdminRole[] {
  const list = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as Record<string, unknown>[];
  return list.map((r) => ({
    roleId: num(r.role_id),
    role: r.role as RoleKind,
    title: r.title === null || r.title === undefined ? null : String(r.title),
    unitId: num(r.unit_id),
    unitCode: String(r.unit_code),
    unitName: String(r.unit_name),
    unitPath: String(r.unit_path),
    endedAt: r.ended_at ? new Date(String(r.ended_at)) : null,
  }));
}

function toChannels(value: unknown): AdminPerson['channels'] {
  const list = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as Record<string, unknown>[];
  return list.map((c) => ({ channel: c.channel as ChannelKind, displayName: c.display_name ? String(c.display_name) : null, blocked: Boolean(c.blocked) }));
}

const ROLES_OF = (orgPath: string) => sql`coalesce((
    select json_agg(json_build_object('role_id', ur.id, 'role', ur.role, 'title', ur.title, 'unit_id', u.id, 'unit_code', u.code, 'unit_name', u.name,
                                      'unit_path', u.path, 'ended_at', ur.ended_at)
                    order by ur.ended_at is not null, array_position(array['secretary','deputy','leader','admin']::text[], ur.role::text), u.code)
      from unit_roles ur join org_units u on u.id = ur.unit_id
     where ur.person_id = p.id and u.path like ${`${orgPath}%`}), '[]')`;
const CHANNELS_OF = sql`coalesce((
    select json_agg(json_build_object('channel', a.channel, 'display_name', a.display_name, 'blocked', a.blocked_at is not null) order by a.id)
      from channel_accounts a where a.person_id = p.id), '[]')`;

/**
 * The people of an organisation, by name: with a current role there, or (`withEnded`) any role
 * it ever gave them; narrowed by words of their name or of a unit they hold a role in (without
 * diacritics), a phone, or a unit code.
 */
export async function listOrgPeople(db: Db, p: { orgPath: string; query: string; withEnded: boolean; limit: number }): Promise<AdminPerson[]> {
  const words = foldVietnamese(p.query).split(' ').filter(Boolean).slice(0, 8);
  const digits = p.query.replace(/[^0-9]/g, '');
  const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const folded = sql`lower(translate(p.full_name, ${FOLD.from}, ${FOLD.to}))`;
  const nameMatch = words.length > 0 ? sql.join(words.map((w) => sql`${folded} like ${like(w)}`), sql` and `) : sql`true`;
  const search =
    words.length === 0
      ? sql`true`
      : sql`(${nameMatch}
             or (${digits.length >= 3} and coalesce(p.phone, '') like ${like(digits)})
             or exists (select 1 from unit_roles r2 join org_units u2 on u2.id = r2.unit_id
                         where r2.person_id = p.id and u2.path like ${`${p.orgPath}%`} and (${p.withEnded} or r2.ended_at is null)
                           and (lower(u2.code) = ${p.query.trim().toLowerCase()}
                                or (${sql.join(words.map((w) => sql`lower(translate(u2.name, ${FOLD.from}, ${FOLD.to})) like ${like(w)}`), sql` and `)}))))`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id, p.full_name, p.phone, p.updated_at, ${ROLES_OF(p.orgPath)} as roles, ${CHANNELS_OF} as channels
          from people p
         where exists (select 1 from unit_roles ur join org_units u on u.id = ur.unit_id
                        where ur.person_id = p.id and u.path like ${`${p.orgPath}%`} and (${p.withEnded} or ur.ended_at is null))
           and ${search}
         order by p.full_name, p.id limit ${p.limit}`,
  );
  return rows.map(toPerson);
}

function toPerson(r: Record<string, unknown>): AdminPerson {
  return {
    id: num(r.id),
    fullName: String(r.full_name),
    phone: r.phone === null ? null : String(r.phone),
    version: new Date(r.updated_at as string | Date),
    roles: toRoles(r.roles),
    channels: toChannels(r.channels),
  };
}

/** One person as the organisation knows them (roles there only); undefined: no such person or never in it. */
export async function findOrgPerson(db: Db, p: { orgPath: string; personId: number }): Promise<AdminPerson | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id, p.full_name, p.phone, p.updated_at, ${ROLES_OF(p.orgPath)} as roles, ${CHANNELS_OF} as channels
          from people p where p.id = ${p.personId}
           and exists (select 1 from unit_roles ur join org_units u on u.id = ur.unit_id where ur.person_id = p.id and u.path like ${`${p.orgPath}%`})`,
  );
  return row ? toPerson(row) : undefined;
}

/** Who has this phone (any organisation), if anyone. */
export async function findPersonByPhone(db: Db, phone: string): Promise<{ id: number; fullName: string } | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`select id, full_name from people where phone = ${phone}`);
  return row ? { id: num(row.id), fullName: String(row.full_name) } : undefined;
}

/** A new person. */
export async function insertPerson(db: Db, p: { fullName: string; phone: string | null }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(db, sql`insert into people (full_name, phone) values (${p.fullName}, ${p.phone}) returning id`);
  return num(row!.id);
}

/** Changes a person's name and phone if the row is still at the form's version; false: changed meanwhile. */
export async function updatePersonIfVersion(db: Db, p: { id: number; version: Date; fullName: string; phone: string | null }): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update people set full_name = ${p.fullName}, phone = ${p.phone}, updated_at = greatest(now(), updated_at + interval '1 millisecond')
         where id = ${p.id} and date_trunc('milliseconds', updated_at) = ${p.version.toISOString()}::timestamptz returning id`,
  );
  return rows.length > 0;
}

/** A role row by id with its unit (ended or not). */
export async function findRole(db: Db, roleId: number): Promise<(AdminRole & { personId: number; fullName: string }) | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select ur.id as role_id, ur.role, ur.title, ur.ended_at, ur.person_id, p.full_name, u.id as unit_id, u.code as unit_code, u.name as unit_name, u.path as unit_path
          from unit_roles ur join org_units u on u.id = ur.unit_id join people p on p.id = ur.person_id where ur.id = ${roleId}`,
  );
  if (!row) return undefined;
  return { ...toRoles([row])[0]!, endedAt: row.ended_at ? new Date(row.ended_at as string | Date) : null, personId: num(row.person_id), fullName: String(row.full_name) };
}

/** Gives a role (or gives back one that ended, with the new title); the role's id. */
export async function grantRole(db: Db, p: { personId: number; unitId: number; role: RoleKind; title: string | null }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into unit_roles (person_id, unit_id, role, title) values (${p.personId}, ${p.unitId}, ${p.role}, ${p.title})
        on conflict (person_id, unit_id, role) do update set title = excluded.title, ended_at = null, updated_at = now()
        returning id`,
  );
  return num(row!.id);
}

/** Ends the open web sessions of a person who no longer holds any role: their console stops now, not at their next click. */
export async function endSessionsWithoutRole(db: Db, p: { personId: number; at: Date }): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update web_sessions set ended_at = ${p.at.toISOString()}::timestamptz
         where person_id = ${p.personId} and ended_at is null
           and not exists (select 1 from unit_roles where person_id = ${p.personId} and ended_at is null)
        returning id`,
  );
  return rows.length;
}

/** A short list of the organisation's people to pick a successor from (current roles), by name. */
export async function listPeopleToPick(db: Db, p: { orgPath: string; limit: number }): Promise<{ id: number; fullName: string; phone: string | null }[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id, p.full_name, p.phone from people p
         where exists (select 1 from unit_roles ur join org_units u on u.id = ur.unit_id where ur.person_id = p.id and ur.ended_at is null and u.path like ${`${p.orgPath}%`})
         order by p.full_name, p.id limit ${p.limit}`,
  );
  return rows.map((r) => ({ id: num(r.id), fullName: String(r.full_name), phone: r.phone === null ? null : String(r.phone) }));
}
