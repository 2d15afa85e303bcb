import { and, eq, inArray, isNotNull, isNull, max } from 'drizzle-orm';
import { DEFAULT_QUESTION_SET } from '../core/checkin/question-set.js';
import { playDemoAt, type DemoMonthlyReport } from '../core/demo/demo-history.js';
import { DEMO_UNITS } from '../core/demo/demo-organisation.js';
import { monthlyPeriodDates, reportingMonth } from '../core/schedule.js';
import { isoDate, shiftMonth, zonedInstant } from '../core/time.js';
import type { Database, Transaction } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { upsertModel } from '../storage/queries/models.js';
import { findUnitByCode, upsertUnits } from '../storage/queries/org-units.js';
import { upsertMonthlyPeriod } from '../storage/queries/periods.js';
import { assignRole, findOrCreatePerson } from '../storage/queries/people.js';
import { ensureDefaultQuestionSet } from '../storage/queries/question-sets.js';
import { findRulesForUnitPath } from '../storage/queries/schedules.js';
import { auditLog, channelAccounts, goodDeeds, modelAnswers, models, orgUnits, reports, reportVersions, reviewDeadlines, unitRoles } from '../storage/schema/index.js';

export interface SeedSummary {
  units: number;
  people: number;
  models: number;
  reports: number;
}

/** How many months of history the demo carries at least (the reporting month and six before it). */
const MIN_MONTHS = 7;
const SEED = 2026;
const DEMO_ACTIONS = ['seed-demo', 'demo-top-up'];

/**
 * Loads the real cases of DESIGN.md §3 with history up to the REPORTING month at `now` (the
 * previous month until the period opens, DESIGN.md §6): every month of the reporting year (at
 * least seven), each report sent when a real cell could have sent it (after its period opened;
 * on time, or late), and the reporting month as it stands at `now`: some sent, one begun and not
 * sent, the rest not yet. Returns null, changing nothing, when the demo data is already there.
 */
export async function seedDemo(db: Database, params: { now: Date; timeZone: string }): Promise<SeedSummary | null> {
  const rootCode = DEMO_UNITS[0]!.code;
  if (await findUnitByCode(db, rootCode)) return null;
  return db.transaction(async (tx) => {
    await ensureDefaultQuestionSet(tx, DEFAULT_QUESTION_SET);
    const unitIds = await insertUnits(tx);
    const personIds = new Set<number>();
    let modelCount = 0;
    for (const unit of DEMO_UNITS) {
      const unitId = unitIds.get(unit.code)!;
      for (const p of unit.people) {
        const { person } = await findOrCreatePerson(tx, { fullName: p.fullName, phone: p.phone, unitId });
        personIds.add(person.id);
        await assignRole(tx, { personId: person.id, unitId, role: p.role, title: p.title });
      }
      for (const m of unit.models) {
        await upsertModel(tx, { unitId, ...m, description: m.description ?? null });
        modelCount += 1;
      }
    }
    const played = await playDemo(tx, { since: null, now: params.now, timeZone: params.timeZone });
    await recordAudit(tx, { actorKind: 'system', action: 'seed-demo', entityType: 'organisation', at: params.now });
    return { units: DEMO_UNITS.length, people: personIds.size, models: modelCount, reports: played };
  });
}

/**
 * The demo is seeded once, on the first start; a data directory used again days or months later
 * would show a world stopped on that day. This plays it on to `now`: the months since get their
 * periods, and each demo unit the reports it would have sent since the last play (never for a
 * unit someone has signed in for, never over a report that is there). Returns how many reports
 * were added, or null when the database holds no demo.
 */
export async function topUpDemo(db: Database, params: { now: Date; timeZone: string }): Promise<number | null> {
  if (!(await findUnitByCode(db, DEMO_UNITS[0]!.code))) return null;
  const [last] = await db.select({ at: max(auditLog.at) }).from(auditLog).where(inArray(auditLog.action, DEMO_ACTIONS));
  if (!last?.at) return null;
  const since = new Date(last.at);
  if (since.getTime() >= params.now.getTime()) return 0;
  // Most starts come soon after the last one: nothing to play, so nothing written (start-up stays quick).
  if (!(await demoMovedOn(db, { since, now: params.now, timeZone: params.timeZone }))) return 0;
  return db.transaction(async (tx) => {
    const played = await playDemo(tx, { since, now: params.now, timeZone: params.timeZone });
    await recordAudit(tx, { actorKind: 'system', action: 'demo-top-up', entityType: 'organisation', details: { reports: played }, at: params.now });
    return played;
  });
}

/**
 * Whether playing the demo on from `since` to `now` would change anything: a new reporting month
 * (its period to write), or a report some demo unit would have sent or begun in between. A few
 * small reads; the history itself is computed, not read.
 */
