import { ValidationError } from '../core/errors.js';
import { compareIssues, readImport, type DuplicateRow, type TabularSheet } from '../core/import/parse-import.js';
import { planTree } from '../core/import/plan-tree.js';
import { vi } from '../core/messages/vi.js';
import type { Database } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
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
}

/**
 * Loads units, people and models from an organisation's own spreadsheets. All of the file is
 * checked first and then written in one transaction: a file with any bad row changes nothing,
 * and importing the same file again changes nothing either (rows are matched by code, phone or title).
 */
export async function importOrganisation(
  db: Database,
  sheets: readonly TabularSheet[],
  options: { fileName: string; dryRun?: boolean; now: Date; timeZone: string },
): Promise<ImportSummary> {
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
          actor: { actorKind: 'cli' },
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
    const counts = { units: orderedUnits.length, people: personIds.size, roles: plan.people.length, models: plan.models.length };
    const summary = { ...counts, duplicates, changed };
    await recordAudit(tx, {
      actorKind: 'cli', action: 'import', entityType: 'organisation',
      details: { file: options.fileName, ...counts, duplicateRows: duplicates.length, changed },
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

const ENDED_ON_LABEL = IMPORT_COLUMNS.people.find((c) => c.key === 'endedOn')!.label;

function localIsoDate(instant: Date, timeZone: string): string {
  const { year, month, day } = calendarParts(instant, timeZone);
  return isoDate(year, month, day);
}
