import { covers, type ScopeRoot } from '../core/access.js';
import { checkMove, checkRoleGrant } from '../core/admin/organisation-rules.js';
import { FormRefused } from '../core/admin/form-refusal.js';
import type { OrgUnitKind, RoleKind } from '../core/domain.js';
import { NotFoundError } from '../core/errors.js';
import { calendarParts } from '../core/format.js';
import { vi } from '../core/messages/vi.js';
import { isoDate } from '../core/time.js';
import type { Db } from '../storage/client.js';
import {
  cancelPendingNoticesForUnits,
  dissolveSubtree,
  findAdminUnit,
  findAdminUnitByCode,
  insertUnit,
  updateUnitIfVersion,
  type AdminUnit,
} from '../storage/queries/org-unit-admin.js';
import { endSessionsWithoutRole, findOrgPerson, findPersonByPhone, findRole, grantRole, insertPerson, updatePersonIfVersion } from '../storage/queries/people-admin.js';
import { listAccountIdsOf, listRoleHolders } from '../storage/queries/unit-roles.js';
import { endHeldRole } from './roles.js';

/**
 * What an admin does to the organisation from the console (issue 17): units (create, edit,
 * move, stop, restart), people (add, edit) and roles (give, end, transfer). Each use case runs
 * inside the caller's transaction, checks the organisation (a unit or person outside it is not
 * found: 404), refuses bad input with the reason for each field (FormRefused, nothing written),
 * and returns the audit entry's content (before and after) for the caller to record in the same
 * transaction. Ending a role goes through roles.endHeldRole, as the command line and the import do.
 */

const tu = vi.admin.units.errors;
const tp = vi.admin.people.errors;

/** Who acts: their person id and the organisations they administer. */
export interface AdminActor {
  personId: number;
  adminRoots: readonly ScopeRoot[];
}

/** One change for the audit log: what, about which entity and unit, before and after. */
export interface AdminChange {
  action: string;
  entityType: string;
  entityId: number;
  unitId: number | null;
  before: unknown;
  after: unknown;
}

function rootOf(actor: AdminActor, unit: { id: number; path: string }): ScopeRoot | undefined {
  return actor.adminRoots.find((r) => covers(r, unit));
}

/** A unit of the actor's organisation by id; otherwise not found (the page answers 404). */
export async function adminUnit(db: Db, actor: AdminActor, unitId: number): Promise<AdminUnit & { root: ScopeRoot }> {
  const unit = await findAdminUnit(db, unitId);
  const root = unit ? rootOf(actor, unit) : undefined;
  if (!unit || !root) throw new NotFoundError('org unit', String(unitId));
  return { ...unit, root };
}

/** A unit named by code in a form: in the organisation of `root` (any the actor administers when absent), or a refusal on that field. */
async function unitInOrg(db: Db, scope: ScopeRoot | AdminActor, code: string, field: string, message: (code: string) => string): Promise<AdminUnit & { root: ScopeRoot }> {
  const unit = await findAdminUnitByCode(db, code);
  const root = unit ? ('adminRoots' in scope ? rootOf(scope, unit) : covers(scope, unit) ? scope : undefined) : undefined;
  if (!unit || !root) throw new FormRefused({ [field]: message(code) });
  return { ...unit, root };
}

function conflict(): never {
  throw new FormRefused({ _form: vi.admin.versionConflict }, { conflict: true });
}

/** The database refused a move as a cycle (two admins moving at once past the check): the field's reason. */
function isCycle(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const text = `${(e as { constraint?: string }).constraint ?? ''} ${(e as Error).message ?? ''}`;
    if (text.includes('org_units_no_cycle') || text.includes('cycle')) return true;
  }
  return false;
}

/** «Thêm đơn vị» under a parent of the organisation named by its code; the code must be new. */
export async function createUnit(db: Db, actor: AdminActor, p: { code: string; name: string; kind: OrgUnitKind; parentCode: string }): Promise<AdminChange> {
  const parent = await unitInOrg(db, actor, p.parentCode, 'cap-tren', tu.unknownParent);
  if (await findAdminUnitByCode(db, p.code)) throw new FormRefused({ ma: tu.duplicateCode(p.code) });
  const id = await insertUnit(db, { code: p.code, name: p.name, kind: p.kind, parentId: parent.id });
  return { action: 'unit.create', entityType: 'org_unit', entityId: id, unitId: id, before: null, after: { code: p.code, name: p.name, kind: p.kind, parentCode: parent.code } };
}

