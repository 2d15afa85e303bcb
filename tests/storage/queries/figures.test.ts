import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET } from '../../../src/core/checkin/question-set.js';
import type { ModelFigures, ReportFigures } from '../../../src/core/checkin/report-figures.js';
import { attendanceRate, change, submissionRate } from '../../../src/core/figures/arithmetic.js';
import type { DigestFigures, MonthTotals } from '../../../src/core/figures/types.js';
import type { ModelStatus, OrgUnitKind } from '../../../src/core/domain.js';
import { NotFoundError } from '../../../src/core/errors.js';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import {
  loadDigestFigures,
  loadInactiveModels,
  loadMonthlyTotals,
  loadRaisedTexts,
  loadSubmissionBySubunit,
} from '../../../src/storage/queries/figures.js';
import { ensureDefaultQuestionSet } from '../../../src/storage/queries/question-sets.js';
import { ensureDraftReport, submitReport } from '../../../src/storage/queries/reports.js';
import * as t from '../../../src/storage/schema/index.js';
import { createTestDatabase } from '../../helpers/database.js';

/**
 * The figures a leader sees (digest, XLSX, DOCX all read them), on a small tree whose every
 * number is known. Two provinces: T is the one asked about, O is next door and must never leak in.
 *
 *   T (tỉnh, schedule)                       O (tỉnh, schedule)
 *   ├─ T.X1 (xã, no models)                  └─ O.E (chi bộ): big numbers, a difficulty
 *   │   ├─ T.X1.A: 2 models; Nov sent on time, then edited before the due date
 *   │   ├─ T.X1.B: 1 model; Nov sent late, a model difficulty
 *   │   ├─ T.X1.C: 1 model started in Nov; Nov only a draft
 *   │   └─ T.X1.Z: 1 model, dissolved 15/10/2026; never sends
 *   └─ T.X2 (xã, a model of its own: reports itself)
 *       ├─ T.X2.D: an active and a paused model; Aug active, Oct late, Nov not sent
 *       └─ T.X2.W: no models, sends "nothing this month" in Nov anyway
 */

const NOV = '2026-11-01';
const OCT = '2026-10-01';
const AUG = '2026-08-01';
const due = (month: string) => new Date(`${month.slice(0, 8)}25T10:00:00Z`);
const at = (iso: string) => new Date(iso);

let handle: DatabaseHandle;
const units: Record<string, number> = {};
const models: Record<string, number> = {};

async function unit(code: string, kind: OrgUnitKind, parent: string | null, dissolvedOn?: string) {
  const [row] = await handle.db
    .insert(t.orgUnits)
    .values({ code, name: `Đơn vị ${code}`, kind, parentId: parent ? units[parent]! : null, dissolvedOn: dissolvedOn ?? null })
    .returning();
  units[code] = row!.id;
}

async function model(key: string, unitCode: string, title: string, options: { startedOn?: string | null; status?: ModelStatus } = {}) {
  const [row] = await handle.db
    .insert(t.models)
    .values({ unitId: units[unitCode]!, title, startedOn: options.startedOn === undefined ? '2024-01-01' : options.startedOn, status: options.status ?? 'active' })
    .returning();
  models[key] = row!.id;
}

function answer(key: string, activities: number, participants: number, difficulties: string | null = null): ModelFigures {
  return { modelId: models[key]!, activities, participants, progress: activities > 0 ? 'on_track' : 'paused', results: null, difficulties, photos: [] };
}

function figures(f: Partial<ReportFigures>): ReportFigures {
  return {
    noActivity: false, meetingsHeld: null, membersPresent: null, membersTotal: null, themedSessionHeld: null, themedSessionSubject: null,
    difficulties: null, proposals: null, goodDeeds: [], models: [], answers: {}, ...f,
  };
}

let questionSetId: number;
const periodIds: Record<string, number> = {};

