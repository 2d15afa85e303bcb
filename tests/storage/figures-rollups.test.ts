import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET } from '../../src/core/checkin/question-set.js';
import type { ReportFigures } from '../../src/core/checkin/report-figures.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { ensureDefaultQuestionSet } from '../../src/storage/queries/question-sets.js';
import { ensureDraftReport, submitReport } from '../../src/storage/queries/reports.js';
import * as t from '../../src/storage/schema/index.js';
import { upsertUnits } from '../../src/storage/queries/org-units.js';
import { createTestDatabase, testEngine } from '../helpers/database.js';

/**
 * The figures roll-ups (migration 0005) are derived data kept by triggers. Whatever happens to
 * reports, answers, models, periods and the tree, they must equal what figures_rebuild()
 * computes from scratch: each test makes a change and compares the two.
 */

let handle: DatabaseHandle;
const ids: Record<string, number> = {};
let questionSetId: number;

async function unit(code: string, parent: string | null, kind: 'tinh' | 'xa' | 'chi_bo' = 'chi_bo') {
  const [row] = await handle.db
    .insert(t.orgUnits)
    .values({ code, name: `Đơn vị ${code}`, kind, parentId: parent ? ids[parent]! : null })
    .returning();
  ids[code] = row!.id;
}

async function model(key: string, unitCode: string) {
  const [row] = await handle.db.insert(t.models).values({ unitId: ids[unitCode]!, title: `Mô hình ${key}`, startedOn: '2024-01-01' }).returning();
  ids[key] = row!.id;
}

async function period(scope: string, month: string) {
  const [row] = await handle.db
    .insert(t.periods)
    .values({ scopeUnitId: ids[scope]!, startsOn: month, endsOn: `${month.slice(0, 8)}28`, opensAt: new Date(`${month.slice(0, 8)}20T01:00:00Z`), dueAt: new Date(`${month.slice(0, 8)}25T10:00:00Z`) })
    .returning();
  ids[`${scope} ${month}`] = row!.id;
}

async function send(unitCode: string, periodKey: string, at: string, f: Partial<ReportFigures>, modelKeys: string[] = []): Promise<number> {
  const report = await ensureDraftReport(handle.db, { unitId: ids[unitCode]!, periodId: ids[periodKey]!, questionSetId });
  const figures: ReportFigures = {
    noActivity: false, meetingsHeld: 1, membersPresent: 10, membersTotal: 12, themedSessionHeld: null, themedSessionSubject: null,
    difficulties: null, proposals: null, goodDeeds: [],
    models: modelKeys.map((k, i) => ({ modelId: ids[k]!, activities: i, participants: 10 * i, progress: null, results: null, difficulties: i === 0 ? 'Khó' : null, photos: [] })),
    answers: {}, ...f,
  };
  await handle.db.transaction((tx) => submitReport(tx, { reportId: report.id, figures, personId: null, channel: 'telegram', at: new Date(at) }));
  return report.id;
}

const TABLES = {
  unit_month_figures: 'unit_id, month',
  subtree_month_figures: 'unit_id, month',
  subtree_reporting_units: 'unit_id, dissolved_on',
  subtree_active_models: 'unit_id, started_on',
  model_month_activity: 'model_id, month, unit_id',
} as const;

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) out[table] = await queryRows(handle.db, sql.raw(`select * from ${table} order by ${order}`));
  out.active_models = await queryRows(handle.db, sql`select id, active_models from org_units order by id`);
  out.models_lagging = await queryRows(handle.db, sql`select id, unit_path, last_active_month::text from models order by id`);
  return out;
}

/** The triggers' state equals a rebuild's, and it is not empty (the test would prove nothing). */
async function expectConsistent() {
  const kept = await snapshot();
  await handle.db.execute(sql`select figures_rebuild()`);
  const rebuilt = await snapshot();
  expect(kept).toEqual(rebuilt);
  return kept;
}

