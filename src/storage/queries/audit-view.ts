import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';

/** An audit entry as the console's log shows it. */
export interface AuditView {
  id: number;
  at: Date;
  actorKind: string;
  actorPersonId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The unit the entry is about (details.unitId, details.unitCode or the entity itself), when it names one. */
  unit: { id: number; code: string; name: string } | null;
  /** The person the entry is about, when its entity is a person. */
  personName: string | null;
  details: Record<string, unknown>;
}

/**
 * One page of an organisation's audit log, newest first, after the keyset `beforeId` (never an
 * offset). An entry is the organisation's when the unit it names (details.unitId, details.unitCode,
 * or an org_unit entity) lies in it; an entry that names no unit, when the person it is about or
 * the person who acted has (or had) a role in it. Filters: a person (actor or entity), a unit,
 * an action. No migration: the log is walked backwards by its primary key and each entry is
 * checked by index lookups (the unit by id or code, the person's roles by person), so a page
 * stops after its rows are found.
 */
export async function listOrgAudit(
  db: Db,
  p: { orgPath: string; personId?: number; unit?: { id: number; code: string }; action?: string; beforeId?: number; limit: number },
): Promise<{ entries: AuditView[]; nextBeforeId: number | null }> {
  const filters = [
    p.beforeId !== undefined ? sql`a.id < ${p.beforeId}` : null,
    p.action ? sql`a.action = ${p.action}` : null,
    p.personId !== undefined ? sql`(a.actor_person_id = ${p.personId} or (a.entity_type = 'person' and a.entity_id = ${String(p.personId)}))` : null,
    p.unit
      ? sql`(a.details->>'unitId' = ${String(p.unit.id)} or a.details->>'unitCode' = ${p.unit.code} or (a.entity_type = 'org_unit' and a.entity_id = ${String(p.unit.id)}))`
      : null,
  ].filter((f) => f !== null);
  const org = `${p.orgPath}%`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.at, a.actor_kind, a.actor_person_id, actor.full_name as actor_name, a.action, a.entity_type, a.entity_id, a.details,
               u.id as unit_id, u.code as unit_code, u.name as unit_name, subject.full_name as person_name
          from audit_log a
          cross join lateral (select
                 coalesce(case when a.details->>'unitId' ~ '^[0-9]{1,9}$' then (a.details->>'unitId')::int end,
                          case when a.entity_type = 'org_unit' and a.entity_id ~ '^[0-9]{1,9}$' then a.entity_id::int end) as unit_id,
                 a.details->>'unitCode' as unit_code,
                 case when a.entity_type = 'person' and a.entity_id ~ '^[0-9]{1,9}$' then a.entity_id::int end as person_id) named
          left join org_units u on (u.id = named.unit_id or (named.unit_id is null and u.code = named.unit_code)) and u.path like ${org}
          left join people actor on actor.id = a.actor_person_id
          left join people subject on subject.id = named.person_id
         where ${filters.length > 0 ? sql.join(filters, sql` and `) : sql`true`}
           and case when named.unit_id is not null or named.unit_code is not null then u.id is not null
                    else exists (select 1 from unit_roles ur join org_units o on o.id = ur.unit_id
                                  where ur.person_id in (named.person_id, a.actor_person_id) and o.path like ${org}) end
         order by a.id desc limit ${p.limit + 1}`,
  );
  const entries = rows.slice(0, p.limit).map(
    (r): AuditView => ({
      id: Number(r.id),
      at: new Date(r.at as string | Date),
      actorKind: String(r.actor_kind),
      actorPersonId: r.actor_person_id === null ? null : Number(r.actor_person_id),
      actorName: r.actor_name === null ? null : String(r.actor_name),
      action: String(r.action),
      entityType: String(r.entity_type),
      entityId: r.entity_id === null ? null : String(r.entity_id),
      unit: r.unit_id === null ? null : { id: Number(r.unit_id), code: String(r.unit_code), name: String(r.unit_name) },
      personName: r.person_name === null ? null : String(r.person_name),
      details: (typeof r.details === 'string' ? JSON.parse(r.details) : (r.details ?? {})) as Record<string, unknown>,
    }),
  );
  return { entries, nextBeforeId: rows.length > p.limit ? entries.at(-1)!.id : null };
}