/** Sends (or re-sends) a unit's report for a month through the same path as the check-in. */
async function send(unitCode: string, month: string, when: Date, f: Partial<ReportFigures>) {
  const scope = unitCode.startsWith('O') ? 'O' : 'T';
  const report = await ensureDraftReport(handle.db, { unitId: units[unitCode]!, periodId: periodIds[`${scope} ${month}`]!, questionSetId });
  await handle.db.transaction((tx) => submitReport(tx, { reportId: report.id, figures: figures(f), personId: null, channel: 'telegram', at: when }));
}

beforeAll(async () => {
  handle = await createTestDatabase();
  questionSetId = (await ensureDefaultQuestionSet(handle.db, DEFAULT_QUESTION_SET)).id;
  await unit('T', 'tinh', null);
  await unit('T.X1', 'xa', 'T');
  await unit('T.X1.A', 'chi_bo', 'T.X1');
  await unit('T.X1.B', 'chi_bo', 'T.X1');
  await unit('T.X1.C', 'chi_bo', 'T.X1');
  await unit('T.X1.Z', 'chi_bo', 'T.X1', '2026-10-15');
  await unit('T.X2', 'xa', 'T');
  await unit('T.X2.D', 'chi_bo', 'T.X2');
  await unit('T.X2.W', 'chi_bo', 'T.X2');
  await unit('O', 'tinh', null);
  await unit('O.E', 'chi_bo', 'O');

  await model('A1', 'T.X1.A', 'Trồng cây cà phê tại thôn 4');
  await model('A2', 'T.X1.A', 'Đoạn đường Thanh niên tự quản');
  await model('B', 'T.X1.B', 'Khu dân cư phòng, chống ma túy', { startedOn: null });
  await model('C', 'T.X1.C', 'Tổ nhân dân tự quản', { startedOn: '2026-11-01' });
  await model('Z', 'T.X1.Z', 'Nuôi ong lấy mật');
  await model('X2', 'T.X2', 'Giúp nhau làm kinh tế giỏi');
  await model('D1', 'T.X2.D', 'Nước sạch vệ sinh môi trường');
  await model('D2', 'T.X2.D', 'Kể chuyện Bác Hồ', { status: 'paused' });
  await model('E', 'O.E', 'Lò đốt rác');

  for (const scope of ['T', 'O']) {
    for (const month of [AUG, OCT, NOV]) {
      const [p] = await handle.db
        .insert(t.periods)
        .values({ scopeUnitId: units[scope]!, startsOn: month, endsOn: `${month.slice(0, 8)}28`, opensAt: at(`${month.slice(0, 8)}20T01:00:00Z`), dueAt: due(month) })
        .returning();
      periodIds[`${scope} ${month}`] = p!.id;
    }
  }

  // August: D's model was last active then.
  await send('T.X2.D', AUG, at('2026-08-21T03:00:00Z'), { meetingsHeld: 1, membersPresent: 10, membersTotal: 12, models: [answer('D1', 1, 8)] });

  // October (the month before).
  await send('T.X1.A', OCT, at('2026-10-20T03:00:00Z'), { meetingsHeld: 1, membersPresent: 18, membersTotal: 20, models: [answer('A1', 2, 30), answer('A2', 0, 0)] });
  await send('T.X1.B', OCT, at('2026-10-24T03:00:00Z'), { meetingsHeld: 1, membersPresent: 15, membersTotal: 19, models: [answer('B', 1, 12)] });
  // Late, and gives the roll without the attendance: left out of the attendance sums.
  await send('T.X2.D', OCT, at('2026-10-26T00:00:00Z'), { meetingsHeld: 2, membersTotal: 22, difficulties: 'Chưa có kinh phí', models: [answer('D1', 0, 0)] });
  await send('O.E', OCT, at('2026-10-21T03:00:00Z'), { meetingsHeld: 5, membersPresent: 90, membersTotal: 100, models: [answer('E', 0, 0)] });

  // November (the month asked).
  await send('T.X1.A', NOV, at('2026-11-22T03:00:00Z'), {
    meetingsHeld: 1, membersPresent: 17, membersTotal: 19, difficulties: 'Bản cũ: không được đếm',
    models: [answer('A1', 1, 10), answer('A2', 1, 5)],
  });
  // Edited before the due date: only this version counts, and A2 is now inactive.
  await send('T.X1.A', NOV, at('2026-11-24T03:00:00Z'), {
    meetingsHeld: 2, membersPresent: 18, membersTotal: 19, difficulties: 'Thiếu vốn mở rộng mô hình', proposals: 'Đề nghị hỗ trợ giống cà phê',
    models: [answer('A1', 3, 35), answer('A2', 0, 0)],
  });
  await send('T.X1.B', NOV, at('2026-11-27T08:00:00Z'), { meetingsHeld: 1, membersPresent: 16, membersTotal: 19, models: [answer('B', 0, 0, 'Thiếu đất sản xuất')] });
  // C only started a draft: not sent, its activity does not count.
  const draft = await ensureDraftReport(handle.db, { unitId: units['T.X1.C']!, periodId: periodIds[`T ${NOV}`]!, questionSetId });
  await handle.db.insert(t.modelAnswers).values({ reportId: draft.id, modelId: models.C!, activities: 4, participants: 50 });
  await handle.db.update(t.reports).set({ meetingsHeld: 3 }).where(eq(t.reports.id, draft.id));
  await send('T.X2', NOV, at('2026-11-21T03:00:00Z'), { meetingsHeld: 1, membersPresent: 9, membersTotal: 10, difficulties: '   ', models: [answer('X2', 2, 40)] });
  await send('T.X2.W', NOV, at('2026-11-23T03:00:00Z'), { noActivity: true, meetingsHeld: 0 });
  await send('O.E', NOV, at('2026-11-22T03:00:00Z'), {
    meetingsHeld: 9, membersPresent: 95, membersTotal: 100, difficulties: 'Ngoài phạm vi', proposals: 'Ngoài phạm vi', models: [answer('E', 0, 0)],
  });

  await handle.db.insert(t.reviewDeadlines).values([
    { scopeUnitId: units.T!, kind: 'tong_ket', title: 'Tổng kết năm 2026', coversFrom: '2026-01-01', coversTo: '2026-12-31', dueAt: at('2026-12-15T03:00:00Z') },
    { scopeUnitId: units.T!, kind: 'so_ket', title: 'Sơ kết đã qua', coversFrom: '2026-01-01', coversTo: '2026-06-30', dueAt: at('2026-11-10T03:00:00Z') },
    { scopeUnitId: units['T.X1']!, kind: 'chuyen_de', title: 'Chuyên đề xã X1', coversFrom: '2026-07-01', coversTo: '2026-11-30', dueAt: at('2026-12-05T03:00:00Z') },
    { scopeUnitId: units.O!, kind: 'so_ket', title: 'Sơ kết tỉnh O', coversFrom: '2026-01-01', coversTo: '2026-11-30', dueAt: at('2026-12-01T03:00:00Z') },
  ]);
});