/** «Đổi tên, loại», if nobody changed the unit since the form was loaded. */
export async function editUnit(db: Db, actor: AdminActor, p: { unitId: number; version: Date | null; name: string; kind: OrgUnitKind }): Promise<AdminChange> {
  const unit = await adminUnit(db, actor, p.unitId);
  if (!p.version || !(await updateUnitIfVersion(db, { id: unit.id, version: p.version, name: p.name, kind: p.kind }))) conflict();
  return { action: 'unit.edit', entityType: 'org_unit', entityId: unit.id, unitId: unit.id, before: { name: unit.name, kind: unit.kind }, after: { name: p.name, kind: p.kind } };
}

/** «Chuyển» a unit (and its subtree) under another unit of the organisation; never into itself. */
export async function moveUnit(db: Db, actor: AdminActor, p: { unitId: number; version: Date | null; parentCode: string }): Promise<AdminChange> {
  const unit = await adminUnit(db, actor, p.unitId);
  const parent = await unitInOrg(db, unit.root, p.parentCode, 'cap-tren', tu.unknownParent);
  const refusal = checkMove(unit, parent);
  if (refusal) throw new FormRefused({ [refusal.field]: refusal.message });
  let moved: boolean;
  try {
    moved = await updateUnitIfVersion(db, { id: unit.id, version: p.version ?? new Date(0), parentId: parent.id });
  } catch (error) {
    if (isCycle(error)) throw new FormRefused({ 'cap-tren': tu.cycle(parent.name, unit.name) });
    throw error;
  }
  if (!p.version || !moved) conflict();
  return { action: 'unit.move', entityType: 'org_unit', entityId: unit.id, unitId: unit.id, before: { parentCode: unit.parentCode }, after: { parentCode: parent.code } };
}

/**
 * «Ngừng hoạt động» from today (in the organisation's zone): the unit stays in history and in the
 * figures of the months before, but is no longer invited, reminded or counted as missing; its
 * waiting notices are cancelled. With `withSubtree`, the units still active under it stop too.
 */
export async function deactivateUnit(
  db: Db,
  actor: AdminActor,
  p: { unitId: number; version: Date | null; withSubtree: boolean; now: Date; timeZone: string },
): Promise<AdminChange & { cancelledNotices: number }> {
  const unit = await adminUnit(db, actor, p.unitId);
  if (unit.dissolvedOn) throw new FormRefused({ _form: tu.alreadyDissolved });
  const day = calendarParts(p.now, p.timeZone);
  const on = isoDate(day.year, day.month, day.day);
  if (!p.version || !(await updateUnitIfVersion(db, { id: unit.id, version: p.version, dissolvedOn: on }))) conflict();
  const below = p.withSubtree ? await dissolveSubtree(db, { unit, on }) : [];
  const cancelledNotices = await cancelPendingNoticesForUnits(db, [unit.id, ...below]);
  return {
    action: 'unit.deactivate',
    entityType: 'org_unit',
    entityId: unit.id,
    unitId: unit.id,
    before: { dissolvedOn: null },
    after: { dissolvedOn: on, ...(below.length > 0 ? { unitsBelow: below.length } : {}) },
    cancelledNotices,
  };
}

/** «Cho hoạt động trở lại»: the unit is invited and reminded again from the next slot. */
export async function reactivateUnit(db: Db, actor: AdminActor, p: { unitId: number; version: Date | null }): Promise<AdminChange> {
  const unit = await adminUnit(db, actor, p.unitId);
  if (!unit.dissolvedOn) throw new FormRefused({ _form: tu.notDissolved });
  if (!p.version || !(await updateUnitIfVersion(db, { id: unit.id, version: p.version, dissolvedOn: null }))) conflict();
  return { action: 'unit.reactivate', entityType: 'org_unit', entityId: unit.id, unitId: unit.id, before: { dissolvedOn: unit.dissolvedOn }, after: { dissolvedOn: null } };
}

