import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET } from '../../../src/core/checkin/question-set.js';
import type { ModelFigures, ReportFigures } from '../../../src/core/checkin/report-figures.js';
import { shiftMonthKey } from '../../../src/core/figures/arithmetic.js';
import type { InactiveModel, RaisedText } from '../../../src/core/figures/types.js';
import { seededRandom } from '../../../src/core/random.js';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import { loadInactiveModels, loadRaisedTexts } from '../../../src/storage/queries/figures.js';
import { ensureDefaultQuestionSet } from '../../../src/storage/queries/question-sets.js';
import { ensureDraftReport, submitReport } from '../../../src/storage/queries/reports.js';
import * as t from '../../../src/storage/schema/index.js';
import { createTestDatabase } from '../../helpers/database.js';

/**
 * The digest's capped lists (models with no activity for two months, difficulties and
 * proposals raised) against a brute-force reading of the same data, on a seeded random tree of
 * five provinces. The queries pick a different plan by scope (the national root walks the code
 * index; a province reads models_lagging_idx and the path index; a unit alone), and for a past
 * month a model active only later must still be listed: every case is compared here.
 */

const MONTHS = ['2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01'];

interface Unit { id: number; code: string; name: string; path: string[] }
interface Model { id: number; unitId: number; title: string; startedOn: string | null; active: boolean }
interface Sent { unitId: number; month: string; difficulties: string | null; proposals: string | null; answers: { modelId: number; activities: number; difficulties: string | null }[] }

let handle: DatabaseHandle;
const units: Unit[] = [];
const models: Model[] = [];
const sent: Sent[] = [];
const byCode = new Map<string, Unit>();

async function addUnit(code: string, kind: 'tinh' | 'xa' | 'chi_bo', parent: Unit | null): Promise<Unit> {
  const [row] = await handle.db.insert(t.orgUnits).values({ code, name: `Đơn vị ${code}`, kind, parentId: parent?.id ?? null }).returning();
  const unit = { id: row!.id, code, name: row!.name, path: [...(parent?.path ?? []), code] };
  units.push(unit);
  byCode.set(code, unit);
  return unit;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const random = seededRandom(20261121);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const questionSetId = (await ensureDefaultQuestionSet(handle.db, DEFAULT_QUESTION_SET)).id;
  const root = await addUnit('VN', 'tinh', null);
  const chiBo: Unit[] = [];
  // Codes not in tree order (P10 sorts before P2), so "by code" and "by path" differ.
  for (const p of [1, 2, 3, 10, 4]) {
    const province = await addUnit(`P${p}`, 'tinh', root);
    for (let x = 1; x <= 2; x += 1) {
      const commune = await addUnit(`P${p}.X${x}`, 'xa', province);
      for (let c = 1; c <= 4; c += 1) chiBo.push(await addUnit(`P${p}.X${x}.CB${c}`, 'chi_bo', commune));
    }
  }
  for (const unit of chiBo) {
    const count = 1 + Math.floor(random() * 2);
    for (let i = 0; i < count; i += 1) {
      const startedOn = pick([null, '2025-01-01', '2026-10-01', '2026-11-01']);
      const active = random() > 0.1;
      const title = `Mo hinh ${String.fromCharCode(65 + i)} ${unit.code}`;
      const [row] = await handle.db.insert(t.models).values({ unitId: unit.id, title, startedOn, status: active ? 'active' : 'paused' }).returning();
      models.push({ id: row!.id, unitId: unit.id, title, startedOn, active });
    }
  }
  for (const month of MONTHS) {
    const [period] = await handle.db
      .insert(t.periods)
      .values({ scopeUnitId: root.id, startsOn: month, endsOn: `${month.slice(0, 8)}28`, opensAt: new Date(`${month.slice(0, 8)}20T01:00:00Z`), dueAt: new Date(`${month.slice(0, 8)}25T10:00:00Z`) })
      .returning();
    for (const unit of chiBo) {
      if (random() < 0.3) continue; // not sent this month
      const answers = models
        .filter((m) => m.unitId === unit.id)
        .map((m) => ({ modelId: m.id, activities: random() < 0.5 ? 0 : 1 + Math.floor(random() * 3), difficulties: random() < 0.2 ? `Khó khăn ${m.title}` : null }));
      const s: Sent = {
        unitId: unit.id,
        month,
        difficulties: pick([null, null, null, '   ', `Thiếu kinh phí ${unit.code}`]),
        proposals: pick([null, null, null, `Đề nghị ${unit.code}`]),
        answers,
      };
      sent.push(s);
      const figures: ReportFigures = {
        noActivity: false, meetingsHeld: 1, membersPresent: 10, membersTotal: 12, themedSessionHeld: null, themedSessionSubject: null,
        difficulties: s.difficulties, proposals: s.proposals, goodDeeds: [], answers: {},
        models: answers.map((a): ModelFigures => ({ modelId: a.modelId, activities: a.activities, participants: a.activities * 5, progress: null, results: null, difficulties: a.difficulties, photos: [] })),
      };
      const report = await ensureDraftReport(handle.db, { unitId: unit.id, periodId: period!.id, questionSetId });
      await handle.db.transaction((tx) => submitReport(tx, { reportId: report.id, figures, personId: null, channel: 'telegram', at: new Date(`${month.slice(0, 8)}21T03:00:00Z`) }));
    }
  }
}, 120_000);

