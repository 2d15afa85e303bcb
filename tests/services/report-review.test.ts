import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTION_SET } from '../../src/core/checkin/question-set.js';
import type { ReportFigures } from '../../src/core/checkin/report-figures.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { findUnitIdsByCodes, upsertUnits } from '../../src/storage/queries/org-units.js';
import { assignRole, createPerson } from '../../src/storage/queries/people.js';
import { ensureDefaultQuestionSet } from '../../src/storage/queries/question-sets.js';
import { applyReview, findNearestLeaderUnit, listReviewHistory, loadReviewableReport, openPeriodForUnit } from '../../src/storage/queries/report-review.js';
import { createReviewDeadline } from '../../src/storage/queries/review-deadlines.js';
import { ensureDraftReport, submitReport } from '../../src/storage/queries/reports.js';
import * as t from '../../src/storage/schema/index.js';
import { reviewReport } from '../../src/services/report-review.js';
import { createTestDatabase, testEngine } from '../helpers/database.js';

/**
 * The review of a report against the database: the nearest leader above the unit and the
 * organisation's admins review it, nobody else (audited); each review is a compare-and-set on
 * the stage and version read, so of two reviews of the same version one wins and the other is
 * told; every step is in the report's history. The race runs on PostgreSQL (TEST_DATABASE_URL).
 */

const at = (iso: string) => new Date(`${iso}+07:00`);
const figures: ReportFigures = {
  noActivity: false, meetingsHeld: 1, membersPresent: 17, membersTotal: 19, themedSessionHeld: false, themedSessionSubject: null,
  difficulties: null, proposals: null, goodDeeds: [], models: [], answers: { meetingsHeld: 1, attendance: { present: 17, total: 19 } },
};

let handle: DatabaseHandle;
let ids: Map<string, number>;
const people: Record<string, number> = {};
let reportId: number;
let periodId: number;

beforeEach(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const qs = await ensureDefaultQuestionSet(db, DEFAULT_QUESTION_SET);
  await upsertUnits(db, [{ code: 'RV', name: 'Tỉnh ủy thử', kind: 'tinh', parentId: null }]);
  let found = await findUnitIdsByCodes(db, ['RV']);
  await upsertUnits(db, [{ code: 'RV.X', name: 'Đảng ủy xã thử', kind: 'xa', parentId: found.get('RV')! }]);
  found = await findUnitIdsByCodes(db, ['RV', 'RV.X']);
  await upsertUnits(db, [
    { code: 'RV.X.CB', name: 'Chi bộ thôn 1', kind: 'chi_bo', parentId: found.get('RV.X')! },
    { code: 'RV.Y', name: 'Đảng ủy xã không có lãnh đạo', kind: 'xa', parentId: found.get('RV')! },
  ]);
  found = await findUnitIdsByCodes(db, ['RV.Y']);
  await upsertUnits(db, [{ code: 'RV.Y.CB', name: 'Chi bộ thôn 2', kind: 'chi_bo', parentId: found.get('RV.Y')! }]);
  ids = await findUnitIdsByCodes(db, ['RV', 'RV.X', 'RV.X.CB', 'RV.Y', 'RV.Y.CB']);
  for (const [name, role, unit] of [
    ['Lãnh đạo xã 1', 'leader', 'RV.X'],
    ['Lãnh đạo xã 2', 'leader', 'RV.X'],
    ['Lãnh đạo tỉnh', 'leader', 'RV'],
    ['Quản trị', 'admin', 'RV'],
    ['Bí thư', 'secretary', 'RV.X.CB'],
  ] as const) {
    const person = await createPerson(db, name);
    await assignRole(db, { personId: person.id, unitId: ids.get(unit)!, role, title: null });
    people[name] = person.id;
  }
  const [period] = await db
    .insert(t.periods)
    .values({ scopeUnitId: ids.get('RV')!, startsOn: '2026-11-01', endsOn: '2026-11-30', opensAt: at('2026-11-20T08:00:00'), dueAt: at('2026-11-25T23:59:59') })
    .returning();
  periodId = period!.id;
  const report = await ensureDraftReport(db, { unitId: ids.get('RV.X.CB')!, periodId, questionSetId: qs.id });
  reportId = report.id;
  await submitReport(db, { reportId, figures, personId: people['Bí thư']!, channel: 'telegram', at: at('2026-11-22T09:00:00') });
});

afterEach(async () => {
  await handle.close();
});

const review = (person: string, command: Parameters<typeof reviewReport>[1]['command'], now = at('2026-11-27T09:00:00')) =>
  handle.db.transaction((tx) => reviewReport(tx, { personId: people[person]!, reportId, command, via: 'web', now }));

