import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { personNamed, unitId, webConsole } from '../helpers/web-console.js';

/**
 * The web review (issue 19): on a report page, «Đạt» and «Trả lại để sửa» (with a comment) for
 * the nearest leader above the unit, the state and the history for everyone who sees it; a
 * month's list of reports waiting for the viewer's review with a bulk «Đạt»; 403 and an audit
 * entry for someone not above the unit; the overview's chờ duyệt / đạt / trả lại per unit.
 */

const timeZone = 'Asia/Ho_Chi_Minh';
const start = new Date('2026-11-27T03:00:00Z');
let handle: DatabaseHandle;
let web: ReturnType<typeof webConsole>;
type Browser = Awaited<ReturnType<ReturnType<typeof webConsole>['signIn']>>;
let commune: Browser;
let district: Browser;

beforeAll(async () => {
  handle = await createDemoOnTelegram(timeZone);
  web = webConsole(handle.db, start);
  commune = await web.signIn(await personNamed(handle.db, 'Đinh Văn Tú')); // leader of Đảng ủy xã Đăk Tơ Lung
  district = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh')); // leader of Huyện ủy Kon Rẫy, further up
});
afterAll(async () => {
  await handle.close();
});

/** The unit's report of a month, sent in the demo history. */
async function reportOf(code: string, month: string) {
  const [row] = await handle.db
    .select({ id: t.reports.id, version: t.reports.version, status: t.reports.status })
    .from(t.reports)
    .innerJoin(t.periods, eq(t.periods.id, t.reports.periodId))
    .where(and(eq(t.reports.unitId, await unitId(handle.db, code)), eq(t.periods.startsOn, month)));
  if (!row || row.status !== 'submitted') throw new Error(`${code} sent nothing for ${month} in the demo`);
  return row;
}

async function auditCount(action: string, reportId: number): Promise<number> {
  const rows = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, action), eq(t.auditLog.entityId, String(reportId))));
  return rows.length;
}