afterAll(async () => {
  await handle.close();
});

const inScope = (unit: Unit, scope: Unit, subtree: boolean) => (subtree ? unit.path.slice(0, scope.path.length).join('/') === scope.path.join('/') : unit.id === scope.id);
const unitOf = (id: number) => units.find((u) => u.id === id)!;
const byCodeThen = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The inactive models of a scope and month, read from what was sent. */
function expectedInactive(scope: Unit, month: string, subtree: boolean): InactiveModel[] {
  const since = shiftMonthKey(month, -1);
  const activeIn = (m: Model, key: string) => sent.some((s) => s.unitId === m.unitId && s.month === key && s.answers.some((a) => a.modelId === m.id && a.activities > 0));
  return models
    .filter((m) => m.active && (m.startedOn === null || m.startedOn <= since) && inScope(unitOf(m.unitId), scope, subtree))
    .filter((m) => !activeIn(m, since) && !activeIn(m, month))
    .map((m) => {
      const unit = unitOf(m.unitId);
      const last = MONTHS.filter((key) => activeIn(m, key)).at(-1) ?? null;
      return { modelId: m.id, title: m.title, unitId: unit.id, unitCode: unit.code, unitName: unit.name, lastActiveMonth: last };
    })
    .sort((a, b) => byCodeThen(a.unitCode, b.unitCode) || byCodeThen(a.title, b.title));
}

/** The raised texts of a scope and month, read from what was sent. */
function expectedRaised(scope: Unit, month: string): RaisedText[] {
  const out: RaisedText[] = [];
  for (const s of sent.filter((x) => x.month === month && inScope(unitOf(x.unitId), scope, true))) {
    const unit = unitOf(s.unitId);
    const base = { month, unitId: unit.id, unitCode: unit.code, unitName: unit.name };
    if (s.difficulties?.trim()) out.push({ ...base, kind: 'difficulty', modelTitle: null, text: s.difficulties });
    for (const a of s.answers) if (a.difficulties) out.push({ ...base, kind: 'difficulty', modelTitle: models.find((m) => m.id === a.modelId)!.title, text: a.difficulties });
    if (s.proposals?.trim()) out.push({ ...base, kind: 'proposal', modelTitle: null, text: s.proposals });
  }
  const rank = (r: RaisedText) => `${r.unitCode}\u0000${r.kind}\u0000${r.modelTitle === null ? '' : `\u0001${r.modelTitle}`}`;
  return out.sort((a, b) => byCodeThen(rank(a), rank(b)));
}