describe('reviewing a report', () => {
  it('is for the nearest leader above the unit: the commune, not the province', async () => {
    expect(await findNearestLeaderUnit(handle.db, { id: ids.get('RV.X.CB')!, path: `/${ids.get('RV')}/${ids.get('RV.X')}/${ids.get('RV.X.CB')}/` })).toBe(ids.get('RV.X'));
    // Under a commune with no leader, the province's leaders are the nearest.
    expect(await findNearestLeaderUnit(handle.db, { id: ids.get('RV.Y.CB')!, path: `/${ids.get('RV')}/${ids.get('RV.Y')}/${ids.get('RV.Y.CB')}/` })).toBe(ids.get('RV'));
  });

  it('approves a report waiting for review, and keeps the step in its history', async () => {
    const before = await loadReviewableReport(handle.db, { reportId });
    expect(before).toMatchObject({ stage: 'pending', version: 1, window: { closesAt: null } });
    const outcome = await review('Lãnh đạo xã 1', { kind: 'approve', version: 1 });
    expect(outcome).toMatchObject({ ok: true, action: 'approve', report: { stage: 'approved', reviewedBy: 'Lãnh đạo xã 1' } });
    const history = await listReviewHistory(handle.db, reportId);
    expect(history.map((h) => [h.action, h.version, h.by, h.via])).toEqual([
      ['submit', 1, 'Bí thư', 'telegram'],
      ['approve', 1, 'Lãnh đạo xã 1', 'web'],
    ]);
    const audit = await handle.db.select().from(t.auditLog).where(sql`${t.auditLog.action} = 'report.approve'`);
    expect(audit[0]?.details).toMatchObject({ before: { state: 'pending', version: 1 }, after: { state: 'approved' } });
  });

  it('refuses someone who is not above the unit, and audits the attempt', async () => {
    for (const person of ['Lãnh đạo tỉnh', 'Bí thư']) {
      expect(await review(person, { kind: 'approve', version: 1 })).toMatchObject({ ok: false, refusal: 'not-reviewer' });
    }
    const audit = await handle.db.select().from(t.auditLog).where(sql`${t.auditLog.action} = 'report.review.forbidden'`);
    expect(audit.map((a) => a.actorPersonId).sort()).toEqual([people['Lãnh đạo tỉnh'], people['Bí thư']].sort());
    expect((await loadReviewableReport(handle.db, { reportId }))?.stage).toBe('pending');
  });

  it('returns an approved report with a comment cut at 1,000 characters, the original kept; the correction waits for review again', async () => {
    await review('Lãnh đạo xã 1', { kind: 'approve', version: 1 });
    const long = `Số lượt tham gia không khớp với biên bản. ${'x'.repeat(1200)}`;
    const returned = await review('Quản trị', { kind: 'return', version: 1, comment: long });
    expect(returned).toMatchObject({ ok: true, action: 'return', comment: { cut: true, original: long }, report: { stage: 'returned' } });
    const report = await loadReviewableReport(handle.db, { reportId });
    expect(Array.from(report!.reviewComment!)).toHaveLength(1000);
    await submitReport(handle.db, { reportId, figures, personId: people['Bí thư']!, channel: 'zalo', at: at('2026-11-28T09:00:00'), action: 'resubmit' });
    expect(await loadReviewableReport(handle.db, { reportId })).toMatchObject({ stage: 'pending', version: 2 });
    const history = await listReviewHistory(handle.db, reportId);
    expect(history.map((h) => h.action)).toEqual(['submit', 'approve', 'return', 'resubmit']);
    expect(history[2]).toMatchObject({ by: 'Quản trị', commentOriginal: long });
    expect(history[3]).toMatchObject({ version: 2, via: 'zalo' });
    // A review of the version read before the correction is refused: the report changed.
    expect(await review('Lãnh đạo xã 2', { kind: 'approve', version: 1 })).toMatchObject({ ok: false, refusal: 'stale-version' });
    expect(await review('Lãnh đạo xã 2', { kind: 'approve', version: 2 })).toMatchObject({ ok: true });
  });

  it('refuses an empty comment and a review of a draft', async () => {
    expect(await review('Lãnh đạo xã 1', { kind: 'return', version: 1, comment: '   ' })).toMatchObject({ ok: false, refusal: 'comment-required' });
    const [draft] = await handle.db.insert(t.reports).values({ unitId: ids.get('RV.Y.CB')!, periodId, questionSetId: (await ensureDefaultQuestionSet(handle.db, DEFAULT_QUESTION_SET)).id }).returning();
    const outcome = await handle.db.transaction((tx) => reviewReport(tx, { personId: people['Lãnh đạo tỉnh']!, reportId: draft!.id, command: { kind: 'approve', version: 0 }, via: 'web', now: at('2026-11-27T09:00:00') }));
    expect(outcome).toMatchObject({ ok: false, refusal: 'not-submitted' });
  });

  it('closes the month at its review deadline plus the grace days: no return after, unless an admin reopens it', async () => {
    await review('Lãnh đạo xã 1', { kind: 'approve', version: 1 });
    await createReviewDeadline(handle.db, { scopeUnitId: ids.get('RV')!, kind: 'so_ket', title: 'Sơ kết năm 2026', coversFrom: '2026-07-01', coversTo: '2026-12-31', dueAt: at('2026-12-10T23:59:59') });
    const window = (await loadReviewableReport(handle.db, { reportId }))!.window;
    expect(window.closesAt).toEqual(at('2026-12-17T23:59:59'));
    const late = at('2026-12-18T09:00:00');
    expect(await review('Lãnh đạo xã 1', { kind: 'return', version: 1, comment: 'Sửa số liệu' }, late)).toMatchObject({ ok: false, refusal: 'month-closed' });
    await openPeriodForUnit(handle.db, { unitId: ids.get('RV.X.CB')!, periodId, kind: 'reopen', until: at('2026-12-31T23:59:59'), personId: people['Quản trị']!, at: late });
    expect(await review('Lãnh đạo xã 1', { kind: 'return', version: 1, comment: 'Sửa số liệu' }, late)).toMatchObject({ ok: true, action: 'return' });
  });

  it('tells a second review of the same version who came first', async () => {
    expect(await review('Lãnh đạo xã 1', { kind: 'approve', version: 1 })).toMatchObject({ ok: true });
    expect(await review('Lãnh đạo xã 2', { kind: 'approve', version: 1 })).toMatchObject({ ok: false, refusal: 'already-approved', report: { reviewedBy: 'Lãnh đạo xã 1' } });
    // An approved report may still be returned (until the month closes), once.
    expect(await review('Lãnh đạo xã 2', { kind: 'return', version: 1, comment: 'Sai số liệu' })).toMatchObject({ ok: true, action: 'return' });
    expect(await review('Lãnh đạo xã 1', { kind: 'return', version: 1, comment: 'Sai' })).toMatchObject({ ok: false, refusal: 'already-returned', report: { reviewedBy: 'Lãnh đạo xã 2' } });
  });

  it.runIf(testEngine === 'postgres')('on PostgreSQL: two leaders approving at the same instant, one wins and the other is told', async () => {
    // Leader 1's transaction reviews and holds its row lock until leader 2's review is blocked on
    // it; then it commits. Leader 2 read the report as pending, so only the compare-and-set stops it.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstApplied = false;
    const first = handle.db.transaction(async (tx) => {
      const outcome = await reviewReport(tx, { personId: people['Lãnh đạo xã 1']!, reportId, command: { kind: 'approve', version: 1 }, via: 'web', now: at('2026-11-27T09:00:00') });
      firstApplied = true;
      await held;
      return outcome;
    });
    const second = (async () => {
      await waitUntil(async () => firstApplied);
      // Not committed yet: leader 2 still reads the report as waiting for review.
      expect((await loadReviewableReport(handle.db, { reportId }))?.stage).toBe('pending');
      return handle.db.transaction((tx) =>
        reviewReport(tx, { personId: people['Lãnh đạo xã 2']!, reportId, command: { kind: 'approve', version: 1 }, via: 'telegram', now: at('2026-11-27T09:00:01') }),
      );
    })();
    await waitUntil(async () => (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from pg_locks where not granted and locktype = 'transactionid'`))[0]!.n > 0);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toMatchObject({ ok: true, action: 'approve' });
    expect(b).toMatchObject({ ok: false, refusal: 'already-approved', report: { reviewedBy: 'Lãnh đạo xã 1' } });
    const history = await listReviewHistory(handle.db, reportId);
    expect(history.filter((h) => h.action === 'approve')).toHaveLength(1);
  });

  it('applies a compare-and-set only on the stage and version read', async () => {
    const base = { reportId, next: 'approved' as const, personId: people['Lãnh đạo xã 1']!, via: 'web', at: at('2026-11-27T09:00:00') };
    expect(await applyReview(handle.db, { ...base, expected: { stage: 'pending', version: 2 } })).toBe(false);
    expect(await applyReview(handle.db, { ...base, expected: { stage: 'approved', version: 1 } })).toBe(false);
    expect(await applyReview(handle.db, { ...base, expected: { stage: 'pending', version: 1 } })).toBe(true);
    expect(await applyReview(handle.db, { ...base, expected: { stage: 'pending', version: 1 } })).toBe(false);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