/** A person of the actor's organisation (any of their roles there, current or ended); otherwise not found. */
export async function adminPerson(db: Db, actor: AdminActor, personId: number) {
  for (const root of actor.adminRoots) {
    const person = await findOrgPerson(db, { orgPath: root.path, personId });
    if (person) return { ...person, root };
  }
  throw new NotFoundError('person', String(personId));
}

async function refuseTakenPhone(db: Db, root: ScopeRoot, phone: string | null, field: string, self?: number): Promise<void> {
  if (!phone) return;
  const owner = await findPersonByPhone(db, phone);
  if (!owner || owner.id === self) return;
  // The name is told only when that person is in the same organisation.
  const known = await findOrgPerson(db, { orgPath: root.path, personId: owner.id });
  throw new FormRefused({ [field]: known ? tp.phoneTaken(owner.fullName) : tp.phoneTakenElsewhere });
}

/** Gives a role after the rules (unit active, not twice, one secretary): the role's id. */
async function giveRole(db: Db, p: { unit: AdminUnit; personId: number | null; role: RoleKind; title: string | null; createPerson?: () => Promise<number> }): Promise<{ personId: number; roleId: number }> {
  const holders = await listRoleHolders(db, { unitId: p.unit.id, role: p.role });
  const refusal = checkRoleGrant({ role: p.role, personId: p.personId, unitDissolved: p.unit.dissolvedOn !== null, holders });
  if (refusal) throw new FormRefused({ [refusal.field]: refusal.message }, refusal.transferFrom ? { askTransfer: refusal.transferFrom } : {});
  const personId = p.personId ?? (await p.createPerson!());
  const roleId = await grantRole(db, { personId, unitId: p.unit.id, role: p.role, title: p.title });
  return { personId, roleId };
}

/** «Thêm cán bộ»: a new person with a role in a unit of the organisation. */
export async function addPerson(
  db: Db,
  actor: AdminActor,
  p: { fullName: string; phone: string | null; unitCode: string; role: RoleKind; title: string | null },
): Promise<AdminChange> {
  const unit = await unitInOrg(db, actor, p.unitCode, 'don-vi', tp.unknownUnit);
  await refuseTakenPhone(db, unit.root, p.phone, 'dien-thoai');
  const { personId } = await giveRole(db, { unit, personId: null, role: p.role, title: p.title, createPerson: () => insertPerson(db, { fullName: p.fullName, phone: p.phone }) });
  return {
    action: 'person.create',
    entityType: 'person',
    entityId: personId,
    unitId: unit.id,
    before: null,
    after: { fullName: p.fullName, phone: p.phone, role: p.role, unitCode: unit.code, title: p.title },
  };
}

/** «Họ tên, điện thoại», if nobody changed the person since the form was loaded. */
export async function editPerson(db: Db, actor: AdminActor, p: { personId: number; version: Date | null; fullName: string; phone: string | null }): Promise<AdminChange> {
  const person = await adminPerson(db, actor, p.personId);
  await refuseTakenPhone(db, person.root, p.phone, 'dien-thoai', person.id);
  if (!p.version || !(await updatePersonIfVersion(db, { id: person.id, version: p.version, fullName: p.fullName, phone: p.phone }))) conflict();
  return {
    action: 'person.edit',
    entityType: 'person',
    entityId: person.id,
    unitId: null,
    before: { fullName: person.fullName, phone: person.phone },
    after: { fullName: p.fullName, phone: p.phone },
  };
}

/** «Giao vai trò» to a person of the organisation, in a unit of it. */
export async function giveRoleTo(db: Db, actor: AdminActor, p: { personId: number; unitCode: string; role: RoleKind; title: string | null }): Promise<AdminChange> {
  const person = await adminPerson(db, actor, p.personId);
  const unit = await unitInOrg(db, person.root, p.unitCode, 'don-vi', tp.unknownUnit);
  const { roleId } = await giveRole(db, { unit, personId: person.id, role: p.role, title: p.title });
  return { action: 'role.assign', entityType: 'person', entityId: person.id, unitId: unit.id, before: null, after: { roleId, role: p.role, unitCode: unit.code, title: p.title } };
}

