import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/services/seed-demo.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { findUnitByCode, listSubtree } from '../../src/storage/queries/org-units.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
});
afterEach(async () => {
  await handle.close();
});

const now = new Date('2026-11-21T03:00:00Z');
const timeZone = 'Asia/Ho_Chi_Minh';

describe('demo data', () => {
  it('loads the real cases with months of history, and only once', async () => {
    const summary = await seedDemo(handle.db, { now, timeZone });
    expect(summary).not.toBeNull();
    expect(summary!.units).toBeGreaterThan(20);
    expect(summary!.reports).toBeGreaterThan(50);
    expect(await seedDemo(handle.db, { now, timeZone })).toBeNull();
    expect((await handle.db.select().from(t.orgUnits)).length).toBe(summary!.units);
  });

  it('puts the Kon Rẫy cases under Kon Tum, reachable by a subtree query', async () => {
    await seedDemo(handle.db, { now, timeZone });
    const konTum = await findUnitByCode(handle.db, 'KT');
    const subtree = await listSubtree(handle.db, konTum!.id);
    const names = subtree.map((u) => u.name);
    expect(names).toContain('Chi bộ Hạt Kiểm lâm');
    expect(names).toContain('Đảng ủy xã Đăk Tơ Lung');
    expect(names.some((n) => n.includes('Long Bình'))).toBe(false);
    const coffee = await handle.db.select().from(t.models).where(eq(t.models.title, 'Trồng cây cà phê tại thôn 4, xã Đăk Pne'));
    expect(coffee).toHaveLength(1);
  });

  it('has this month open and partly answered: some units have sent, some not yet', async () => {
    await seedDemo(handle.db, { now, timeZone });
    const konTum = await findUnitByCode(handle.db, 'KT');
    const [november] = await handle.db
      .select()
      .from(t.periods)
      .where(and(eq(t.periods.scopeUnitId, konTum!.id), eq(t.periods.startsOn, '2026-11-01')));
    expect(november?.dueAt.toISOString()).toBe('2026-11-25T16:59:59.000Z');
    const [counts] = await queryRows<{ sent: number; with_models: number }>(
      handle.db,
      sql`select
            (select count(*)::int from reports r where r.period_id = ${november!.id}) as sent,
            (select count(distinct m.unit_id)::int from models m join org_units u on u.id = m.unit_id
              where u.path like ${konTum!.path + '%'}) as with_models`,
    );
    expect(counts!.sent).toBeGreaterThan(0);
    expect(counts!.sent).toBeLessThan(counts!.with_models);
    const late = await handle.db.select().from(t.reports).where(eq(t.reports.periodId, november!.id));
    for (const report of late) expect(report.submittedAt!.getTime()).toBeLessThan(now.getTime());
  });

  it('keeps every stored report consistent: a version per submission, attendance within members', async () => {
    await seedDemo(handle.db, { now, timeZone });
    const [row] = await queryRows<{ reports: number; versions: number; bad: number }>(
      handle.db,
      sql`select (select count(*)::int from reports) as reports,
                 (select count(*)::int from report_versions) as versions,
                 (select count(*)::int from reports where members_present > members_total) as bad`,
    );
    expect(row!.versions).toBe(row!.reports);
    expect(row!.bad).toBe(0);
  });
});
