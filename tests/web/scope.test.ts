import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { personNamed, unitId, webConsole } from '../helpers/web-console.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const start = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
/** Ids inside Kon Rẫy (the leader's district) and inside Kon Plông (another district). */
const ids = { konray: 0, dtl: 0, konlung: 0, konplong: 0, otherUnit: 0, otherReport: 0, otherModel: 0, ownReport: 0, ownModel: 0 };

beforeAll(async () => {
  handle = await createDemoOnTelegram(timeZone);
  const db = handle.db;
  ids.konray = await unitId(db, 'KT.KONRAY');
  ids.dtl = await unitId(db, 'KT.KONRAY.DTL');
  ids.konlung = await unitId(db, 'KT.KONRAY.DTL.KONLUNG');
  ids.konplong = await unitId(db, 'KT.KONPLONG');
  ids.otherUnit = await unitId(db, 'KT.KONPLONG.DRING');
  const reportOf = async (unit: number) => (await db.select({ id: t.reports.id }).from(t.reports).where(eq(t.reports.unitId, unit)).limit(1))[0]!.id;
  const modelOf = async (unit: number) => (await db.select({ id: t.models.id }).from(t.models).where(eq(t.models.unitId, unit)).limit(1))[0]!.id;
  ids.otherReport = await reportOf(ids.otherUnit);
  ids.otherModel = await modelOf(ids.otherUnit);
  ids.ownReport = await reportOf(ids.dtl);
  ids.ownModel = await modelOf(ids.dtl);
});
afterAll(async () => {
  await handle.close();
});

describe('a district leader', () => {
  it('sees their subtree and gets 404 for everything of another district', async () => {
    const web = webConsole(handle.db, start);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    for (const path of [`/don-vi/${ids.konray}`, `/don-vi/${ids.dtl}`, `/don-vi/${ids.konlung}`, `/bao-cao/${ids.ownReport}`, `/mo-hinh/${ids.ownModel}`, `/?don-vi=${ids.dtl}`, `/mo-hinh?don-vi=${ids.dtl}`]) {
      expect((await leader.get(path)).status, path).toBe(200);
    }
    for (const path of [
      `/don-vi/${ids.konplong}`,
      `/don-vi/${ids.otherUnit}`,
      `/bao-cao/${ids.otherReport}`,
      `/mo-hinh/${ids.otherModel}`,
      `/?don-vi=${ids.otherUnit}`,
      `/mo-hinh?don-vi=${ids.otherUnit}`,
      `/don-vi/999999`,
      `/bao-cao/999999`,
    ]) {
      const res = await leader.get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html).not.toContain('Đăk Ring');
      expect(html).toContain('ngoài phạm vi');
    }
  });

  it('never finds another district in a search, nor lists its models', async () => {
    const web = webConsole(handle.db, start);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    const search = await (await leader.get('/don-vi?q=dak')).text();
    expect(search).toContain('Đăk Tơ Lung');
    expect(search).not.toContain('Đăk Ring');
    const models = await (await leader.get('/mo-hinh')).text();
    expect(models).toContain('Chổi Đót');
    expect(models).not.toContain('KT.KONPLONG');
    const [other] = await handle.db.select({ title: t.models.title }).from(t.models).where(eq(t.models.id, ids.otherModel));
    expect(models).not.toContain(other!.title);
  });

  it('cannot export another district, nor download a file made for someone else', async () => {
    const web = webConsole(handle.db, start, { exportWaitMs: 60_000 });
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    const refused = await leader.post('/xuat', { 'don-vi': 'KT.KONPLONG', tu: '2026-09', den: '2026-11', 'dinh-dang': 'xlsx' });
    expect(refused.status).toBe(404);
    expect(await handle.db.select().from(t.generatedFiles)).toHaveLength(0);

    const other = await web.signIn(await personNamed(handle.db, 'Trần Văn Quý'));
    const made = await other.post('/xuat', { 'don-vi': 'KT.KONPLONG', tu: '2026-09', den: '2026-11', 'dinh-dang': 'csv' });
    expect(made.status).toBe(303);
    const location = made.headers.get('location')!;
    expect(location).toMatch(/^\/xuat\/tep\/\d+$/);
    expect((await other.get(location)).status).toBe(200);
    expect((await leader.get(location)).status).toBe(404);
  });
});

describe('a secretary', () => {
  it('sees their own unit only, read-only', async () => {
    const web = webConsole(handle.db, start);
    const secretary = await web.signIn(await personNamed(handle.db, 'A Pươi'));
    expect((await secretary.get(`/don-vi/${ids.konlung}`)).status).toBe(200);
    const home = await secretary.get('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Chi bộ thôn Kon Lung');
    for (const path of [`/don-vi/${ids.dtl}`, `/don-vi/${ids.konray}`, `/don-vi/${await unitId(handle.db, 'KT.KONRAY.DTL.KONBRAI')}`, `/bao-cao/${ids.ownReport}`, `/mo-hinh/${ids.ownModel}`, `/?don-vi=${ids.dtl}`]) {
      expect((await secretary.get(path)).status, path).toBe(404);
    }
    const search = await (await secretary.get('/don-vi?q=chi bo')).text();
    expect(search).toContain('Kon Lung');
    expect(search).not.toContain('Kon Brai');
    expect((await secretary.post('/xuat', { 'don-vi': 'KT.KONRAY.DTL', tu: '2026-11', den: '2026-11', 'dinh-dang': 'xlsx' })).status).toBe(404);
  });
});

