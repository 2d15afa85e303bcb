import { sql } from 'drizzle-orm';
import type { ModelField, ModelStatus, OrgUnitKind, RoleKind } from '../../core/domain.js';
import type { OrganisationSnapshot } from '../../core/import/import-changes.js';
import { queryRows, type Db } from '../client.js';

/**
 * The units with these codes as an import sees them (name, kind, parent code, path), with the
 * roles held in them and their models: read before and after an import to list its changes.
 */
export async function snapshotUnits(db: Db, codes: readonly string[], timeZone: string): Promise<OrganisationSnapshot & { paths: Map<string, { id: number; path: string }> }> {
  const list = [...new Set(codes)];
  const units = new Map<string, { name: string; kind: OrgUnitKind; parentCode: string | null }>();
  const paths = new Map<string, { id: number; path: string }>();
  const roles: OrganisationSnapshot['roles'] extends ReadonlyMap<string, infer V> ? Map<string, V> : never = new Map();
  const models: OrganisationSnapshot['models'] extends ReadonlyMap<string, infer V> ? Map<string, V> : never = new Map();
  if (list.length === 0) return { units, roles, models, paths };
  const codeList = sql.join(list.map((c) => sql`${c}`), sql`, `);
  const unitRows = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.id, u.code, u.name, u.kind, u.path, p.code as parent_code from org_units u left join org_units p on p.id = u.parent_id where u.code in (${codeList})`,
  );
  for (const r of unitRows) {
    units.set(String(r.code), { name: String(r.name), kind: r.kind as OrgUnitKind, parentCode: r.parent_code === null ? null : String(r.parent_code) });
    paths.set(String(r.code), { id: Number(r.id), path: String(r.path) });
  }
  const roleRows = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.code, ur.role, ur.person_id, ur.title, to_char(ur.ended_at at time zone ${timeZone}, 'YYYY-MM-DD') as ended_on, p.full_name, p.phone
          from unit_roles ur join org_units u on u.id = ur.unit_id join people p on p.id = ur.person_id
         where u.code in (${codeList})`,
  );
  for (const r of roleRows) {
    roles.set(`${String(r.code)}|${String(r.role)}|${String(r.person_id)}`, {
      unitCode: String(r.code), role: r.role as RoleKind, personName: String(r.full_name), phone: r.phone === null ? null : String(r.phone),
      title: r.title === null ? null : String(r.title), endedOn: r.ended_on === null ? null : String(r.ended_on),
    });
  }
  const modelRows = await queryRows<Record<string, unknown>>(
    db,
    sql`select u.code, m.title, m.field, m.status, m.started_on::text as started_on, m.description
          from models m join org_units u on u.id = m.unit_id where u.code in (${codeList})`,
  );
  for (const r of modelRows) {
    models.set(`${String(r.code)}|${String(r.title)}`, {
      unitCode: String(r.code), title: String(r.title), field: r.field as ModelField, status: r.status as ModelStatus,
      startedOn: r.started_on === null ? null : String(r.started_on), description: r.description === null ? null : String(r.description),
    });
  }
  return { units, roles, models, paths };
}