afterAll(async () => {
  await handle?.close();
});

const now = at('2026-11-28T01:00:00Z');
const name = (code: string) => `Đơn vị ${code}`;
const totals = (month: string, t: Omit<MonthTotals, 'month'>): MonthTotals => ({ month, ...t });

const NOV_TOTALS = totals(NOV, {
  reports: 4, noActivityReports: 1, meetingsHeld: 4, membersPresent: 43, membersTotal: 48, modelAnswers: 4, activities: 5, participants: 75,
});
const OCT_TOTALS = totals(OCT, {
  reports: 3, noActivityReports: 0, meetingsHeld: 4, membersPresent: 33, membersTotal: 39, modelAnswers: 4, activities: 3, participants: 42,
});

describe('the digest figures of a province', () => {
  let digest: DigestFigures;
  beforeAll(async () => {
    digest = await loadDigestFigures(handle.db, { unitId: units.T!, month: NOV, now });
  });

  it('counts submission by direct sub-unit: sent, on time, late, not sent', () => {
    expect(digest.unit).toEqual({ id: units.T, code: 'T', name: name('T') });
    expect(digest.month).toBe(NOV);
    expect(digest.previousMonth).toBe(OCT);
    expect(digest.submission.bySubunit).toEqual([
      // A on time (edited before the due date), B late, C a draft; Z dissolved before November.
      { month: NOV, unitId: units['T.X1'], code: 'T.X1', name: name('T.X1'), kind: 'xa', self: false, expected: 3, submitted: 2, onTime: 1, late: 1, notSent: 1 },
      // X2 itself and W (no models, sent anyway) on time; D not sent.
      { month: NOV, unitId: units['T.X2'], code: 'T.X2', name: name('T.X2'), kind: 'xa', self: false, expected: 3, submitted: 2, onTime: 2, late: 0, notSent: 1 },
    ]);
    expect(digest.submission.total).toEqual({ expected: 6, submitted: 4, onTime: 3, late: 1, notSent: 2 });
    expect(submissionRate(digest.submission.total)).toBeCloseTo(4 / 6);
  });

  it('adds up this month and last month, only from sent reports of the subtree, the edited version once', () => {
    expect(digest.totals.current).toEqual(NOV_TOTALS);
    expect(digest.totals.previous).toEqual(OCT_TOTALS);
    expect(attendanceRate(digest.totals.current)).toBeCloseTo(43 / 48);
    expect(change(digest.totals.current.activities, digest.totals.previous.activities)).toEqual({ delta: 2, relative: 2 / 3 });
    expect(change(digest.totals.current.meetingsHeld, digest.totals.previous.meetingsHeld)).toEqual({ delta: 0, relative: 0 });
  });

  it('lists the active models with no activity in November and October ("hình thức"), with their last active month', () => {
    expect(digest.inactiveModels).toEqual({
      total: 3,
      items: [
        { modelId: models.A2, title: 'Đoạn đường Thanh niên tự quản', unitId: units['T.X1.A'], unitCode: 'T.X1.A', unitName: name('T.X1.A'), lastActiveMonth: null },
        // As it stands, a dissolved unit's model still counts while its status is active.
        { modelId: models.Z, title: 'Nuôi ong lấy mật', unitId: units['T.X1.Z'], unitCode: 'T.X1.Z', unitName: name('T.X1.Z'), lastActiveMonth: null },
        { modelId: models.D1, title: 'Nước sạch vệ sinh môi trường', unitId: units['T.X2.D'], unitCode: 'T.X2.D', unitName: name('T.X2.D'), lastActiveMonth: AUG },
      ],
    });
  });

  it('lists the difficulties and proposals raised this month, not blank ones, not the edited-away ones', () => {
    expect(digest.raised).toEqual({
      total: 3,
      items: [
        { month: NOV, unitId: units['T.X1.A'], unitCode: 'T.X1.A', unitName: name('T.X1.A'), kind: 'difficulty', modelTitle: null, text: 'Thiếu vốn mở rộng mô hình' },
        { month: NOV, unitId: units['T.X1.A'], unitCode: 'T.X1.A', unitName: name('T.X1.A'), kind: 'proposal', modelTitle: null, text: 'Đề nghị hỗ trợ giống cà phê' },
        {
          month: NOV, unitId: units['T.X1.B'], unitCode: 'T.X1.B', unitName: name('T.X1.B'), kind: 'difficulty', modelTitle: 'Khu dân cư phòng, chống ma túy',
          text: 'Thiếu đất sản xuất',
        },
      ],
    });
  });

  it('gives the coming deadlines set above or inside the unit, soonest first', () => {
    expect(digest.deadlines.map((d) => [d.title, d.kind, d.scopeUnitId, d.dueAt.toISOString()])).toEqual([
      ['Chuyên đề xã X1', 'chuyen_de', units['T.X1'], '2026-12-05T03:00:00.000Z'],
      ['Tổng kết năm 2026', 'tong_ket', units.T, '2026-12-15T03:00:00.000Z'],
    ]);
  });

  it('caps the lists and keeps the full counts', async () => {
    const capped = await loadDigestFigures(handle.db, { unitId: units.T!, month: NOV, now, limits: { inactiveModels: 1, raised: 2, deadlines: 1 } });
    expect(capped.inactiveModels.total).toBe(3);
    expect(capped.inactiveModels.items.map((m) => m.modelId)).toEqual([models.A2]);
    expect(capped.raised.total).toBe(3);
    expect(capped.raised.items).toHaveLength(2);
    expect(capped.deadlines.map((d) => d.title)).toEqual(['Chuyên đề xã X1']);
  });
});