describe('the capped lists of the digest', () => {
  const scopes = ['VN', 'P1', 'P10', 'P2.X1', 'P3.X2.CB1'];

  it.each(scopes)('lists the models with no activity for two months under %s, for this month and past ones', async (code) => {
    const scope = byCode.get(code)!;
    let listed = 0;
    for (const month of ['2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01']) {
      const expected = expectedInactive(scope, month, true);
      for (const limit of [3, 50]) {
        const got = await loadInactiveModels(handle.db, { unitId: scope.id, month, limit });
        expect({ month, limit, ...got }).toEqual({ month, limit, total: expected.length, items: expected.slice(0, limit) });
      }
      listed += expected.length;
    }
    if (code !== 'P3.X2.CB1') expect(listed).toBeGreaterThan(0); // the comparison is not vacuous
  });

  it('lists a chi bộ\'s own inactive models when asked about the unit alone', async () => {
    for (const unit of units.filter((u) => u.path.length === 4).slice(0, 8)) {
      const got = await loadInactiveModels(handle.db, { unitId: unit.id, month: '2026-11-01', subtree: false });
      const expected = expectedInactive(unit, '2026-11-01', false);
      expect(got).toEqual({ total: expected.length, items: expected });
    }
  });

  it.each(scopes)('lists the difficulties and proposals raised under %s, first ones by unit code', async (code) => {
    const scope = byCode.get(code)!;
    let listed = 0;
    for (const month of ['2026-10-01', '2026-11-01']) {
      const expected = expectedRaised(scope, month);
      for (const limit of [2, 50]) {
        const got = await loadRaisedTexts(handle.db, { unitId: scope.id, months: [month], limit });
        expect({ month, limit, total: got.total, items: got.items }).toEqual({ month, limit, total: expected.length, items: expected.slice(0, limit) });
      }
      listed += expected.length;
    }
    if (code !== 'P3.X2.CB1') expect(listed).toBeGreaterThan(0);
  });
});

describe('a listed model moved to another unit', () => {
  it('keeps the last month it was active, in the unit it left', async () => {
    const db = await createTestDatabase();
    try {
      const questionSetId = (await ensureDefaultQuestionSet(db.db, DEFAULT_QUESTION_SET)).id;
      const add = async (code: string, parentId: number | null) =>
        (await db.db.insert(t.orgUnits).values({ code, name: `Đơn vị ${code}`, kind: parentId ? 'chi_bo' : 'tinh', parentId }).returning())[0]!.id;
      const root = await add('T', null);
      const from = await add('T.A', root);
      const to = await add('T.B', root);
      const [model] = await db.db.insert(t.models).values({ unitId: from, title: 'Nuôi ong lấy mật', startedOn: '2024-01-01' }).returning();
      const [period] = await db.db
        .insert(t.periods)
        .values({ scopeUnitId: root, startsOn: '2026-08-01', endsOn: '2026-08-28', opensAt: new Date('2026-08-20T01:00:00Z'), dueAt: new Date('2026-08-25T10:00:00Z') })
        .returning();
      const report = await ensureDraftReport(db.db, { unitId: from, periodId: period!.id, questionSetId });
      const figures: ReportFigures = {
        noActivity: false, meetingsHeld: 1, membersPresent: 10, membersTotal: 12, themedSessionHeld: null, themedSessionSubject: null,
        difficulties: null, proposals: null, goodDeeds: [], answers: {},
        models: [{ modelId: model!.id, activities: 2, participants: 10, progress: null, results: null, difficulties: null, photos: [] }],
      };
      await db.db.transaction((tx) => submitReport(tx, { reportId: report.id, figures, personId: null, channel: 'telegram', at: new Date('2026-08-21T03:00:00Z') }));
      await db.db.update(t.models).set({ unitId: to }).where(eq(t.models.id, model!.id));
      // Its activity in T.A does not count for T.B (inactive there), but the digest still says when it was last active.
      // The whole tree (a walk in code order) and the unit alone (the lagging index): both plans.
      for (const [unitId, subtree] of [[root, true], [to, false]] as const) {
        const got = await loadInactiveModels(db.db, { unitId, month: '2026-11-01', subtree });
        expect(got.items.map((m) => [m.modelId, m.unitId, m.lastActiveMonth])).toEqual([[model!.id, to, '2026-08-01']]);
      }
    } finally {
      await db.close();
    }
  });
});