beforeEach(async () => {
  handle = await createTestDatabase();
  questionSetId = (await ensureDefaultQuestionSet(handle.db, DEFAULT_QUESTION_SET)).id;
  await unit('T', null, 'tinh');
  await unit('T.H', 'T', 'xa');
  await unit('T.H.X', 'T.H', 'xa');
  await unit('T.H.X.A', 'T.H.X');
  await unit('T.H.X.B', 'T.H.X');
  await unit('T.Y', 'T', 'xa');
  await unit('T.Y.C', 'T.Y');
  await model('a1', 'T.H.X.A');
  await model('a2', 'T.H.X.A');
  await model('b1', 'T.H.X.B');
  await model('c1', 'T.Y.C');
  await period('T', '2026-10-01');
  await period('T', '2026-11-01');
  await send('T.H.X.A', 'T 2026-10-01', '2026-10-21T00:00:00Z', { difficulties: 'Thiếu vốn' }, ['a1', 'a2']);
  await send('T.H.X.B', 'T 2026-10-01', '2026-10-27T00:00:00Z', { membersPresent: null }, ['b1']);
  await send('T.H.X.A', 'T 2026-11-01', '2026-11-21T00:00:00Z', { proposals: 'Đề nghị' }, ['a1', 'a2']);
  await send('T.Y.C', 'T 2026-11-01', '2026-11-22T00:00:00Z', {}, ['c1']);
});
afterEach(async () => {
  await handle.close();
});

