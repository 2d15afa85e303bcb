import { DEFAULT_QUESTION_SET } from '../core/checkin/question-set.js';
import { generateDemoHistory, type DemoMonthlyReport } from '../core/demo/demo-history.js';
import { DEMO_UNITS } from '../core/demo/demo-organisation.js';
import { calendarParts } from '../core/format.js';
import { DEFAULT_MONTHLY_SCHEDULE, monthlyPeriodDates } from '../core/schedule.js';
import { isoDate, shiftMonth, zonedInstant } from '../core/time.js';
import type { Database, Transaction } from '../storage/client.js';
import { recordAudit } from '../storage/queries/audit.js';
import { upsertModel } from '../storage/queries/models.js';
import { findUnitByCode, upsertUnits } from '../storage/queries/org-units.js';
import { upsertMonthlyPeriod } from '../storage/queries/periods.js';
import { assignRole, findOrCreatePerson } from '../storage/queries/people.js';
import { ensureDefaultQuestionSet } from '../storage/queries/question-sets.js';
import { goodDeeds, modelAnswers, reports, reportVersions, reviewDeadlines } from '../storage/schema/index.js';

export interface SeedSummary {
  units: number;
  people: number;
  models: number;
  reports: number;
}

/** How many past months of history the demo carries, besides the current one. */
const HISTORY_MONTHS = 6;

/**
 * Loads the real cases of DESIGN.md §3 with six months of plausible reports before `now` and
 * the current month partly answered, so digests and exports have something to show on a first
 * run. Returns null, changing nothing, when the demo data is already there.
 */
export async function seedDemo(db: Database, params: { now: Date; timeZone: string }): Promise<SeedSummary | null> {
  const rootCode = DEMO_UNITS[0]!.code;
  if (await findUnitByCode(db, rootCode)) return null;
  return db.transaction(async (tx) => {
    const questionSet = await ensureDefaultQuestionSet(tx, DEFAULT_QUESTION_SET);
    const unitIds = await insertUnits(tx);
    const personIds = new Set<number>();
    const modelIds = new Map<string, number>();
    for (const unit of DEMO_UNITS) {
      const unitId = unitIds.get(unit.code)!;
      for (const p of unit.people) {
        const { person } = await findOrCreatePerson(tx, { fullName: p.fullName, phone: p.phone, unitId });
        personIds.add(person.id);
        await assignRole(tx, { personId: person.id, unitId, role: p.role, title: p.title });
      }
      for (const m of unit.models) {
        const model = await upsertModel(tx, { unitId, ...m, description: m.description ?? null });
        modelIds.set(`${unit.code}\u0000${m.title}`, model.id);
      }
    }

    const today = calendarParts(params.now, params.timeZone);
    const current = { year: today.year, month: today.month };
    const rootOf = rootCodes();
    const periodIds = new Map<string, number>();
    for (const root of new Set(rootOf.values())) {
      for (let back = HISTORY_MONTHS; back >= 0; back -= 1) {
        const { year, month } = shiftMonth(current, -back);
        const dates = monthlyPeriodDates(year, month, DEFAULT_MONTHLY_SCHEDULE, params.timeZone);
        const period = await upsertMonthlyPeriod(tx, { scopeUnitId: unitIds.get(root)!, ...dates });
        periodIds.set(`${root}\u0000${year}-${month}`, period.id);
      }
      await insertReviewDeadlines(tx, unitIds.get(root)!, current.year, params.timeZone);
    }

    const history = generateDemoHistory({ units: DEMO_UNITS, lastMonth: current, months: HISTORY_MONTHS + 1, seed: 2026 })
      // This month: only what would have been sent by today.
      .filter((r) => r.year !== current.year || r.month !== current.month || r.submittedOnDay < today.day);
    for (const report of history) {
      const periodId = periodIds.get(`${rootOf.get(report.unitCode)}\u0000${report.year}-${report.month}`)!;
      await insertReport(tx, report, {
        unitId: unitIds.get(report.unitCode)!,
        periodId,
        questionSetId: questionSet.id,
        modelIds,
        timeZone: params.timeZone,
      });
    }
    await recordAudit(tx, { actorKind: 'system', action: 'seed-demo', entityType: 'organisation', at: params.now });
    return { units: DEMO_UNITS.length, people: personIds.size, models: modelIds.size, reports: history.length };
  });
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

async function insertReport(
  tx: Transaction,
  r: DemoMonthlyReport,
  ctx: { unitId: number; periodId: number; questionSetId: number; modelIds: Map<string, number>; timeZone: string },
): Promise<void> {
  const submittedAt = zonedInstant({ year: r.year, month: r.month, day: r.submittedOnDay, hour: 9 + (r.submittedOnDay % 10) }, ctx.timeZone);
  const figures = {
    noActivity: r.noActivity,
    meetingsHeld: r.meetingsHeld,
    membersPresent: r.membersPresent,
    membersTotal: r.membersTotal,
    themedSessionHeld: r.themedSessionHeld,
    themedSessionSubject: r.themedSessionSubject,
    difficulties: r.difficulties,
    proposals: r.proposals,
  };
  const [report] = await tx
    .insert(reports)
    .values({ unitId: ctx.unitId, periodId: ctx.periodId, questionSetId: ctx.questionSetId, status: 'submitted', version: 1, submittedAt, createdAt: submittedAt, updatedAt: submittedAt, ...figures })
    .returning({ id: reports.id });
  const reportId = report!.id;
  if (r.models.length > 0) {
    await tx.insert(modelAnswers).values(
      r.models.map((m) => ({
        reportId,
        modelId: ctx.modelIds.get(`${r.unitCode}\u0000${m.modelTitle}`)!,
        activities: m.activities,
        participants: m.participants,
        progress: m.progress,
        results: m.results,
        difficulties: m.difficulties,
      })),
    );
  }
  if (r.goodDeeds.length > 0) await tx.insert(goodDeeds).values(r.goodDeeds.map((g) => ({ reportId, ...g })));
  await tx.insert(reportVersions).values({
    reportId,
    version: 1,
    snapshot: { ...figures, models: r.models, goodDeeds: r.goodDeeds },
    createdAt: submittedAt,
  });
}