describe('the digest figures of a commune that reports itself', () => {
  it('shows its own row first, then its chi bộ, and nothing from outside it', async () => {
    const digest = await loadDigestFigures(handle.db, { unitId: units['T.X2']!, month: NOV, now });
    expect(digest.submission.bySubunit).toEqual([
      { month: NOV, unitId: units['T.X2'], code: 'T.X2', name: name('T.X2'), kind: 'xa', self: true, expected: 1, submitted: 1, onTime: 1, late: 0, notSent: 0 },
      { month: NOV, unitId: units['T.X2.D'], code: 'T.X2.D', name: name('T.X2.D'), kind: 'chi_bo', self: false, expected: 1, submitted: 0, onTime: 0, late: 0, notSent: 1 },
      { month: NOV, unitId: units['T.X2.W'], code: 'T.X2.W', name: name('T.X2.W'), kind: 'chi_bo', self: false, expected: 1, submitted: 1, onTime: 1, late: 0, notSent: 0 },
    ]);
    expect(digest.totals.current).toEqual(
      totals(NOV, { reports: 2, noActivityReports: 1, meetingsHeld: 1, membersPresent: 9, membersTotal: 10, modelAnswers: 1, activities: 2, participants: 40 }),
    );
    expect(digest.totals.previous).toEqual(
      totals(OCT, { reports: 1, noActivityReports: 0, meetingsHeld: 2, membersPresent: 0, membersTotal: 0, modelAnswers: 1, activities: 0, participants: 0 }),
    );
    expect(digest.inactiveModels).toEqual({
      total: 1,
      items: [{ modelId: models.D1, title: 'Nước sạch vệ sinh môi trường', unitId: units['T.X2.D'], unitCode: 'T.X2.D', unitName: name('T.X2.D'), lastActiveMonth: AUG }],
    });
    expect(digest.raised).toEqual({ total: 0, items: [] });
    expect(digest.deadlines.map((d) => d.title)).toEqual(['Tổng kết năm 2026']);
  });

  it('counts the unit alone when asked for its own figures (a secretary)', async () => {
    const p = { unitId: units['T.X2']!, months: [OCT, NOV], subtree: false };
    expect(await loadMonthlyTotals(handle.db, p)).toEqual([
      totals(OCT, { reports: 0, noActivityReports: 0, meetingsHeld: 0, membersPresent: 0, membersTotal: 0, modelAnswers: 0, activities: 0, participants: 0 }),
      totals(NOV, { reports: 1, noActivityReports: 0, meetingsHeld: 1, membersPresent: 9, membersTotal: 10, modelAnswers: 1, activities: 2, participants: 40 }),
    ]);
    expect(await loadSubmissionBySubunit(handle.db, p)).toEqual([
      { month: OCT, unitId: units['T.X2'], code: 'T.X2', name: name('T.X2'), kind: 'xa', self: true, expected: 1, submitted: 0, onTime: 0, late: 0, notSent: 1 },
      { month: NOV, unitId: units['T.X2'], code: 'T.X2', name: name('T.X2'), kind: 'xa', self: true, expected: 1, submitted: 1, onTime: 1, late: 0, notSent: 0 },
    ]);
    expect((await loadInactiveModels(handle.db, { unitId: units['T.X2']!, month: NOV, subtree: false })).total).toBe(0);
  });
});

