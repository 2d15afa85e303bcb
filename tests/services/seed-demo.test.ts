import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindDemoAccount } from '../../src/services/demo-accounts.js';
import { handleInbound } from '../../src/services/inbound.js';
import { seedDemo, topUpDemo } from '../../src/services/seed-demo.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { findUnitByCode, listSubtree } from '../../src/storage/queries/org-units.js';
import { listUnsentUnits } from '../../src/storage/queries/unit-status.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

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
    for (const report of late.filter((r) => r.status === 'submitted')) expect(report.submittedAt!.getTime()).toBeLessThan(now.getTime());
    // One unit has begun November's report and not sent it.
    expect(late.filter((r) => r.status === 'draft').length).toBeGreaterThan(0);
  });

  it('keeps every stored report consistent: a version per submission, attendance within members', async () => {
    await seedDemo(handle.db, { now, timeZone });
    const [row] = await queryRows<{ reports: number; versions: number; bad: number }>(
      handle.db,
      sql`select (select count(*)::int from reports where status = 'submitted') as reports,
                 (select count(*)::int from report_versions) as versions,
                 (select count(*)::int from reports where members_present > members_total) as bad`,
    );
    expect(row!.versions).toBe(row!.reports);
    expect(row!.bad).toBe(0);
  });
});

/** What the bot answers the terminal's demo secretary, at `at`. */
async function sayAs(db: DatabaseHandle['db'], user: { externalUserId: string; displayName: string }, text: string, at: Date): Promise<string> {
  sequence += 1;
  const outcome = await handleInbound(
    db,
    { channel: 'console', externalId: `t:${sequence}`, receivedAt: at, from: { externalUserId: user.externalUserId, chatId: user.externalUserId, displayName: user.displayName }, message: { type: 'text', text } },
    { timeZone },
  );
  return outcome.toSend.map((s) => (s.message.payload as { text: string }).text).join('\n');
}
let sequence = 0;