describe('the figures roll-ups', () => {
  it('follow submissions, and add up a subtree at every ancestor', async () => {
    const s = await expectConsistent();
    const root = (s.subtree_month_figures as { unit_id: number; month: string | Date; reports: number; raised: number }[]).filter((r) => r.unit_id === ids.T);
    // October: A's difficulty and a1's, B's b1; November: A's proposal and a1's difficulty, C's c1.
    expect(root.map((r) => [r.reports, r.raised])).toEqual([
      [2, 3],
      [2, 3],
    ]);
    expect((s.subtree_reporting_units as { unit_id: number; units: number }[]).find((r) => r.unit_id === ids.T)?.units).toBe(3);
    // a1 (activities 0 in every report) was never active; a2 was active in October and November.
    const lagging = s.models_lagging as { id: number; unit_path: string; last_active_month: string | null }[];
    expect(lagging.find((r) => r.id === ids.a1)?.last_active_month).toBeNull();
    expect(lagging.find((r) => r.id === ids.a2)?.last_active_month).toBe('2026-11-01');
    expect(lagging.find((r) => r.id === ids.a2)?.unit_path).toBe(`/${ids.T}/${ids['T.H']}/${ids['T.H.X']}/${ids['T.H.X.A']}/`);
  });

  it('follow an edit, a late re-send, a draft and a deleted report', async () => {
    await send('T.H.X.A', 'T 2026-11-01', '2026-11-26T00:00:00Z', { meetingsHeld: 3, proposals: null }, ['a1']);
    await ensureDraftReport(handle.db, { unitId: ids['T.H.X.B']!, periodId: ids['T 2026-11-01']!, questionSetId });
    await expectConsistent();
    await handle.db.delete(t.reports).where(eq(t.reports.unitId, ids['T.Y.C']!));
    await handle.db.update(t.modelAnswers).set({ activities: 0 }).where(eq(t.modelAnswers.modelId, ids.a1!));
    await expectConsistent();
  });

  it('follow models paused and added, and a unit dissolved', async () => {
    await handle.db.update(t.models).set({ status: 'paused' }).where(eq(t.models.unitId, ids['T.H.X.A']!));
    await model('y1', 'T.Y');
    await handle.db.update(t.orgUnits).set({ dissolvedOn: '2026-10-15' }).where(eq(t.orgUnits.id, ids['T.H.X.B']!));
    const s = await expectConsistent();
    expect((s.active_models as { id: number; active_models: number }[]).find((r) => r.id === ids['T.H.X.A'])?.active_models).toBe(0);
    await handle.db.delete(t.models).where(eq(t.models.id, ids.b1!));
    await expectConsistent();
    await handle.db.update(t.models).set({ startedOn: '2026-11-01' }).where(eq(t.models.id, ids.c1!));
    await handle.db.update(t.models).set({ startedOn: null }).where(eq(t.models.id, ids.a1!));
    await handle.db.update(t.models).set({ unitId: ids['T.Y.C']! }).where(eq(t.models.id, ids.a2!));
    await expectConsistent();
  });

  it('follow a unit moved to another parent (the huyện abolished), and a unit deleted', async () => {
    await handle.db.update(t.orgUnits).set({ parentId: ids.T! }).where(eq(t.orgUnits.id, ids['T.H.X']!));
    const moved = await expectConsistent();
    const paths = moved.models_lagging as { id: number; unit_path: string }[];
    expect(paths.find((r) => r.id === ids.b1)?.unit_path).toBe(`/${ids.T}/${ids['T.H.X']}/${ids['T.H.X.B']}/`);
    await handle.db.update(t.orgUnits).set({ parentId: ids['T.Y']! }).where(eq(t.orgUnits.id, ids['T.H.X']!));
    await expectConsistent();
    await handle.db.delete(t.orgUnits).where(eq(t.orgUnits.id, ids['T.Y.C']!));
    const s = await expectConsistent();
    expect((s.unit_month_figures as { unit_id: number }[]).some((r) => r.unit_id === ids['T.Y.C'])).toBe(false);
  });

  it('follow two moves in one statement (an import: a huyện moved, and a chi bộ moved under its commune)', async () => {
    // As importOrganisation writes a level: one upsert. T.H goes under T.Y; T.Y.C goes under
    // T.H.X, which is not in the file and moves with T.H later in the same statement.
    await upsertUnits(handle.db, [
      { code: 'T.H', name: 'Đơn vị T.H', kind: 'xa', parentId: ids['T.Y']! },
      { code: 'T.Y.C', name: 'Đơn vị T.Y.C', kind: 'chi_bo', parentId: ids['T.H.X']! },
    ]);
    const s = await expectConsistent();
    const c1 = (s.models_lagging as { id: number; unit_path: string }[]).find((r) => r.id === ids.c1);
    expect(c1?.unit_path).toBe(`/${ids.T}/${ids['T.Y']}/${ids['T.H']}/${ids['T.H.X']}/${ids['T.Y.C']}/`);
  });

  // Two connections are needed for the race; PGlite has one, so this runs in the PostgreSQL pass only.
  it.runIf(testEngine === 'postgres')('give a model registered while its unit is being moved the path that commits', async () => {
    let adding: Promise<unknown> | undefined;
    await handle.db.transaction(async (tx) => {
      await tx.update(t.orgUnits).set({ parentId: ids['T.Y']! }).where(eq(t.orgUnits.id, ids['T.H']!));
      // Another connection registers a model in the subtree being moved, before the move commits.
      adding = handle.db.insert(t.models).values({ unitId: ids['T.H.X.B']!, title: 'Mô hình mới', startedOn: '2024-01-01' }).returning().then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await adding;
    const s = await expectConsistent();
    const paths = s.models_lagging as { id: number; unit_path: string }[];
    expect(paths.filter((r) => r.unit_path.startsWith(`/${ids.T}/${ids['T.Y']}/${ids['T.H']}/`))).toHaveLength(4);
  });

  it('follow a period whose due date or month changes, and a period deleted', async () => {
    await handle.db.update(t.periods).set({ dueAt: new Date('2026-10-28T00:00:00Z') }).where(eq(t.periods.id, ids['T 2026-10-01']!));
    await expectConsistent();
    await handle.db.update(t.periods).set({ startsOn: '2026-12-01', endsOn: '2026-12-28' }).where(eq(t.periods.id, ids['T 2026-11-01']!));
    await expectConsistent();
    await handle.db.delete(t.periods).where(eq(t.periods.id, ids['T 2026-10-01']!));
    await expectConsistent();
  });
});