async function demoMovedOn(db: Database, p: { since: Date; now: Date; timeZone: string }): Promise<boolean> {
  const rootOf = rootCodes();
  const roots = await db.select({ code: orgUnits.code, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.code, [...new Set(rootOf.values())]));
  for (const root of roots) {
    const { rules } = await findRulesForUnitPath(db, root.path);
    const units = DEMO_UNITS.filter((u) => rootOf.get(u.code) === root.code);
    const played = playDemoAt({ units, now: p.now, since: p.since, timeZone: p.timeZone, schedule: rules, seed: SEED, minMonths: MIN_MONTHS });
    const before = reportingMonth(p.since, rules, p.timeZone);
    if (played.reports.length > 0 || before.year !== played.reportingMonth.year || before.month !== played.reportingMonth.month) return true;
  }
  return false;
}

/** Writes the demo's periods up to the reporting month and the reports sent in (since, now]. */
async function playDemo(tx: Transaction, p: { since: Date | null; now: Date; timeZone: string }): Promise<number> {
  const questionSet = await ensureDefaultQuestionSet(tx, DEFAULT_QUESTION_SET);
  const unitRows = await tx
    .select({ id: orgUnits.id, code: orgUnits.code, path: orgUnits.path })
    .from(orgUnits)
    .where(inArray(orgUnits.code, DEMO_UNITS.map((u) => u.code)));
  const unitIds = new Map(unitRows.map((u) => [u.code, u.id]));
  const modelRows = await tx
    .select({ id: models.id, unitId: models.unitId, title: models.title })
    .from(models)
    .where(inArray(models.unitId, unitRows.map((u) => u.id)));
  const modelIds = new Map(modelRows.map((m) => [`${m.unitId}\u0000${m.title}`, m.id]));
  const secretaries = new Map(
    (await tx.select({ unitId: unitRoles.unitId, personId: unitRoles.personId }).from(unitRoles).where(and(eq(unitRoles.role, 'secretary'), isNull(unitRoles.endedAt)))).map((r) => [r.unitId, r.personId]),
  );
  // Someone signed in for these units (the terminal try-out, an invitation): their months are theirs.
  const taken = new Set(
    (
      await tx
        .selectDistinct({ unitId: unitRoles.unitId })
        .from(unitRoles)
        .innerJoin(channelAccounts, eq(channelAccounts.personId, unitRoles.personId))
        .where(and(isNotNull(channelAccounts.personId), isNull(unitRoles.endedAt)))
    ).map((r) => r.unitId),
  );

  const rootOf = rootCodes();
  const batch: PlayedReport[] = [];
  for (const root of new Set(rootOf.values())) {
    const rootId = unitIds.get(root);
    const rootPath = unitRows.find((u) => u.code === root)?.path;
    if (rootId === undefined || rootPath === undefined) continue;
    const { rules } = await findRulesForUnitPath(tx, rootPath);
    const units = DEMO_UNITS.filter((u) => rootOf.get(u.code) === root);
    const played = playDemoAt({ units, now: p.now, since: p.since, timeZone: p.timeZone, schedule: rules, seed: SEED, minMonths: MIN_MONTHS });
    const { reportingMonth: current, months } = played;
    const periodIds = new Map<string, number>();
    for (let back = months - 1; back >= 0; back -= 1) {
      const { year, month } = shiftMonth(current, -back);
      const period = await upsertMonthlyPeriod(tx, { scopeUnitId: rootId, ...monthlyPeriodDates(year, month, rules, p.timeZone) });
      periodIds.set(`${year}-${month}`, period.id);
    }
    if (!p.since) await insertReviewDeadlines(tx, rootId, current.year, p.timeZone);

    const existing = new Set(
      (await tx.select({ unitId: reports.unitId, periodId: reports.periodId }).from(reports).where(inArray(reports.periodId, [...periodIds.values()]))).map(
        (r) => `${r.unitId}:${r.periodId}`,
      ),
    );
    for (const report of played.reports) {
      const { at } = report;
      const unitId = unitIds.get(report.unitCode)!;
      const periodId = periodIds.get(`${report.year}-${report.month}`)!;
      if (taken.has(unitId) || existing.has(`${unitId}:${periodId}`)) continue;
      batch.push({ report, unitId, periodId, at, personId: secretaries.get(unitId) ?? null });
    }
  }
  await insertReports(tx, batch, { questionSetId: questionSet.id, modelIds });
  return batch.length;
}

async function insertUnits(tx: Transaction): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const unit of DEMO_UNITS) {
    const written = await upsertUnits(tx, [
      { code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parentCode ? ids.get(unit.parentCode)! : null, dissolvedOn: unit.dissolvedOn ?? null },
    ]);
    for (const [code, id] of written) ids.set(code, id);
  }
  return ids;
}