describe('the demo on any day of the month', () => {
  // The first, the last day before the period opens, the opening day, the due day, the day after.
  it.each([1, 19, 20, 25, 26])('on %i/12/2026 the terminal secretary has the reporting month to make, and /baocao, /tiendo and /sua agree', async (day) => {
    const at = new Date(Date.UTC(2026, 11, day, 3)); // 10:00 in Hà Nội
    const month = day >= 20 ? '12/2026' : '11/2026';
    await seedDemo(handle.db, { now: at, timeZone });
    const user = (await bindDemoAccount(handle.db, { channel: 'console', role: 'secretary', at, timeZone }))!;
    expect(await sayAs(handle.db, user, '/tiendo', at)).toContain(`chưa báo cáo tháng ${month}`);
    expect(await sayAs(handle.db, user, '/sua', at)).toContain('chưa được gửi');
    expect(await sayAs(handle.db, user, '/baocao', at)).toContain(`Đã đến kỳ báo cáo tháng ${month}`);
    // Only the greeting was read: nothing begun yet.
    expect(await sayAs(handle.db, user, '/tiendo', at)).toContain(`chưa báo cáo tháng ${month}`);
    await sayAs(handle.db, user, 'Tháng này không có hoạt động', at);
    expect(await sayAs(handle.db, user, 'Gửi báo cáo', at)).toContain(`Đã gửi báo cáo tháng ${month}`);
    const progress = await sayAs(handle.db, user, '/tiendo', at);
    expect(progress).toContain(`báo cáo tháng ${month} đã gửi lúc 10:00 ngày ${String(day).padStart(2, '0')}/12/2026`);
    expect(progress.includes('sau hạn 25/')).toBe(day < 20 || day > 25);
    expect(await sayAs(handle.db, user, '/baocao', at)).toContain('đã gửi');
  }, SLOW_TEST_TIMEOUT_MS);

  it('walks every day of December at 10:00, played on from the 1st: the terminal secretary always has the reporting month to make, and /tiendo, /sua and /baocao agree', async () => {
    await seedDemo(handle.db, { now: new Date(Date.UTC(2026, 11, 1, 3)), timeZone });
    const konTum = (await findUnitByCode(handle.db, 'KT'))!;
    for (let day = 1; day <= 31; day += 1) {
      const at = new Date(Date.UTC(2026, 11, day, 3));
      const month = day >= 20 ? '12/2026' : '11/2026';
      await topUpDemo(handle.db, { now: at, timeZone });
      const user = (await bindDemoAccount(handle.db, { channel: 'console', role: 'secretary', at, timeZone }))!;
      expect(await sayAs(handle.db, user, '/tiendo', at), `${day}/12`).toContain(`chưa báo cáo tháng ${month}`);
      expect(await sayAs(handle.db, user, '/sua', at), `${day}/12`).toContain('chưa được gửi');
      expect(await sayAs(handle.db, user, '/baocao', at), `${day}/12`).toContain(`Đã đến kỳ báo cáo tháng ${month}`);
      // And the leaders have a mix to read: sent and not sent side by side in the reporting month.
      const [mix] = await queryRows<{ sent: number; unsent: number }>(
        handle.db,
        sql`select count(*) filter (where r.status = 'submitted')::int as sent,
                   count(distinct m.unit_id) filter (where r.id is null or r.status <> 'submitted')::int as unsent
              from models m join org_units u on u.id = m.unit_id and u.path like ${konTum.path} || '%' and u.dissolved_on is null
              left join periods p on p.scope_unit_id = ${konTum.id} and p.starts_on = ${day >= 20 ? '2026-12-01' : '2026-11-01'}::date
              left join reports r on r.unit_id = m.unit_id and r.period_id = p.id
             where m.status = 'active'`,
      );
      expect(mix!.unsent, `${day}/12`).toBeGreaterThan(1);
      if (day !== 20) expect(mix!.sent, `${day}/12`).toBeGreaterThan(0);
    }
  }, SLOW_TEST_TIMEOUT_MS);

  it('says a report is begun (reminders, /chuanop) only once something was answered, not when the greeting was read', async () => {
    const at = new Date('2026-11-22T03:00:00Z');
    await seedDemo(handle.db, { now: at, timeZone });
    const user = (await bindDemoAccount(handle.db, { channel: 'console', role: 'secretary', at, timeZone }))!;
    const [unit] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.name, user.unitName));
    const rootPath = `/${unit!.path.split('/')[1]}/`;
    const unsent = async () => (await listUnsentUnits(handle.db, { unitPath: rootPath, month: '2026-11-01', limit: 100 })).units;
    const mine = async () => (await unsent()).find((u) => u.unitId === unit!.id)!;
    expect((await mine()).started).toBe(false);
    // The demo's own begun report (answers kept on the draft) counts as begun.
    expect((await unsent()).some((u) => u.started)).toBe(true);
    await sayAs(handle.db, user, '/baocao', at);
    expect((await mine()).started).toBe(false);
    await sayAs(handle.db, user, 'Bắt đầu', at);
    await sayAs(handle.db, user, '2', at);
    expect((await mine()).started).toBe(true);
  });

  it('writes nothing when played on over a quiet night (no report sent, same reporting month)', async () => {
    await seedDemo(handle.db, { now: new Date('2026-12-15T16:00:00Z'), timeZone }); // 23:00 in Hà Nội
    const audits = async () => (await handle.db.select().from(t.auditLog)).length;
    const before = await audits();
    expect(await topUpDemo(handle.db, { now: new Date('2026-12-15T22:00:00Z'), timeZone })).toBe(0); // 05:00
    expect(await audits()).toBe(before);
    // A week later, the period has opened and units have sent: those are played on.
    expect(await topUpDemo(handle.db, { now: new Date('2026-12-22T13:00:00Z'), timeZone })).toBeGreaterThan(0);
  });

  it('never stores a report sent before its period opened, and a no-activity report carries no attendance', async () => {
    await seedDemo(handle.db, { now: new Date('2026-12-02T03:00:00Z'), timeZone });
    const [row] = await queryRows<{ early: number; zero_attendance: number; on_time_wrong: number }>(
      handle.db,
      sql`select count(*) filter (where r.submitted_at < p.opens_at)::int as early,
                 count(*) filter (where r.no_activity and (r.members_present is not null or r.members_total is not null))::int as zero_attendance,
                 0 as on_time_wrong
            from reports r join periods p on p.id = r.period_id`,
    );
    expect(row).toMatchObject({ early: 0, zero_attendance: 0 });
  });

  it('plays on when the data directory is used again later: the new month has sent, late and unsent units, and the terminal still has a report to make', async () => {
    const first = new Date('2026-12-02T03:00:00Z');
    await seedDemo(handle.db, { now: first, timeZone });
    const before = (await bindDemoAccount(handle.db, { channel: 'console', role: 'secretary', at: first, timeZone }))!;
    const later = new Date('2027-01-03T03:00:00Z'); // December is the reporting month, its due date passed
    const added = await topUpDemo(handle.db, { now: later, timeZone });
    expect(added).toBeGreaterThan(10);
    expect(await topUpDemo(handle.db, { now: later, timeZone })).toBe(0);
    const [dec] = await queryRows<{ sent: number; late: number }>(
      handle.db,
      sql`select count(*) filter (where r.status = 'submitted')::int as sent, count(*) filter (where r.submitted_at > p.due_at)::int as late
            from reports r join periods p on p.id = r.period_id where p.starts_on = '2026-12-01'`,
    );
    expect(dec!.sent).toBeGreaterThan(5);
    expect(dec!.late).toBeGreaterThan(0);
    // The unit of the person who tried the terminal is theirs: nothing was sent in their name.
    const again = (await bindDemoAccount(handle.db, { channel: 'console', role: 'secretary', at: later, timeZone }))!;
    expect(again.externalUserId).toBe(before.externalUserId);
    expect(await sayAs(handle.db, again, '/tiendo', later)).toContain('chưa báo cáo tháng 12/2026');
  }, SLOW_TEST_TIMEOUT_MS);
});
