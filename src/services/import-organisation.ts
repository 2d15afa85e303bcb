import { ValidationError } from '../core/errors.js';
import { compareIssues, readImport, type DuplicateRow, type TabularSheet } from '../core/import/parse-import.js';
import { planTree } from '../core/import/plan-tree.js';
import { vi } from '../core/messages/vi.js';
import type { Db } from '../storage/client.js';
import { recordAudit, type AuditEntry } from '../storage/queries/audit.js';
import { snapshotUnits } from '../storage/queries/organisation-snapshot.js';
import { diffSnapshots, type ImportChange } from '../core/import/import-changes.js';
import type { ValidationIssue } from '../core/errors.js';
import { upsertModel } from '../storage/queries/models.js';
import { fingerprintOrganisation, findUnitIdsByCodes, listUnitParents, upsertUnits } from '../storage/queries/org-units.js';
import { assignRole, findOrCreatePerson } from '../storage/queries/people.js';
import { findUnitRole, listAccountIdsOf } from '../storage/queries/unit-roles.js';
import { IMPORT_COLUMNS } from '../core/import/columns.js';
import { calendarParts } from '../core/format.js';
import { isoDate, zonedInstant } from '../core/time.js';
import { endHeldRole } from './roles.js';

export interface ImportSummary {
  units: number;
  people: number;
  roles: number;
  models: number;
  /** Rows identical to an earlier row of their sheet, skipped. */
  duplicates: DuplicateRow[];
  /** Whether the database differs from before (false: the file was already imported as it is). */
  changed: boolean;
  /** What the import changed in the file's units (a dry run: what it would change), in a stable order. */
  changes: ImportChange[];
}

/** Who imports (the command line, or an admin in the console) and, for an admin, where they may. */
export interface ImportActor {
  actor?: Pick<AuditEntry, 'actorKind' | 'actorPersonId'>;
  /** The admin's organisations (materialised paths): a file touching a unit outside them is refused. */
  withinPaths?: readonly string[];
}

/**
 * Loads units, people and models from an organisation's own spreadsheets. All of the file is
 * checked first and then written in one transaction: a file with any bad row changes nothing,
 * and importing the same file again changes nothing either (rows are matched by code, phone or title).
 */