describe('an admin', () => {
  it('sees the whole organisation of their unit, and not another province', async () => {
    const kt = await unitId(handle.db, 'KT');
    const [admin] = await handle.db.insert(t.people).values({ fullName: 'Quản trị Kon Tum' }).returning();
    await handle.db.insert(t.unitRoles).values({ personId: admin!.id, unitId: await unitId(handle.db, 'KT.BTGDV'), role: 'admin' });
    const web = webConsole(handle.db, start);
    const browser = await web.signIn(admin!.id);
    expect((await browser.get(`/don-vi/${kt}`)).status).toBe(200);
    expect((await browser.get(`/don-vi/${ids.otherUnit}`)).status).toBe(200);
    expect((await browser.get(`/don-vi/${await unitId(handle.db, 'AG')}`)).status).toBe(404);
  });
});

describe('bad input', () => {
  it('answers a malformed query string or an over-long search with 400 and a short page', async () => {
    const web = webConsole(handle.db, start);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    for (const path of [
      '/?tu=abc',
      '/?den=2026-13',
      '/?tu=2020-01&den=2026-11',
      '/?don-vi=12abc',
      '/?don-vi=%E0%A4%A',
      `/don-vi?q=${'a'.repeat(101)}`,
      '/mo-hinh?linh-vuc=xyz',
      '/mo-hinh?trang=0',
      '/mo-hinh?khong-hoat-dong-tu=hom-qua',
      '/xuat?don-vi=%3Cscript%3E',
      '/?tu=2026-11&den=2026-01',
      '/don-vi?q=%FF%FE',
      `/?don-vi=${'9'.repeat(3000)}`,
    ]) {
      const res = await leader.get(path);
      expect(res.status, path).toBe(400);
      const html = await res.text();
      expect(html).toContain('không hợp lệ');
      expect(html).not.toMatch(/at .*\.ts:\d+|Error:/);
    }
    expect((await leader.get('/don-vi/abc')).status).toBe(404);
    expect((await leader.get('/khong-co')).status).toBe(404);
  });

  it('treats search wildcards as letters, so a search never lists the whole scope', async () => {
    const web = webConsole(handle.db, start);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    for (const q of ['%', '_', '%25%', '\\', "' or 1=1 --", '🙂']) {
      const res = await leader.get(`/don-vi?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      expect(await res.text(), q).toContain('Không tìm thấy đơn vị nào');
    }
  });

  it('answers a malformed or over-long form with 400 or 413 and a short page', async () => {
    const web = webConsole(handle.db, start);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    const forms: Record<string, string>[] = [{}, { 'don-vi': 'KT.KONRAY', tu: '2026-11', den: '2026-11' }, { 'don-vi': 'KT.KONRAY', tu: '2026-11', den: '2026-11', 'dinh-dang': 'exe' }];
    for (const form of forms) {
      const res = await leader.post('/xuat', form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect(await res.text()).toContain('không hợp lệ');
    }
    const huge = await leader.post('/xuat', { 'don-vi': 'KT.KONRAY', tu: '2026-11', den: '2026-11', 'dinh-dang': 'xlsx', note: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('dài quá mức cho phép');
  });

  it('shows a short page, never a stack trace, when something fails inside', async () => {
    const web = webConsole(handle.db, start);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    // The model list's table goes away for a moment: the page's query throws.
    await handle.db.execute(sql`alter table models rename to models_away`);
    try {
      const res = await leader.get('/mo-hinh');
      expect(res.status).toBe(500);
      const html = await res.text();
      expect(html).toContain('Hệ thống gặp lỗi khi mở trang này');
      expect(html).not.toMatch(/models_away|relation|at .*\.ts:\d+|Error:/);
    } finally {
      await handle.db.execute(sql`alter table models_away rename to models`);
    }
  });

  it('refuses a form posted without its token or from another site', async () => {
    const web = webConsole(handle.db, start);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    const form = { 'don-vi': 'KT.KONRAY', tu: '2026-11', den: '2026-11', 'dinh-dang': 'xlsx' };
    expect((await leader.post('/xuat', { ...form, _csrf: 'forged' })).status).toBe(403);
    expect((await leader.post('/xuat', form, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await leader.post('/xuat', form, { origin: null })).status).toBe(403);
  });

  it('asks to sign in (401) for every page without a session', async () => {
    const web = webConsole(handle.db, start);
    for (const path of ['/', '/don-vi', `/don-vi/${ids.dtl}`, `/bao-cao/${ids.ownReport}`, '/mo-hinh', `/mo-hinh/${ids.ownModel}`, '/xuat', '/xuat/tep/1']) {
      const res = await web.request(path);
      expect(res.status, path).toBe(401);
      expect(await res.text()).toContain('/web');
    }
    expect((await web.post('/xuat', {})).status).toBe(401);
  });
});
