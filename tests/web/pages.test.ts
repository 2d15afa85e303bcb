import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { APP_CSS_PATH } from '../../src/web/assets.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { readWorkbook } from '../helpers/read-files.js';
import { createLogger } from '../../src/log.js';
import { ExportJobRunner } from '../../src/services/export-job.js';
import { enqueueExportJobs } from '../../src/storage/queries/export-jobs.js';
import { personNamed, unitId, webConsole } from '../helpers/web-console.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const start = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
let web: ReturnType<typeof webConsole>;
let leader: Awaited<ReturnType<ReturnType<typeof webConsole>['signIn']>>;

beforeAll(async () => {
  handle = await createDemoOnTelegram(timeZone);
  web = webConsole(handle.db, start, { exportWaitMs: 60_000 });
  leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
});
afterAll(async () => {
  await handle.close();
});

describe('every page', () => {
  it('carries the security headers and one local stylesheet, and no script', async () => {
    const res = await leader.get('/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain(`href="${APP_CSS_PATH}"`);
    const css = await web.request(APP_CSS_PATH);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toContain('immutable');
  });
});

describe('Tổng quan', () => {
  it('shows the month matrix of the sub-units, the totals in Vietnamese numbers, the trend chart and the warnings', async () => {
    const html = await (await leader.get('/?tu=2026-06&den=2026-11')).text();
    expect(html).toContain('Tổng quan: Huyện ủy Kon Rẫy');
    expect(html).toContain('<table class="matrix">');
    for (const m of ['06/2026', '07/2026', '08/2026', '09/2026', '10/2026', '11/2026']) expect(html).toContain(`>${m}<`);
    expect(html).toContain('Đảng ủy xã Đăk Tơ Lung');
    expect(html).toMatch(/class="cell (ok|warn|bad)"/);
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('Tỷ lệ dự sinh hoạt');
    expect(html).toMatch(/\d+(,\d)?%/);
    expect(html).toContain('Mô hình không có hoạt động 2 tháng liền (đến 11/2026)');
    expect(html).toContain('Khó khăn, đề xuất đã nêu');
  });

  it('counts exactly what the shared figures count', async () => {
    const { loadSubmissionBySubunit } = await import('../../src/storage/queries/figures.js');
    const { sumSubmission } = await import('../../src/core/figures/arithmetic.js');
    const konray = await unitId(handle.db, 'KT.KONRAY');
    const sent = sumSubmission(await loadSubmissionBySubunit(handle.db, { unitId: konray, months: ['2026-10-01'] }));
    const html = await (await leader.get('/?tu=2026-10&den=2026-10')).text();
    expect(html).toContain(`${sent.submitted}/${sent.expected}</b>`);
  });
});

describe('Vietnamese formats', () => {
  it('writes thousands with a dot, rates with a decimal comma, months as 11/2026 and dates as 21/11/2026 on every page', async () => {
    // One model of the district reports 1.640 participants in November.
    const dtl = await unitId(handle.db, 'KT.KONRAY.DTL');
    const [sent] = await handle.db
      .select({ reportId: t.reports.id, answerId: t.modelAnswers.id, modelId: t.modelAnswers.modelId })
      .from(t.modelAnswers)
      .innerJoin(t.reports, eq(t.reports.id, t.modelAnswers.reportId))
      .innerJoin(t.periods, eq(t.periods.id, t.reports.periodId))
      .where(and(eq(t.reports.unitId, dtl), eq(t.reports.status, 'submitted'), eq(t.periods.startsOn, '2026-10-01')))
      .limit(1);
    await handle.db.update(t.modelAnswers).set({ participants: 1640 }).where(eq(t.modelAnswers.id, sent!.answerId));

    const overview = await (await leader.get('/?tu=2026-10&den=2026-10')).text();
    const stat = (label: string) => new RegExp(`${label}<b>([^<]*)</b>`).exec(overview)?.[1];
    expect(stat('Lượt người tham gia')).toMatch(/^\d{1,3}(\.\d{3})+$/);
    expect(stat('Tỷ lệ dự sinh hoạt')).toMatch(/^\d{1,3}(,\d)?%$/);
    expect(overview).toContain('>10/2026<');
    expect(overview).not.toMatch(/\b2026-\d{2}\b(?![^<]*")/);

    const model = await (await leader.get(`/mo-hinh/${sent!.modelId}`)).text();
    expect(model).toContain('<td class="num">1.640</td>');
    expect(model).toMatch(/>10\/2026</);
    expect(model).toMatch(/\d{2}\/\d{2}\/\d{4}/); // started on

    const report = await (await leader.get(`/bao-cao/${sent!.reportId}`)).text();
    expect(report).toContain('Báo cáo tháng 10/2026');
    expect(report).toContain('<dd>1.640</dd>');
    expect(report).toMatch(/<dd>\d{2}\/\d{2}\/\d{4}<\/dd>/); // due date
    expect(report).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/); // sent at

    const unit = await (await leader.get(`/don-vi/${dtl}`)).text();
    expect(unit).toMatch(/<th scope="row">\d{2}\/\d{4}<\/th>/);
    expect(unit).not.toMatch(/\d{4}-\d{2}-\d{2}(?![^<]*")/);
  });
});

describe('Đơn vị', () => {
  it('walks the tree and finds a unit by name without diacritics', async () => {
    const list = await (await leader.get('/don-vi')).text();
    expect(list).toContain('Huyện ủy Kon Rẫy');
    expect(list).toContain('Đảng ủy xã Đăk Tơ Lung');
    const found = await (await leader.get('/don-vi?q=dak%20to%20lung')).text();
    expect(found).toContain('Đảng ủy xã Đăk Tơ Lung');
    expect(await (await leader.get('/don-vi?q=KONLUNG')).text()).toContain('Chi bộ thôn Kon Lung');
    expect(await (await leader.get('/don-vi?q=zzzz')).text()).toContain('Không tìm thấy đơn vị nào');
  });

  it('shows a unit with its months, models and people (roles, channel, last seen)', async () => {
    const dtl = await unitId(handle.db, 'KT.KONRAY.DTL');
    const html = await (await leader.get(`/don-vi/${dtl}`)).text();
    expect(html).toContain('Đảng ủy xã Đăk Tơ Lung');
    expect(html).toContain('Huyện ủy Kon Rẫy'); // the path above, inside the scope
    expect(html).toContain('Chi bộ thôn Kon Lung');
    expect(html).toContain('Nhân dân làm Chổi Đót');
    expect(html).toContain('A Thút');
    expect(html).toContain('Telegram');
    expect(html).toMatch(/href="\/bao-cao\/\d+"/);
    expect(html).toContain('11/2026');
  });
});

describe('Báo cáo', () => {
  it('shows every answer as given, the question-set version, the history and the photos', async () => {
    const dtl = await unitId(handle.db, 'KT.KONRAY.DTL');
    const [report] = await handle.db.select().from(t.reports).where(eq(t.reports.unitId, dtl)).limit(1);
    const html = await (await leader.get(`/bao-cao/${report!.id}`)).text();
    expect(html).toContain('Báo cáo tháng');
    // The demo's reports are answered under the default set's version 2 (issue 18).
    expect(html).toContain('Bộ câu hỏi phiên bản 2');
    expect(html).toContain('Lịch sử các lần gửi');
    expect(html).toContain('Ảnh minh chứng');
    if (!report!.noActivity) {
      expect(html).toContain('Sinh hoạt thường kỳ (cuộc)');
      expect(html).toContain(`${report!.membersPresent}/${report!.membersTotal}`);
    }
  });

  it('shows a photo of the report as a thumbnail served by the photo route', async () => {
    const dtl = await unitId(handle.db, 'KT.KONRAY.DTL');
    const [sent] = await handle.db
      .select({ reportId: t.reports.id, answerId: t.modelAnswers.id })
      .from(t.modelAnswers)
      .innerJoin(t.reports, eq(t.reports.id, t.modelAnswers.reportId))
      .where(eq(t.reports.unitId, dtl))
      .limit(1);
    const [photo] = await handle.db.insert(t.attachments).values({ reportId: sent!.reportId, modelAnswerId: sent!.answerId, channel: 'telegram', fileRef: 'AgACAgI-test' }).returning();
    const html = await (await leader.get(`/bao-cao/${sent!.reportId}`)).text();
    expect(html).toContain(`<img src="/anh/${photo!.id}/thumb"`);
  });
});

describe('the photo routes', () => {
  it('are mounted at /anh with the scope of the signed-in viewer, and keep their own stricter headers', async () => {
    const { Hono } = await import('hono');
    const seen: (readonly string[] | null)[] = [];
    const withPhotos = webConsole(handle.db, start, {
      photoRoutes: (resolveScopePaths) =>
        new Hono().get('/:id/:variant', async (c) => {
          seen.push(await resolveScopePaths(c));
          return c.body('jpeg', 200, { 'Content-Type': 'image/jpeg', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'private, max-age=3600' });
        }),
    });
    const browser = await withPhotos.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    const photo = await browser.get('/anh/12/thumb');
    expect(photo.status).toBe(200);
    expect(photo.headers.get('referrer-policy')).toBe('no-referrer');
    expect(photo.headers.get('cache-control')).toBe('private, max-age=3600');
    const konray = await handle.db.select({ path: t.orgUnits.path }).from(t.orgUnits).where(eq(t.orgUnits.code, 'KT.KONRAY'));
    expect(seen[0]).toEqual([konray[0]!.path]);
    await withPhotos.request('/anh/12/thumb');
    expect(seen[1]).toBeNull();
  });
});

describe('Mô hình', () => {
  it('filters by field, status and "no activity since", and opens a model with its series', async () => {
    const all = await (await leader.get('/mo-hinh')).text();
    expect(all).toContain('Nhân dân làm Chổi Đót');
    const env = await (await leader.get('/mo-hinh?linh-vuc=moi_truong')).text();
    expect(env).toContain('Đoạn đường Thanh niên tự quản');
    expect(env).not.toContain('Nhân dân làm Chổi Đót');
    expect(await (await leader.get('/mo-hinh?tinh-trang=discontinued')).text()).toContain('Không có mô hình nào khớp bộ lọc');
    const idle = await (await leader.get('/mo-hinh?khong-hoat-dong-tu=2026-12')).text();
    expect(idle).toContain('Nhân dân làm Chổi Đót');

    const [model] = await handle.db.select().from(t.models).where(eq(t.models.title, 'Nhân dân làm Chổi Đót'));
    const page = await (await leader.get(`/mo-hinh/${model!.id}`)).text();
    expect(page).toContain('Số liệu theo tháng');
    expect(page).toContain('Kinh tế');
    expect(page).toContain('Ảnh của mô hình');
  });
});

describe('Xuất', () => {
  it('downloads the same XLSX as /xuat for a unit in scope and a month range, audited', async () => {
    const form = await (await leader.get('/xuat')).text();
    expect(form).toContain('name="_csrf"');
    const made = await leader.post('/xuat', { 'don-vi': 'KT.KONRAY.DTL', tu: '2026-06', den: '2026-11', 'dinh-dang': 'xlsx' });
    expect(made.status).toBe(303);
    const location = made.headers.get('location')!;
    expect(location).toMatch(/^\/xuat\/tep\/\d+$/);
    const file = await leader.get(location);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(file.headers.get('content-disposition')).toContain('so-lieu_KT.KONRAY.DTL_2026-06_2026-11.xlsx');
    const workbook = await readWorkbook(new Uint8Array(await file.arrayBuffer()));
    expect(workbook.worksheets.length).toBe(5);
    const audits = await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'web.export.download'));
    expect(audits).toHaveLength(1);
    // Listed on the Xuất page afterwards.
    expect(await (await leader.get('/xuat')).text()).toContain(location);
  });

  it('offers a long export on the Xuất page when it is ready instead of holding the request', async () => {
    const slow = webConsole(handle.db, start, { exportWaitMs: 0 });
    const browser = await slow.signIn(await personNamed(handle.db, 'Y Sương'));
    const made = await browser.post('/xuat', { 'don-vi': 'KT.KONRAY', tu: '2026-01', den: '2026-11', 'dinh-dang': 'docx' });
    expect(made.status).toBe(303);
    const target = made.headers.get('location')!;
    expect(target).toBe('/xuat');
    expect(await (await browser.get('/xuat')).text()).toMatch(/Đang chuẩn bị tệp|bao-cao-so-ket_KT\.KONRAY/);
    // Wait for the condition (the file listed), not for a time.
    await vi.waitFor(
      async () => {
        const page = await (await browser.get('/xuat')).text();
        expect(page).toMatch(/href="\/xuat\/tep\/\d+"[^>]*>Tải về bao-cao-so-ket_KT\.KONRAY_2026-01_2026-11\.docx/);
      },
      { timeout: 60_000, interval: 50 },
    );
  });

  it('offers the units of the scope in a select, the one asked for chosen, and takes a typed code instead', async () => {
    const page = await (await leader.get('/xuat')).text();
    const select = /<select name="don-vi">([\s\S]*?)<\/select>/.exec(page)![1]!;
    const codes = [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    // The district first (chosen), then each commune followed by its chi bộ; nothing of another district.
    expect(codes[0]).toBe('KT.KONRAY');
    expect(select).toMatch(/<option value="KT\.KONRAY" selected="">Huyện ủy Kon Rẫy \(KT\.KONRAY\)<\/option>/);
    expect(codes.indexOf('KT.KONRAY.DTL')).toBeLessThan(codes.indexOf('KT.KONRAY.DTL.KONLUNG'));
    expect(codes.every((c) => c!.startsWith('KT.KONRAY'))).toBe(true);
    expect(page).toContain('name="ma-don-vi"');
    // From a unit page's link: that unit chosen.
    const fromUnit = await (await leader.get('/xuat?don-vi=KT.KONRAY.DTL')).text();
    expect(fromUnit).toMatch(/<option value="KT\.KONRAY\.DTL" selected="">/);

    // A typed code wins over the select.
    const typed = await leader.post('/xuat', { 'don-vi': 'KT.KONRAY', 'ma-don-vi': 'KT.KONRAY.DTL.KONLUNG', tu: '2026-10', den: '2026-11', 'dinh-dang': 'csv' });
    expect(typed.status).toBe(303);
    const file = await leader.get(typed.headers.get('location')!);
    expect(file.headers.get('content-disposition')).toContain('KT.KONRAY.DTL.KONLUNG_2026-10_2026-11');
    // A typed code outside the scope: 404, said in Vietnamese, the code shown back as typed.
    const outside = await leader.post('/xuat', { 'don-vi': 'KT.KONRAY', 'ma-don-vi': 'KT.KONPLONG', tu: '2026-10', den: '2026-11', 'dinh-dang': 'csv' });
    expect(outside.status).toBe(404);
    const refused = await outside.text();
    expect(refused).toContain('Không có đơn vị mã KT.KONPLONG trong phạm vi của đồng chí.');
    expect(refused).toContain('name="ma-don-vi" value="KT.KONPLONG"');
    // A malformed code, typed or chosen: 400.
    expect((await leader.post('/xuat', { 'don-vi': 'KT.KONRAY', 'ma-don-vi': 'KT KONRAY', tu: '2026-10', den: '2026-11', 'dinh-dang': 'csv' })).status).toBe(400);
    expect((await leader.post('/xuat', { 'don-vi': '../KT', tu: '2026-10', den: '2026-11', 'dinh-dang': 'csv' })).status).toBe(400);
  });

  it('offers a secretary only their own unit', async () => {
    const [secretary] = await handle.db
      .select({ personId: t.unitRoles.personId })
      .from(t.unitRoles)
      .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.unitRoles.unitId))
      .where(and(eq(t.unitRoles.role, 'secretary'), eq(t.orgUnits.code, 'KT.KONRAY.DTL.KONLUNG')));
    const browser = await web.signIn(secretary!.personId);
    const page = await (await browser.get('/xuat')).text();
    const select = /<select name="don-vi">([\s\S]*?)<\/select>/.exec(page)![1]!;
    expect([...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).toEqual(['KT.KONRAY.DTL.KONLUNG']);
  });

  it('keeps an export a restart cut short: listed as being made, then offered once the service renders it', async () => {
    const personId = await personNamed(handle.db, 'Lê Quang Vinh');
    const job = { personId, unitId: await unitId(handle.db, 'KT.KONRAY.DTL'), subtree: true, from: '2026-06-01', to: '2026-11-01', format: 'csv' as const };
    // A console that queued this export (claimed) and stopped before rendering it.
    await enqueueExportJobs(handle.db, [{ personId, accountId: null, dedupeKey: 'web:cut-short', request: { caption: 'KT.KONRAY.DTL 2026-06–2026-11.csv', job } }], start, { claim: true });
    expect(await (await leader.get('/xuat')).text()).toContain('Đang chuẩn bị tệp');
    // The service's sweep takes it up once the claim has run out.
    const sweep = new ExportJobRunner(handle.db, { now: () => new Date(start.getTime() + 10 * 60_000), timeZone, log: createLogger('silent') });
    expect(await sweep.run()).toBe(1);
    const page = await (await leader.get('/xuat')).text();
    expect(page).toMatch(/href="\/xuat\/tep\/\d+"[^>]*>Tải về so-lieu-mo-hinh_KT\.KONRAY\.DTL_2026-06_2026-11\.csv/);
    expect(page).not.toContain('Đang chuẩn bị tệp');
  });

  it('says what is wrong with a bad range', async () => {
    const res = await leader.post('/xuat', { 'don-vi': 'KT.KONRAY', tu: '2026-11', den: '2026-01', 'dinh-dang': 'xlsx' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Khoảng tháng không hợp lệ');
  });
});