export async function importOrganisation(
  db: Db,
  sheets: readonly TabularSheet[],
  options: { fileName: string; dryRun?: boolean; now: Date; timeZone: string } & ImportActor,
): Promise<ImportSummary> {
  const actor = options.actor ?? { actorKind: 'cli' as const };
  const { plan, issues: rowIssues, duplicates } = readImport(sheets);
  // A role cannot have ended on a day that has not come yet.
  const today = localIsoDate(options.now, options.timeZone);
  for (const person of plan.people) {
    if (person.endedOn && person.endedOn > today) {
      rowIssues.push({ row: person.row, ...(person.sheet ? { sheet: person.sheet } : {}), column: ENDED_ON_LABEL, message: vi.import.endedInFuture(person.endedOn) });
    }
  }
  return db.transaction(async (tx) => {
    const { ordered: orderedUnits, issues: treeIssues } = planTree(plan, await listUnitParents(tx));
    // Problems in file order; one without a place (a hint) goes last.
    const issues = [...rowIssues, ...treeIssues].sort((a, b) => Number(a.row === undefined) - Number(b.row === undefined) || compareIssues(a, b));
    if (issues.length > 0) throw new ValidationError(vi.import.failed(issues.length), issues, { file: options.fileName });
    const neededCodes = new Set<string>([
      ...orderedUnits.flatMap((u) => (u.parentCode ? [u.parentCode] : [])),
      ...plan.people.map((p) => p.unitCode),
      ...plan.models.map((m) => m.unitCode),
    ]);
    const ids = await findUnitIdsByCodes(tx, [...neededCodes]);
    const unitNames = new Map(orderedUnits.map((u) => [u.code, u.name]));
    const before = await fingerprintOrganisation(tx);
    const fileCodes = [...plan.units.map((u) => u.code), ...neededCodes];
    const snapshotBefore = await snapshotUnits(tx, fileCodes, options.timeZone);

    // Units go in depth by depth, so each level's parents already have ids.
    let level: typeof orderedUnits = [];
    const flush = async () => {
      const written = await upsertUnits(
        tx,
        level.map((u) => ({ code: u.code, name: u.name, kind: u.kind, parentId: u.parentCode ? ids.get(u.parentCode)! : null })),
      );
      for (const [code, id] of written) ids.set(code, id);
      level = [];
    };
    for (const unit of orderedUnits) {
      if (unit.parentCode && !ids.has(unit.parentCode)) await flush();
      level.push(unit);
    }
    await flush();

    const personIds = new Set<number>();
    for (const row of plan.people) {
      const unitId = ids.get(row.unitCode)!;
      const { person } = await findOrCreatePerson(tx, { fullName: row.fullName, phone: row.phone, unitId });
      personIds.add(person.id);
      const stored = row.endedOn ? await findUnitRole(tx, { personId: person.id, unitId, role: row.role }) : undefined;
      // A role the file says has ended: an active one ends (with what that does), an ended one stays as it is.
      if (stored?.endedAt) continue;
      if (!stored) await assignRole(tx, { personId: person.id, unitId, role: row.role, title: row.title });
      if (row.endedOn) {
        const [year, month, day] = row.endedOn.split('-').map(Number) as [number, number, number];
        const roleId = stored?.roleId ?? (await findUnitRole(tx, { personId: person.id, unitId, role: row.role }))!.roleId;
        await endHeldRole(tx, {
          unit: { id: unitId, code: row.unitCode, name: unitNames.get(row.unitCode) ?? row.unitCode },
          role: row.role,
          holder: { roleId, personId: person.id, accountIds: await listAccountIdsOf(tx, person.id) },
          at: zonedInstant({ year, month, day }, options.timeZone),
          now: options.now,
          actor,
        });
      }
    }
    for (const row of plan.models) {
      await upsertModel(tx, {
        unitId: ids.get(row.unitCode)!,
        title: row.title,
        field: row.field,
        startedOn: row.startedOn,
        status: row.status,
        description: row.description,
      });
    }
    const changed = (await fingerprintOrganisation(tx)) !== before;
    const snapshotAfter = await snapshotUnits(tx, fileCodes, options.timeZone);
    if (options.withinPaths) {
      const outside = outsideIssues(plan, options.withinPaths, [snapshotBefore.paths, snapshotAfter.paths]);
      if (outside.length > 0) throw new ValidationError(vi.import.failed(outside.length), outside, { file: options.fileName });
    }
    const changes = diffSnapshots(snapshotBefore, snapshotAfter);
    const counts = { units: orderedUnits.length, people: personIds.size, roles: plan.people.length, models: plan.models.length };
    const summary = { ...counts, duplicates, changed, changes };
    await recordAudit(tx, {
      ...actor, action: 'import', entityType: 'organisation',
      details: { file: options.fileName, ...counts, duplicateRows: duplicates.length, changed, changeCount: changes.length },
      at: options.now,
    });
    // A dry run does all the work, then throws it away.
    if (options.dryRun) throw new DryRunFinished(summary);
    return summary;
  }).catch((error: unknown) => {
    if (error instanceof DryRunFinished) return error.summary;
    throw error;
  });
}

class DryRunFinished extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run finished');
  }
}

/**
 * The rows that name a unit outside the admin's organisations, before or after the import (a
 * unit moved out of it, or into it from another): each refused with its place in the file.
 */
function outsideIssues(
  plan: ReturnType<typeof readImport>['plan'],
  withinPaths: readonly string[],
  pathMaps: readonly ReadonlyMap<string, { path: string }>[],
): ValidationIssue[] {
  const inside = (code: string) => pathMaps.every((paths) => {
    const unit = paths.get(code);
    return !unit || withinPaths.some((root) => unit.path.startsWith(root));
  });
  const issues: ValidationIssue[] = [];
  const where = (row: { row: number; sheet?: string }) => ({ row: row.row, ...(row.sheet ? { sheet: row.sheet } : {}) });
  for (const unit of plan.units) if (!inside(unit.code)) issues.push({ ...where(unit), column: 'Mã đơn vị', message: vi.admin.import.outsideOrganisation(unit.code) });
  for (const row of [...plan.people, ...plan.models]) if (!inside(row.unitCode)) issues.push({ ...where(row), column: 'Mã đơn vị', message: vi.admin.import.outsideOrganisation(row.unitCode) });
  return issues.sort(compareIssues);
}

const ENDED_ON_LABEL = IMPORT_COLUMNS.people.find((c) => c.key === 'endedOn')!.label;

function localIsoDate(instant: Date, timeZone: string): string {
  const { year, month, day } = calendarParts(instant, timeZone);
  return isoDate(year, month, day);
}