describe('the figures over several months (exports, review reports)', () => {
  it('gives every month asked, zeros for a month nobody reported in, and submission month by month', async () => {
    const p = { unitId: units.T!, months: [AUG, '2026-09-01', OCT, NOV] };
    expect(await loadMonthlyTotals(handle.db, p)).toEqual([
      totals(AUG, { reports: 1, noActivityReports: 0, meetingsHeld: 1, membersPresent: 10, membersTotal: 12, modelAnswers: 1, activities: 1, participants: 8 }),
      totals('2026-09-01', { reports: 0, noActivityReports: 0, meetingsHeld: 0, membersPresent: 0, membersTotal: 0, modelAnswers: 0, activities: 0, participants: 0 }),
      OCT_TOTALS,
      NOV_TOTALS,
    ]);
    const submission = await loadSubmissionBySubunit(handle.db, { unitId: units.T!, months: [OCT, NOV] });
    expect(submission.filter((r) => r.month === OCT)).toEqual([
      // C's model started in November, but the unit has an active model: expected. Z was dissolved mid-October: still expected.
      { month: OCT, unitId: units['T.X1'], code: 'T.X1', name: name('T.X1'), kind: 'xa', self: false, expected: 4, submitted: 2, onTime: 2, late: 0, notSent: 2 },
      { month: OCT, unitId: units['T.X2'], code: 'T.X2', name: name('T.X2'), kind: 'xa', self: false, expected: 2, submitted: 1, onTime: 0, late: 1, notSent: 1 },
    ]);
    expect(submission.filter((r) => r.month === NOV).map((r) => [r.code, r.expected, r.submitted, r.onTime])).toEqual([
      ['T.X1', 3, 2, 1],
      ['T.X2', 3, 2, 2],
    ]);
    const raised = await loadRaisedTexts(handle.db, { unitId: units.T!, months: [OCT, NOV] });
    expect(raised.total).toBe(4);
    expect(raised.items[0]).toEqual({ month: OCT, unitId: units['T.X2.D'], unitCode: 'T.X2.D', unitName: name('T.X2.D'), kind: 'difficulty', modelTitle: null, text: 'Chưa có kinh phí' });
  });
});

describe('the digest figures of the other province', () => {
  it('counts only its own unit', async () => {
    const digest = await loadDigestFigures(handle.db, { unitId: units.O!, month: NOV, now });
    expect(digest.submission.total).toEqual({ expected: 1, submitted: 1, onTime: 1, late: 0, notSent: 0 });
    expect(digest.totals.current).toEqual(
      totals(NOV, { reports: 1, noActivityReports: 0, meetingsHeld: 9, membersPresent: 95, membersTotal: 100, modelAnswers: 1, activities: 0, participants: 0 }),
    );
    expect(digest.inactiveModels.items.map((m) => m.modelId)).toEqual([models.E]);
    expect(digest.raised.items.map((r) => [r.kind, r.text])).toEqual([
      ['difficulty', 'Ngoài phạm vi'],
      ['proposal', 'Ngoài phạm vi'],
    ]);
    expect(digest.deadlines.map((d) => d.title)).toEqual(['Sơ kết tỉnh O']);
  });
});

describe('an unknown unit', () => {
  it('is refused', async () => {
    await expect(loadDigestFigures(handle.db, { unitId: 999_999, month: NOV, now })).rejects.toBeInstanceOf(NotFoundError);
  });
});