describe('a report page', () => {
  it('offers the nearest leader above «Đạt» and «Trả lại để sửa», and shows the state and the history', async () => {
    const report = await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-10-01');
    const html = await (await commune.get(`/bao-cao/${report.id}`)).text();
    expect(html).toContain('Chờ duyệt');
    expect(html).toContain(`action="/bao-cao/${report.id}/duyet"`);
    expect(html).toContain(`action="/bao-cao/${report.id}/tra-lai"`);
    expect(html).toContain('name="_csrf"');
    expect(html).toContain(`name="phien-ban" value="${report.version}"`);
    expect(html).toContain('Lịch sử báo cáo');
    expect(html).toContain('Gửi báo cáo · lần gửi 1');
  });

  it('approves: 303 back to the page, which says so, shows «Đạt» and the step in the history', async () => {
    const report = await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-10-01');
    const res = await commune.post(`/bao-cao/${report.id}/duyet`, { 'phien-ban': String(report.version) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/bao-cao/${report.id}?ket-qua=dat`);
    const html = await (await commune.get(res.headers.get('location')!)).text();
    expect(html).toContain('Đã duyệt báo cáo: đạt.');
    expect(html).toContain('<span class="tag ok">Đạt</span>');
    expect(html).toMatch(/Duyệt: đạt · lần gửi \d+ · Đinh Văn Tú · [^<]* · qua trang theo dõi/);
    // Approved: no second «Đạt»; a return is still possible until the month closes.
    expect(html).not.toContain(`action="/bao-cao/${report.id}/duyet"`);
    expect(html).toContain(`action="/bao-cao/${report.id}/tra-lai"`);
    // A second approval of the same version (a stale page) is told who came first.
    const again = await commune.post(`/bao-cao/${report.id}/duyet`, { 'phien-ban': String(report.version) });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Báo cáo đã được duyệt (đạt) bởi đồng chí Đinh Văn Tú');
  });

  it('returns with a comment; an empty one is asked again (400) with nothing changed; an over-long one is cut with a notice, the whole kept', async () => {
    const report = await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-07-01');
    const empty = await commune.post(`/bao-cao/${report.id}/tra-lai`, { 'phien-ban': String(report.version), 'nhan-xet': '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('nhận xét không được để trống');
    const long = `Số lượt tham gia mô hình chưa khớp với biên bản; đề nghị chi bộ kiểm tra lại. ${'Chi tiết. '.repeat(120)}`;
    const res = await commune.post(`/bao-cao/${report.id}/tra-lai`, { 'phien-ban': String(report.version), 'nhan-xet': long });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/bao-cao/${report.id}?ket-qua=tra-lai-cat`);
    const html = await (await commune.get(res.headers.get('location')!)).text();
    expect(html).toContain('Đã trả lại báo cáo để sửa.');
    expect(html).toContain('Nhận xét dài quá 1000 ký tự');
    expect(html).toContain('<span class="tag bad">Trả lại</span>');
    expect(html).toContain('Số lượt tham gia mô hình chưa khớp với biên bản');
    expect(html).toContain('Nhận xét đầy đủ');
    expect(html).toContain(long.trim().slice(-40));
    // Returned: nothing to review until the unit corrects it.
    expect(html).not.toContain(`action="/bao-cao/${report.id}/duyet"`);
    expect(html).not.toContain(`action="/bao-cao/${report.id}/tra-lai"`);
    expect(await auditCount('report.return', report.id)).toBe(1);
  });

  it('refuses a leader who sees the unit but is not the nearest above it: no forms, 403 and an audit entry', async () => {
    const report = await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-09-01');
    const html = await (await district.get(`/bao-cao/${report.id}`)).text();
    expect(html).toContain('Chờ duyệt');
    expect(html).not.toContain(`/bao-cao/${report.id}/duyet`);
    expect(html).toContain('Báo cáo này do lãnh đạo cấp ủy cấp trên trực tiếp');
    const res = await district.post(`/bao-cao/${report.id}/duyet`, { 'phien-ban': String(report.version) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('không phải lãnh đạo cấp ủy cấp trên trực tiếp');
    expect(await auditCount('report.review.forbidden', report.id)).toBe(1);
    const [row] = await handle.db.select({ state: t.reports.reviewState }).from(t.reports).where(eq(t.reports.id, report.id));
    expect(row?.state).toBe('pending');
  });

  it('answers 404 to someone outside the unit\'s scope, and audits the attempt all the same', async () => {
    const report = await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-08-01');
    const other = await web.signIn(await personNamed(handle.db, 'Hoàng Văn Long')); // leader of another commune
    expect((await other.get(`/bao-cao/${report.id}`)).status).toBe(404);
    expect((await other.post(`/bao-cao/${report.id}/duyet`, { 'phien-ban': String(report.version) })).status).toBe(404);
    expect(await auditCount('report.review.forbidden', report.id)).toBe(1);
  });

  it('refuses a form without the session\'s token or from another site (CSRF), and a malformed version', async () => {
    const report = await reportOf('KT.KONRAY.DTL.KONLUNG', '2026-08-01');
    expect((await web.post(`/bao-cao/${report.id}/duyet`, { 'phien-ban': '1', _csrf: 'x'.repeat(43) }, { cookie: commune.cookie })).status).toBe(403);
    expect((await commune.post(`/bao-cao/${report.id}/duyet`, { 'phien-ban': '1' }, { origin: 'http://evil.test' })).status).toBe(403);
    expect((await commune.post(`/bao-cao/${report.id}/duyet`, { 'phien-ban': 'abc' })).status).toBe(400);
    const [row] = await handle.db.select({ state: t.reports.reviewState }).from(t.reports).where(eq(t.reports.id, report.id));
    expect(row?.state).toBe('pending');
  });
});

describe('Duyệt: a month\'s reports waiting for review', () => {
  it('lists only the reports this leader reviews, and approves the chosen ones in bulk', async () => {
    const html = await (await commune.get('/duyet?thang=2026-09')).text();
    expect(html).toContain('Báo cáo chờ duyệt tháng 09/2026');
    expect(html).toContain('Chi bộ thôn Kon Lung');
    expect(html).not.toContain('Đảng ủy xã Đăk Ruồng'); // another commune's leader reviews it
    const picks = [...html.matchAll(/name="bao-cao" value="(\d+:\d+)"/g)].map((m) => m[1]!);
    expect(picks.length).toBeGreaterThan(0);
    const body = new URLSearchParams([['_csrf', commune.csrf], ['thang', '2026-09'], ...picks.map((p) => ['bao-cao', p] as [string, string])]);
    const res = await web.request('/duyet', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, cookie: commune.cookie });
    expect(res.status).toBe(200);
    const after = await res.text();
    expect(after).toContain(`Đã duyệt (đạt) ${picks.length} báo cáo.`);
    expect(after).toContain('Không có báo cáo nào chờ đồng chí duyệt trong tháng này.');
    // The same form again (a second tab): each is told it was approved already.
    const again = await (await web.request('/duyet', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, cookie: commune.cookie })).text();
    expect(again).toContain(`${picks.length} báo cáo không duyệt được:`);
    expect(again).toContain('Báo cáo đã được duyệt (đạt) bởi đồng chí Đinh Văn Tú');
  });

  it('gives the district the communes\' own reports, not their cells\'; is in the menu of leaders only', async () => {
    const html = await (await district.get('/duyet?thang=2026-06')).text();
    expect(html).toContain('Đảng ủy xã Đăk Tơ Lung');
    expect(html).not.toContain('Chi bộ thôn Kon Lung');
    expect(await (await commune.get('/')).text()).toContain('href="/duyet"');
    const secretary = await web.signIn(await personNamed(handle.db, 'A Pươi'));
    expect(await (await secretary.get('/')).text()).not.toContain('href="/duyet"');
    expect(await (await secretary.get('/duyet?thang=2026-06')).text()).toContain('Không có báo cáo nào chờ đồng chí duyệt');
  });

  it('refuses an empty choice and a malformed one', async () => {
    expect((await commune.post('/duyet', { thang: '2026-09' })).status).toBe(400);
    expect((await commune.post('/duyet', { thang: '2026-09', 'bao-cao': '12;drop' })).status).toBe(400);
  });
});

describe('Tổng quan', () => {
  it('shows per unit how many of the month\'s reports wait for review, are approved, are returned', async () => {
    const own = await reportOf('KT.KONRAY.MT', '2026-11-01'); // a cell right under the district
    expect((await district.post(`/bao-cao/${own.id}/duyet`, { 'phien-ban': String(own.version) })).status).toBe(303);
    const html = await (await district.get('/?tu=2026-11&den=2026-11')).text();
    expect(html).toContain('Tình hình duyệt báo cáo tháng 11/2026');
    const rows = await handle.db.execute<{ pending: number; approved: number; returned: number }>(sql`
      select count(*) filter (where r.review_state = 'pending')::int as pending, count(*) filter (where r.review_state = 'approved')::int as approved,
             count(*) filter (where r.review_state = 'returned')::int as returned
        from reports r join periods p on p.id = r.period_id join org_units u on u.id = r.unit_id
       where r.status = 'submitted' and p.starts_on = '2026-11-01' and u.code like 'KT.KONRAY.%'`);
    const counts = (Array.isArray(rows) ? rows : (rows as { rows: { pending: number; approved: number; returned: number }[] }).rows)[0]!;
    expect(counts.approved).toBeGreaterThan(0);
    const table = html.slice(html.indexOf('class="review-states"'));
    expect(table).toContain(`Cộng</th><td class="num"><b>${counts.pending}</b></td><td class="num"><b>${counts.approved}</b></td><td class="num"><b>${counts.returned}</b>`);
    expect(table).toMatch(/Chi bộ Mặt trận<\/a><\/td><td class="num[^"]*">\d+<\/td><td class="num">[1-9]/);
  });
});

describe('Tổng quan, kept for other viewers as the service runs it', () => {
  it('shares its figures between viewers of the unit, and shows a review made in the console at once', async () => {
    // Two reports of one month still waiting for the commune's review (earlier tests approved some).
    const pending = await handle.db.execute<{ id: number; version: number; month: string }>(sql`
      select r.id, r.version, to_char(p.starts_on, 'YYYY-MM') as month from reports r join periods p on p.id = r.period_id join org_units u on u.id = r.unit_id
       where r.status = 'submitted' and r.review_state = 'pending' and u.parent_id = (select id from org_units where code = 'KT.KONRAY.DTL')
       order by p.starts_on desc, r.id`);
    const rows = (Array.isArray(pending) ? pending : (pending as { rows: { id: number; version: number; month: string }[] }).rows) as { id: number; version: number; month: string }[];
    const month = rows.find((r, i) => rows.findIndex((o) => o.month === r.month) !== i)!.month;
    const [outside, report] = rows.filter((r) => r.month === month);
    const path = `/?tu=${month}&den=${month}`;
    const cached = webConsole(handle.db, start, { overviewCacheMs: 60_000 });
    const leader = await cached.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    const reviewTotals = async () => {
      const html = await (await leader.get(path)).text();
      const m = /Cộng<\/th><td class="num"><b>(\d+)<\/b><\/td><td class="num"><b>(\d+)<\/b>/.exec(html.slice(html.indexOf('class="review-states"')))!;
      return { pending: Number(m[1]), approved: Number(m[2]) };
    };
    const before = await reviewTotals();
    // A change made outside the console (here: straight in the database) is not seen while the figures are kept…
    await handle.db.update(t.reports).set({ reviewState: 'approved' }).where(eq(t.reports.id, outside!.id));
    expect(await reviewTotals()).toEqual(before);
    // …a review made through the console clears them: both changes show.
    const approver = await cached.signIn(await personNamed(handle.db, 'Đinh Văn Tú')); // the commune's leader reviews its cells
    expect((await approver.post(`/bao-cao/${report!.id}/duyet`, { 'phien-ban': String(report!.version) })).status).toBe(303);
    expect(await reviewTotals()).toEqual({ pending: before.pending - 2, approved: before.approved + 2 });
  });
});

describe('Cho phép báo cáo bổ sung', () => {
  it('is offered on a unit\'s missed month to the leader above, opens it with a deadline, and says so', async () => {
    const unit = await unitId(handle.db, 'KT.KONRAY.DTL.THDTL');
    // October not sent (the demo's report taken away), past its due date, not closed.
    await handle.db.delete(t.reports).where(eq(t.reports.id, (await reportOf('KT.KONRAY.DTL.THDTL', '2026-10-01')).id));
    const page = await (await commune.get(`/don-vi/${unit}`)).text();
    expect(page).toContain(`action="/don-vi/${unit}/mo-thang"`);
    expect(page).toContain('name="thang" value="2026-10"');
    expect(page).toContain('Cho phép báo cáo bổ sung');
    // The district sees the unit but does not review it: no form, and a post is refused (403).
    expect(await (await district.get(`/don-vi/${unit}`)).text()).not.toContain('/mo-thang');
    expect((await district.post(`/don-vi/${unit}/mo-thang`, { thang: '2026-10', han: '2026-12-05' })).status).toBe(403);
    // A deadline in the past, or a month already sent, is refused with the reason.
    const past = await commune.post(`/don-vi/${unit}/mo-thang`, { thang: '2026-10', han: '2026-11-01' });
    expect(past.status).toBe(409);
    expect(await past.text()).toContain('Hạn báo cáo bổ sung phải sau hôm nay');
    expect((await commune.post(`/don-vi/${unit}/mo-thang`, { thang: '2026-09', han: '2026-12-05' })).status).toBe(409);
    expect((await commune.post(`/don-vi/${unit}/mo-thang`, { thang: '2026-10', han: '5/12/2026' })).status).toBe(400);

    const res = await commune.post(`/don-vi/${unit}/mo-thang`, { thang: '2026-10', han: '2026-12-05' });
    expect(res.status).toBe(303);
    const after = await (await commune.get(res.headers.get('location')!)).text();
    expect(after).toContain('Đã cho phép đơn vị báo cáo bổ sung tháng 10/2026 đến hết ngày 05/12/2026.');
    expect(after).toContain('được báo cáo bổ sung đến 23:59 05/12/2026');
    const audit = await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'period.supplement'));
    expect(audit).toHaveLength(1);
  });
});
