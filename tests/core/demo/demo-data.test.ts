import { describe, it, expect } from 'vitest';
import { MODEL_FIELDS, MODEL_PROGRESS, MODEL_STATUSES, ORG_UNIT_KINDS, ROLE_KINDS } from '../../../src/core/domain.js';
import { DEMO_UNITS } from '../../../src/core/demo/demo-organisation.js';
import { generateDemoHistory, playDemoAt, type DemoMonthlyReport } from '../../../src/core/demo/demo-history.js';

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const people = DEMO_UNITS.flatMap((u) => u.people);
const allModels = DEMO_UNITS.flatMap((u) => u.models.map((m) => ({ unit: u, model: m })));

describe('DEMO_UNITS', () => {
  it('has unique, well-formed codes', () => {
    const codes = DEMO_UNITS.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(CODE_RE);
  });

  it('lists every parent before its children', () => {
    const seen = new Set<string>();
    for (const u of DEMO_UNITS) {
      if (u.parentCode !== null) expect(seen.has(u.parentCode), `${u.code} before ${u.parentCode}`).toBe(true);
      seen.add(u.code);
    }
  });

  it('gives every person a unique, fictional-format phone', () => {
    const phones = people.map((p) => p.phone);
    expect(new Set(phones).size).toBe(phones.length);
    for (const phone of phones) expect(phone).toMatch(/^0[389]\d{8}$/);
  });

  it('has a secretary in every unit with models and a leader at tỉnh, huyện and xã level', () => {
    for (const u of DEMO_UNITS) {
      if (u.models.length > 0) expect(u.people.some((p) => p.role === 'secretary'), u.code).toBe(true);
      if (u.kind === 'tinh' || u.kind === 'huyen' || u.kind === 'xa') {
        expect(u.people.some((p) => p.role === 'leader'), u.code).toBe(true);
      }
    }
  });

  it('uses only values the database accepts', () => {
    for (const u of DEMO_UNITS) {
      expect(ORG_UNIT_KINDS).toContain(u.kind);
      if (u.dissolvedOn !== undefined) expect(u.dissolvedOn).toMatch(DATE_RE);
      for (const p of u.people) {
        expect(ROLE_KINDS).toContain(p.role);
        expect(p.fullName.trim()).not.toBe('');
      }
      const titles = u.models.map((m) => m.title);
      expect(new Set(titles).size, u.code).toBe(titles.length);
    }
    for (const { model } of allModels) {
      expect(MODEL_FIELDS).toContain(model.field);
      expect(MODEL_STATUSES).toContain(model.status);
      expect(model.startedOn).toMatch(DATE_RE);
      expect(model.startedOn >= '2021-01-01' && model.startedOn <= '2025-12-31', model.title).toBe(true);
    }
  });

  it('carries the published model titles from DESIGN.md §3 exactly, on the right units', () => {
    const titlesOf = (code: string) => DEMO_UNITS.find((u) => u.code === code)?.models.map((m) => m.title) ?? [];
    expect(titlesOf('KT.KONRAY.HKL')).toContain('Trồng cây cà phê tại thôn 4, xã Đăk Pne');
    expect(titlesOf('KT.KONRAY.DTL')).toContain('Đoạn đường Thanh niên tự quản');
    expect(titlesOf('KT.KONRAY.DTL')).toHaveLength(6);
    expect(titlesOf('KT.KONRAY.DR')).toContain('Kể chuyện Bác Hồ');
    expect(titlesOf('KT.KONRAY.DR')).toHaveLength(6);
    expect(titlesOf('KT.KONRAY.MT')).toHaveLength(4);
    expect(titlesOf('AG.LONGBINH.QUOIAN')).toContain('Tổ nhân dân tự quản – Phát triển toàn diện');
    expect(DEMO_UNITS.find((u) => u.code === 'KT.KONRAY')?.dissolvedOn).toBe('2025-07-01');
  });
});

