import type { RoleKind } from './domain.js';

/** A role a person holds, with the unit it is held in (as listRolesOfPerson returns it). */
export interface HeldRole {
  role: RoleKind;
  unitId: number;
  unitName: string;
  unitCode: string;
  unitPath: string;
}

/**
 * One part of what a person may see: a unit, with its whole subtree (a leader; an admin, from
 * the root of the organisation) or alone (a secretary or deputy). The same rule as exports
 * (resolveExportScope) and /donvi, written once for the web console.
 */
export interface ScopeRoot {
  unitId: number;
  path: string;
  subtree: boolean;
  role: RoleKind;
}

/**
 * The scope roots of a person's current roles, widest first, without one that another already
 * covers (a leader of a province who is also secretary of a cell in it sees the province).
 * An admin sees their organisation: the tree their unit belongs to, from its root.
 */
export function scopeRootsOf(roles: readonly HeldRole[]): ScopeRoot[] {
  const roots = roles.map((r): ScopeRoot => {
    if (r.role === 'admin') {
      const top = Number(r.unitPath.split('/')[1]);
      return { unitId: top, path: `/${top}/`, subtree: true, role: 'admin' };
    }
    return { unitId: r.unitId, path: r.unitPath, subtree: r.role === 'leader', role: r.role };
  });
  roots.sort((a, b) => Number(b.subtree) - Number(a.subtree) || a.path.length - b.path.length || a.path.localeCompare(b.path));
  const kept: ScopeRoot[] = [];
  for (const root of roots) {
    if (!kept.some((k) => covers(k, { id: root.unitId, path: root.path }))) kept.push(root);
  }
  return kept;
}

/**
 * The organisations a person administers: the root of each admin role's tree. The admin pages
 * act only inside these (a leader who is also an admin elsewhere sees more than they run).
 */
export function adminRootsOf(roles: readonly HeldRole[]): ScopeRoot[] {
  const tops = [...new Set(roles.filter((r) => r.role === 'admin').map((r) => Number(r.unitPath.split('/')[1])))];
  return tops.map((top) => ({ unitId: top, path: `/${top}/`, subtree: true, role: 'admin' }));
}

/** Whether one scope root covers a unit (by its materialised path "/1/7/42/"). */
export function covers(root: ScopeRoot, unit: { id: number; path: string }): boolean {
  return root.subtree ? unit.path.startsWith(root.path) : unit.id === root.unitId;
}

/** The scope root that lets a person see a unit, widest first; undefined: outside their scope. */
export function scopeCovering(roots: readonly ScopeRoot[], unit: { id: number; path: string }): ScopeRoot | undefined {
  return roots.find((r) => covers(r, unit));
}

/**
 * Who may review a unit's report (DESIGN.md §11): an admin of its organisation, or a leader of
 * the nearest unit above it that has a leader (`nearestLeaderUnitId`, read from the tree by the
 * caller; null when no unit above has one). A leader further up, or one of the unit itself,
 * sees the report but does not review it. Built on the same scope rule as every list.
 */
export function reviewerRoleOf(roles: readonly HeldRole[], unit: { id: number; path: string }, nearestLeaderUnitId: number | null): 'leader' | 'admin' | null {
  const rootOf = (r: HeldRole) => scopeRootsOf([r])[0]!;
  if (roles.some((r) => r.role === 'admin' && covers(rootOf(r), unit))) return 'admin';
  const leads = roles.some((r) => r.role === 'leader' && r.unitId === nearestLeaderUnitId && r.unitId !== unit.id && covers(rootOf(r), unit));
  return leads ? 'leader' : null;
}