/** Each demo unit's root (province) code: whose monthly schedule it reports under. */
function rootCodes(): Map<string, string> {
  const parent = new Map(DEMO_UNITS.map((u) => [u.code, u.parentCode]));
  const result = new Map<string, string>();
  for (const unit of DEMO_UNITS) {
    let code = unit.code;
    while (parent.get(code)) code = parent.get(code)!;
    result.set(unit.code, code);
  }
  return result;
}

async function insertReviewDeadlines(tx: Transaction, scopeUnitId: number, year: number, timeZone: string): Promise<void> {
  await tx.insert(reviewDeadlines).values([
    {
      scopeUnitId,
      kind: 'so_ket',
      title: `Sơ kết 6 tháng đầu năm ${year} thực hiện Chỉ thị 05-CT/TW`,
      coversFrom: isoDate(year, 1, 1),
      coversTo: isoDate(year, 6, 30),
      dueAt: zonedInstant({ year, month: 6, day: 20, hour: 17 }, timeZone),
    },
    {
      scopeUnitId,
      kind: 'tong_ket',
      title: `Tổng kết năm ${year} thực hiện Chỉ thị 05-CT/TW và Kết luận 01-KL/TW`,
      coversFrom: isoDate(year, 1, 1),
      coversTo: isoDate(year, 12, 31),
      dueAt: zonedInstant({ year, month: 12, day: 15, hour: 17 }, timeZone),
    },
  ]);
}

interface PlayedReport {
  report: DemoMonthlyReport;
  unitId: number;
  periodId: number;
  at: Date;
  personId: number | null;
}

/** Writes the played reports a table at a time (a few statements, not a few per report: the first start waits on it). */
async function insertReports(tx: Transaction, batch: readonly PlayedReport[], ctx: { questionSetId: number; modelIds: Map<string, number> }): Promise<void> {
  if (batch.length === 0) return;
  const figuresOf = (r: DemoMonthlyReport) => ({
    noActivity: r.noActivity,
    meetingsHeld: r.meetingsHeld,
    membersPresent: r.membersPresent,
    membersTotal: r.membersTotal,
    themedSessionHeld: r.themedSessionHeld,
    themedSessionSubject: r.themedSessionSubject,
    difficulties: r.difficulties,
    proposals: r.proposals,
  });
  const rows = batch.map(({ report: r, unitId, periodId, at, personId }) =>
    r.status === 'draft'
      ? // Begun, not sent: the first answers are kept on the draft (what makes it "đang làm dở").
        { unitId, periodId, questionSetId: ctx.questionSetId, status: 'draft' as const, version: 0, answers: { meetingsHeld: r.meetingsHeld, attendance: { present: r.membersPresent, total: r.membersTotal } }, createdAt: at, updatedAt: at }
      : { unitId, periodId, questionSetId: ctx.questionSetId, status: 'submitted' as const, version: 1, submittedAt: at, submittedByPersonId: personId, createdAt: at, updatedAt: at, ...figuresOf(r) },
  );
  const inserted = await tx.insert(reports).values(rows).returning({ id: reports.id, unitId: reports.unitId, periodId: reports.periodId });
  const idOf = new Map(inserted.map((r) => [`${r.unitId}:${r.periodId}`, r.id]));
  const sent = batch.filter((b) => b.report.status === 'submitted').map((b) => ({ ...b, reportId: idOf.get(`${b.unitId}:${b.periodId}`)! }));
  const answers = sent.flatMap(({ report: r, unitId, reportId }) =>
    r.models.map((m) => ({
      reportId,
      modelId: ctx.modelIds.get(`${unitId}\u0000${m.modelTitle}`)!,
      activities: m.activities,
      participants: m.participants,
      progress: m.progress,
      results: m.results,
      difficulties: m.difficulties,
    })),
  );
  if (answers.length > 0) await tx.insert(modelAnswers).values(answers);
  const deeds = sent.flatMap(({ report: r, reportId }) => r.goodDeeds.map((g) => ({ reportId, ...g })));
  if (deeds.length > 0) await tx.insert(goodDeeds).values(deeds);
  // A play may add only a begun draft (the first hour after a period opened): nothing sent, no version.
  if (sent.length === 0) return;
  await tx.insert(reportVersions).values(
    sent.map(({ report: r, reportId, at, personId }) => ({
      reportId,
      version: 1,
      snapshot: { ...figuresOf(r), models: r.models, goodDeeds: r.goodDeeds },
      editedByPersonId: personId,
      createdAt: at,
    })),
  );
}