describe('generateDemoHistory', () => {
  const options = { units: DEMO_UNITS, lastMonth: { year: 2025, month: 12 }, months: 12, seed: 42 };
  const reports = generateDemoHistory(options);
  const monthKey = (r: { year: number; month: number }) => `${r.year}-${String(r.month).padStart(2, '0')}`;

  it('is deterministic for a seed and changes with it', () => {
    expect(generateDemoHistory(options)).toEqual(reports);
    expect(generateDemoHistory({ ...options, seed: 7 })).not.toEqual(reports);
  });

  it('stays within the requested months', () => {
    const keys = new Set(reports.map(monthKey));
    expect([...keys].sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    );
    expect(generateDemoHistory({ ...options, months: 0 })).toEqual([]);
  });

  it('never has negative counts, more present than total, or an unknown progress', () => {
    for (const r of reports) {
      expect(r.meetingsHeld).toBeGreaterThanOrEqual(0);
      expect(r.themedSessionHeld).toBe(r.themedSessionSubject !== null);
      if (r.noActivity) {
        // No meeting: no attendance, not "0 of 149 present" pulling the month's rate down.
        expect(r.meetingsHeld).toBe(0);
        expect(r.membersPresent).toBeNull();
        expect(r.membersTotal).toBeNull();
        expect(r.models).toEqual([]);
      } else {
        expect(r.membersPresent).toBeGreaterThan(0);
        expect(r.membersPresent!).toBeLessThanOrEqual(r.membersTotal!);
      }
      for (const a of r.models) {
        expect(a.activities).toBeGreaterThanOrEqual(0);
        expect(a.participants).toBeGreaterThanOrEqual(0);
        if (a.activities === 0) expect(a.participants).toBe(0);
        expect(MODEL_PROGRESS).toContain(a.progress);
      }
    }
  });

  it('sends each report after its period opened (20th, 08:00), on time by the 25th or late within two weeks', () => {
    const local = (r: DemoMonthlyReport) => Date.UTC(r.submittedAt.year, r.submittedAt.month - 1, r.submittedAt.day, r.submittedAt.hour, r.submittedAt.minute);
    let late = 0;
    for (const r of reports) {
      const opens = Date.UTC(r.year, r.month - 1, 20, 8);
      const due = Date.UTC(r.year, r.month - 1, 25, 23, 59, 59);
      expect(local(r), `${r.unitCode} ${monthKey(r)}`).toBeGreaterThan(opens);
      expect(r.onTime).toBe(local(r) <= due);
      expect(local(r)).toBeLessThan(due + 14 * 86_400_000);
      if (!r.onTime) late += 1;
    }
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(reports.length / 3);
  });

  it('gives the same report for a month whatever range it is generated in', () => {
    const longer = generateDemoHistory({ ...options, lastMonth: { year: 2026, month: 3 }, months: 15 });
    const june = (list: DemoMonthlyReport[]) => list.filter((r) => monthKey(r) === '2025-06');
    expect(june(longer)).toEqual(june(reports));
  });

  it('keeps each unit’s membership stable over the months', () => {
    const totals = new Map<string, Set<number>>();
    for (const r of reports) if (r.membersTotal !== null) totals.set(r.unitCode, (totals.get(r.unitCode) ?? new Set()).add(r.membersTotal));
    for (const [code, set] of totals) expect(set.size, code).toBe(1);
  });

  it('asks only about models already started, and includes them once they are', () => {
    const startedOn = new Map(allModels.map(({ unit, model }) => [`${unit.code}/${model.title}`, model.startedOn]));
    for (const r of reports) {
      for (const a of r.models) {
        const started = startedOn.get(`${r.unitCode}/${a.modelTitle}`);
        expect(started).toBeDefined();
        expect(started!.slice(0, 7) <= monthKey(r)).toBe(true);
      }
    }
    // Long Thạnh's replicated tổ starts in October 2025: absent before, present after (when reported).
    const longThanh = reports.filter((r) => r.unitCode === 'AG.LONGBINH.LONGTHANH');
    const hasTo = (r: DemoMonthlyReport) => r.models.some((a) => a.modelTitle === 'Tổ nhân dân tự quản – Phát triển toàn diện');
    expect(longThanh.filter((r) => r.month < 10).some(hasTo)).toBe(false);
    expect(longThanh.filter((r) => r.month >= 10 && !r.noActivity).some(hasTo)).toBe(true);
  });

  it('has a "hình thức" model: reported with zero activity in each of the last two months', () => {
    const lastTwo = ['2025-11', '2025-12'];
    const zeroIn = (key: string) =>
      new Set(
        reports
          .filter((r) => monthKey(r) === key)
          .flatMap((r) => r.models.filter((a) => a.activities === 0).map((a) => `${r.unitCode}/${a.modelTitle}`)),
      );
    const [nov, dec] = lastTwo.map(zeroIn);
    expect([...nov!].some((k) => dec!.has(k))).toBe(true);
  });

  it('has units that missed a month, including the latest one', () => {
    const expectedByMonth = (key: string) =>
      DEMO_UNITS.filter((u) => u.models.some((m) => m.status === 'active' && m.startedOn.slice(0, 7) <= key)).length;
    const dec = reports.filter((r) => monthKey(r) === '2025-12');
    expect(dec.length).toBeLessThan(expectedByMonth('2025-12'));
    expect(reports.length).toBeLessThan(
      Array.from({ length: 12 }, (_, i) => expectedByMonth(`2025-${String(i + 1).padStart(2, '0')}`)).reduce((a, b) => a + b),
    );
  });

  it('holds a themed session at least once a quarter for a unit that reported every month of it', () => {
    const byUnitQuarter = new Map<string, DemoMonthlyReport[]>();
    for (const r of reports) {
      const k = `${r.unitCode}/${r.year}-Q${Math.ceil(r.month / 3)}`;
      byUnitQuarter.set(k, [...(byUnitQuarter.get(k) ?? []), r]);
    }
    let checked = 0;
    for (const [k, rs] of byUnitQuarter) {
      if (rs.length < 3 || rs.some((r) => r.noActivity)) continue;
      checked++;
      expect(rs.some((r) => r.themedSessionHeld), k).toBe(true);
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('the demo played at any instant', () => {
  const timeZone = 'Asia/Ho_Chi_Minh';
  const schedule = { opensOnDay: 20, opensAtHour: 8, dueOnDay: 25, reminderDaysBefore: [3, 1, 0], quietFromHour: 21, quietUntilHour: 7 };
  const parent = new Map(DEMO_UNITS.map((u) => [u.code, u.parentCode]));
  const rootOf = (code: string): string => (parent.get(code) ? rootOf(parent.get(code)!) : code);
  const roots = [...new Set(DEMO_UNITS.map((u) => rootOf(u.code)))];
  const key = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
  const days = [
    ...Array.from({ length: 31 }, (_, i) => ({ year: 2026, month: 12, day: i + 1 })),
    ...Array.from({ length: 28 }, (_, i) => ({ year: 2027, month: 2, day: i + 1 })),
  ];

  it.each(days)('on $day/$month/$year at 10:00 leaves the secretary a report to make and the leaders a mix to read', ({ year, month, day }) => {
    const now = new Date(Date.UTC(year, month - 1, day, 3)); // 10:00 in Hà Nội
    const expected = day >= 20 ? { year, month } : month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
    const all = roots.flatMap((root) =>
      playDemoAt({ units: DEMO_UNITS.filter((u) => rootOf(u.code) === root), now, since: null, timeZone, schedule, seed: 2026, minMonths: 7 }),
    );
    const reportsAt = all.flatMap((p) => p.reports);
    for (const p of all) {
      expect(p.reportingMonth).toEqual(expected);
      // The whole reporting year is there (and at least seven months).
      expect(p.months).toBeGreaterThanOrEqual(Math.max(7, expected.month));
    }
    const current = key(expected.year, expected.month);
    for (const r of reportsAt) {
      expect(r.at.getTime()).toBeLessThanOrEqual(now.getTime());
      // Never sent before its period opened (20th, 08:00 in Hà Nội = 01:00Z).
      expect(r.at.getTime()).toBeGreaterThan(Date.UTC(r.year, r.month - 1, 20, 1));
    }
    const inCurrent = reportsAt.filter((r) => key(r.year, r.month) === current);
    const expectedUnits = DEMO_UNITS.filter(
      (u) => (u.dissolvedOn === undefined || u.dissolvedOn > `${current}-01`) && u.models.some((m) => m.status === 'active' && m.startedOn.slice(0, 7) <= current),
    );
    const untouched = expectedUnits.filter((u) => !inCurrent.some((r) => r.unitCode === u.code));
    // A unit that has not begun this month's report, for the terminal, and another for /chuanop.
    expect(untouched.length).toBeGreaterThanOrEqual(2);
    expect(inCurrent.filter((r) => r.status === 'draft').length).toBeGreaterThanOrEqual(1);
    // Once the period has been open a day, some units have sent.
    if (day !== 20) expect(inCurrent.filter((r) => r.status === 'submitted').length).toBeGreaterThan(0);
    // This month and the one before show on time, late and not sent side by side.
    const previous = expected.month === 1 ? key(expected.year - 1, 12) : key(expected.year, expected.month - 1);
    const recent = reportsAt.filter((r) => r.status === 'submitted' && [current, previous].includes(key(r.year, r.month)));
    expect(recent.some((r) => r.onTime)).toBe(true);
    expect(recent.some((r) => !r.onTime)).toBe(true);
  });

  it('adds, when played on from an earlier instant, only what was sent since', () => {
    const first = new Date('2026-12-02T03:00:00Z');
    const later = new Date('2026-12-28T03:00:00Z');
    const units = DEMO_UNITS.filter((u) => rootOf(u.code) === 'KT');
    const seeded = playDemoAt({ units, now: first, since: null, timeZone, schedule, seed: 2026, minMonths: 7 }).reports;
    const added = playDemoAt({ units, now: later, since: first, timeZone, schedule, seed: 2026, minMonths: 7 }).reports;
    expect(added.length).toBeGreaterThan(0);
    for (const r of added) expect(r.at.getTime()).toBeGreaterThan(first.getTime());
    expect(added.some((r) => r.month === 12)).toBe(true);
    expect(seeded.some((r) => r.month === 12)).toBe(false);
  });
});