/** A current role of the organisation by id; an ended one is refused on the form, another organisation's is not found. */
async function heldRole(db: Db, actor: AdminActor, roleId: number) {
  const role = await findRole(db, roleId);
  const root = role ? rootOf(actor, { id: role.unitId, path: role.unitPath }) : undefined;
  if (!role || !root) throw new NotFoundError('role', String(roleId));
  if (role.endedAt) throw new FormRefused({ _form: tp.alreadyEnded });
  return { ...role, root };
}

/**
 * «Thôi giữ vai trò», at once for every instance (roles.endHeldRole: notices cancelled, the
 * check-in closed kindly and kept for the successor, audited as role.end), and the person's web
 * sessions end when no role is left.
 */
export async function endRoleFromConsole(db: Db, actor: AdminActor, p: { roleId: number; now: Date; audited?: boolean }): Promise<{ personId: number; unitId: number; closedCheckins: number; cancelledNotices: number; endedSessions: number }> {
  const role = await heldRole(db, actor, p.roleId);
  const accountIds = await listAccountIdsOf(db, role.personId);
  const effects = await endHeldRole(db, {
    unit: { id: role.unitId, code: role.unitCode, name: role.unitName },
    role: role.role,
    holder: { roleId: role.roleId, personId: role.personId, accountIds },
    at: p.now,
    now: p.now,
    actor: { actorKind: 'person', actorPersonId: actor.personId },
    ...(p.audited === false ? { audited: false } : {}),
  });
  if (!effects) throw new FormRefused({ _form: tp.alreadyEnded });
  const endedSessions = await endSessionsWithoutRole(db, { personId: role.personId, at: p.now });
  return { personId: role.personId, unitId: role.unitId, ...effects, endedSessions };
}

/**
 * «Chuyển giao»: the role ends for its holder (as «Thôi giữ vai trò») and goes to someone of the
 * organisation or to a new person (name, phone), who continues the unit's report from its answers.
 */
export async function transferRole(
  db: Db,
  actor: AdminActor,
  p: { roleId: number; toPersonId: number | null; newName: string | null; newPhone: string | null; now: Date },
): Promise<AdminChange> {
  const role = await heldRole(db, actor, p.roleId);
  if (p.toPersonId === role.personId) throw new FormRefused({ 'nguoi-nhan': tp.sameSuccessor });
  let toPersonId = p.toPersonId;
  if (toPersonId !== null) {
    const found = await findOrgPerson(db, { orgPath: role.root.path, personId: toPersonId });
    if (!found) throw new FormRefused({ 'nguoi-nhan': tp.unknownPerson });
  } else {
    await refuseTakenPhone(db, role.root, p.newPhone, 'dien-thoai-moi');
  }
  // One entry in the log for the whole transfer (below), not an end and a transfer.
  const ended = await endRoleFromConsole(db, actor, { roleId: role.roleId, now: p.now, audited: false });
  const unit = (await findAdminUnit(db, role.unitId))!;
  const given = await giveRole(db, {
    unit,
    personId: toPersonId,
    role: role.role,
    title: role.title,
    createPerson: () => insertPerson(db, { fullName: p.newName!, phone: p.newPhone }),
  }).catch((error: unknown) => {
    // The successor already holds the role: the refusal names the field of the person picked.
    if (error instanceof FormRefused && error.fields['vai-tro']) throw new FormRefused({ 'nguoi-nhan': error.fields['vai-tro'] });
    throw error;
  });
  toPersonId = given.personId;
  return {
    action: 'role.transfer',
    entityType: 'person',
    entityId: toPersonId,
    unitId: role.unitId,
    before: { personId: role.personId, fullName: role.fullName, role: role.role },
    after: { personId: toPersonId, role: role.role, closedCheckins: ended.closedCheckins, cancelledNotices: ended.cancelledNotices },
  };
}
