import type { ModelField, ModelStatus, OrgUnitKind, RoleKind } from '../domain.js';

/** What an import touches, as read from the database before and after it (only the file's units). */
export interface OrganisationSnapshot {
  units: ReadonlyMap<string, { name: string; kind: OrgUnitKind; parentCode: string | null }>;
  /** Keyed by unit code, role and person id. */
  roles: ReadonlyMap<string, { unitCode: string; role: RoleKind; personName: string; phone: string | null; title: string | null; endedOn: string | null }>;
  /** Keyed by unit code and title. */
  models: ReadonlyMap<string, { unitCode: string; title: string; field: ModelField; status: ModelStatus; startedOn: string | null; description: string | null }>;
}

/** One field of an entity that an import changes. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/**
 * One change an import makes, as the console's preview lists it: a unit added, renamed or moved
 * under another parent, a role given or ended («Ngày thôi giữ vai trò»), a model added or changed.
 */
export interface ImportChange {
  entity: 'unit' | 'role' | 'model';
  kind: 'added' | 'changed' | 'moved' | 'ended';
  unitCode: string;
  /** The unit's name, the person's name or the model's title. */
  subject: string;
  role?: RoleKind;
  fields: FieldChange[];
}

/**
 * The changes between two snapshots of the same units, in a stable order (units, roles, models;
 * each by code), so a preview made by a dry run and the run itself can be compared for equality.
 */
export function diffSnapshots(before: OrganisationSnapshot, after: OrganisationSnapshot): ImportChange[] {
  const changes: ImportChange[] = [];
  for (const [code, now] of sorted(after.units)) {
    const was = before.units.get(code);
    if (!was) {
      changes.push({ entity: 'unit', kind: 'added', unitCode: code, subject: now.name, fields: [{ field: 'parentCode', before: null, after: now.parentCode }] });
      continue;
    }
    if (was.parentCode !== now.parentCode) changes.push({ entity: 'unit', kind: 'moved', unitCode: code, subject: now.name, fields: [{ field: 'parentCode', before: was.parentCode, after: now.parentCode }] });
    const fields = fieldChanges(was, now, ['name', 'kind']);
    if (fields.length > 0) changes.push({ entity: 'unit', kind: 'changed', unitCode: code, subject: now.name, fields });
  }
  for (const [key, now] of sorted(after.roles)) {
    const was = before.roles.get(key);
    const base = { entity: 'role' as const, unitCode: now.unitCode, subject: now.personName, role: now.role };
    if (now.endedOn && !was?.endedOn) changes.push({ ...base, kind: 'ended', fields: [{ field: 'endedOn', before: null, after: now.endedOn }] });
    else if (!was || (was.endedOn && !now.endedOn)) changes.push({ ...base, kind: 'added', fields: fieldChanges({ title: null, phone: null }, now, ['phone', 'title']) });
    else {
      const fields = fieldChanges({ ...was, name: was.personName }, { ...now, name: now.personName }, ['name', 'phone', 'title']);
      if (fields.length > 0) changes.push({ ...base, kind: 'changed', fields });
    }
  }
  for (const [key, now] of sorted(after.models)) {
    const was = before.models.get(key);
    const base = { entity: 'model' as const, unitCode: now.unitCode, subject: now.title };
    if (!was) changes.push({ ...base, kind: 'added', fields: fieldChanges({ field: null, status: null, startedOn: null, description: null }, now, ['field', 'status', 'startedOn', 'description']) });
    else {
      const fields = fieldChanges(was, now, ['field', 'status', 'startedOn', 'description']);
      if (fields.length > 0) changes.push({ ...base, kind: 'changed', fields });
    }
  }
  return changes;
}

/** How many changes of each kind, for the preview's headline. */
export function countChanges(changes: readonly ImportChange[]): Record<ImportChange['kind'], number> {
  const counts = { added: 0, changed: 0, moved: 0, ended: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}

function sorted<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function fieldChanges(was: Record<string, unknown>, now: Record<string, unknown>, keys: readonly string[]): FieldChange[] {
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
  return keys.filter((k) => text(was[k]) !== text(now[k])).map((k) => ({ field: k, before: text(was[k]), after: text(now[k]) }));
}
