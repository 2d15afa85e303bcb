import { ValidationError, type ValidationIssue } from '../errors.js';
import { vi } from '../messages/vi.js';
import type { ImportedUnit, ImportPlan } from './parse-import.js';

/**
 * Checks an import plan against the units already stored (code → parent code): every parent and
 * every unit a person or model names must exist in the file or the database, and the merged
 * tree must have no cycle. Returns the file's units ordered parents first, ready to write.
 */
export function orderImportAgainstTree(
  plan: ImportPlan,
  existing: ReadonlyMap<string, string | null>,
): ImportedUnit[] {
  const { ordered, issues } = planTree(plan, existing);
  if (issues.length > 0) throw new ValidationError(vi.import.failed(issues.length), issues);
  return ordered;
}

/**
 * The same check without throwing: the ordered units and the problems found. When people or
 * models name only units that neither the file nor the database has (the file has no units),
 * the last issue says to import the units first (the usual mistake: files in the wrong order).
 */
export function planTree(
  plan: ImportPlan,
  existing: ReadonlyMap<string, string | null>,
): { ordered: ImportedUnit[]; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const parentOf = new Map(existing);
  for (const unit of plan.units) parentOf.set(unit.code, unit.parentCode);
  const known = (code: string) => parentOf.has(code);

  for (const unit of plan.units) {
    if (unit.parentCode && !known(unit.parentCode)) {
      issues.push({ sheet: unit.sheet, row: unit.row, column: 'Mã đơn vị cấp trên', message: vi.import.unknownParent(unit.parentCode) });
    }
  }
  for (const row of [...plan.people, ...plan.models]) {
    if (!known(row.unitCode)) issues.push({ sheet: row.sheet, row: row.row, column: 'Mã đơn vị', message: vi.import.unknownUnit(row.unitCode) });
  }

  const depth = new Map<string, number>();
  const reported = new Set<string>();
  for (const unit of plan.units) {
    const cycle = measureDepth(unit.code, parentOf, depth);
    if (cycle && !cycle.some((code) => reported.has(code))) {
      cycle.forEach((code) => reported.add(code));
      issues.push({ sheet: unit.sheet, row: unit.row, column: 'Mã đơn vị cấp trên', message: vi.import.cycle(cycle) });
    }
  }
  const ordered = [...plan.units].sort((a, b) => (depth.get(a.code) ?? 0) - (depth.get(b.code) ?? 0) || a.row - b.row);
  const rows = [...plan.people, ...plan.models];
  if (plan.units.length === 0 && rows.length > 0 && rows.every((row) => !known(row.unitCode))) issues.push({ message: vi.import.importUnitsFirst });
  return { ordered, issues };
}

/** Fills `depth` for `code` and its ancestors; returns the cycle (as codes) if the walk loops. */
function measureDepth(code: string, parentOf: ReadonlyMap<string, string | null>, depth: Map<string, number>): string[] | null {
  const chain: string[] = [];
  const seen = new Set<string>();
  let current: string | null | undefined = code;
  while (current && !depth.has(current)) {
    if (seen.has(current)) {
      const start = chain.indexOf(current);
      return [...chain.slice(start), current];
    }
    seen.add(current);
    chain.push(current);
    current = parentOf.get(current) ?? null;
  }
  let base = current ? (depth.get(current) ?? 0) : -1;
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    base += 1;
    depth.set(chain[i]!, base);
  }
  return null;
}
