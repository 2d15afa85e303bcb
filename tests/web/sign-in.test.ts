import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleInbound } from '../../src/services/inbound.js';
import type { OutboundPayload } from '../../src/delivery/payload.js';
import { issueCliWebLink, issueWebLink } from '../../src/services/web-sign-in.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { personNamed, personWithRole, webConsole } from '../helpers/web-console.js';

const timeZone = 'Asia/Ho_Chi_Minh';
const start = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;

// One demo organisation for the file; each test signs in as its own person, so none disturbs another.
beforeAll(async () => {
  handle = await createDemoOnTelegram(timeZone);
});
afterAll(async () => {
  await handle.close();
});

async function audit(action: string) {
  return handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, action));
}

describe('sign-in links', () => {
  it('opens a page with one «Đăng nhập» button that spends nothing, then signs in once with a POST', async () => {
    const web = webConsole(handle.db, start);
    const leader = await personNamed(handle.db, 'Lê Quang Vinh');
    const token = await web.link(leader);

    const page = await web.request(`/dang-nhap/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/dang-nhap">');
    expect(html).toContain('Đăng nhập');
    // Opening the page (a link preview, a mail scanner) did not spend it: it still signs in.
    expect((await web.request(`/dang-nhap/${token}`)).status).toBe(200);

    const signedIn = await web.post('/dang-nhap', { token });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/');
    const cookie = signedIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^chibo_phien=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    expect((await audit('web.sign_in')).filter((a) => a.actorPersonId === leader)).toHaveLength(1);

    const again = await web.post('/dang-nhap', { token });
    expect(again.status).toBe(410);
    const text = await again.text();
    expect(text).toContain('đã được dùng');
    expect(text).toContain('/web');
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('stores only a hash of the token', async () => {
    const web = webConsole(handle.db, start);
    const token = await web.link(await personWithRole(handle.db, 'KT.KONRAY', 'leader'));
    const rows = await handle.db.select().from(t.webLoginLinks);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('refuses a link after ten minutes, and a forged one, with a page that says how to get a new one', async () => {
    const web = webConsole(handle.db, start);
    const token = await web.link(await personWithRole(handle.db, 'KT.KONRAY', 'leader'));
    web.advance(10 * 60_000 + 1000);
    const expired = await web.post('/dang-nhap', { token });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('hết hạn');
    expect((await web.request(`/dang-nhap/${token}`)).status).toBe(410);

    const forged = await web.request(`/dang-nhap/${'A'.repeat(43)}`);
    expect(forged.status).toBe(404);
    const body = await forged.text();
    expect(body).toContain('không đúng');
    expect(body).toContain('nhắn /web');
    expect((await web.post('/dang-nhap', { token: 'x'.repeat(5000) })).status).toBeGreaterThanOrEqual(400);
  });

  it('refuses a sign-in posted from another site (login CSRF) or with no Origin', async () => {
    const web = webConsole(handle.db, start);
    const token = await web.link(await personWithRole(handle.db, 'KT.KONRAY', 'leader'));
    expect((await web.post('/dang-nhap', { token }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await web.post('/dang-nhap', { token }, { origin: null })).status).toBe(403);
    // Still unspent: the genuine page can use it.
    expect((await web.post('/dang-nhap', { token })).status).toBe(303);
  });

  it('gives no link to someone whose roles have ended, and ends their open sessions', async () => {
    const web = webConsole(handle.db, start);
    const leader = await personNamed(handle.db, 'Trần Văn Quý');
    const browser = await web.signIn(leader);
    expect((await browser.get('/')).status).toBe(200);
    await handle.db.update(t.unitRoles).set({ endedAt: start }).where(eq(t.unitRoles.personId, leader));
    const after = await browser.get('/');
    expect(after.status).toBe(401);
    expect(await after.text()).toContain('Chức danh của đồng chí đã kết thúc');
    expect(await issueWebLink(handle.db, { personId: leader, now: start, baseUrl: 'http://x' })).toBeNull();
  });
});

describe('sessions', () => {
  it('expire after 12 hours idle, and stay open while used', async () => {
    const web = webConsole(handle.db, start);
    const browser = await web.signIn(await personWithRole(handle.db, 'KT.KONRAY', 'leader'));
    web.advance(11 * 3600_000);
    expect((await browser.get('/don-vi')).status).toBe(200);
    web.advance(11 * 3600_000);
    expect((await browser.get('/don-vi')).status).toBe(200);
    web.advance(12 * 3600_000 + 60_000);
    const expired = await browser.get('/don-vi');
    expect(expired.status).toBe(401);
    expect(await expired.text()).toContain('hết hạn');
  });

  it('end with «Đăng xuất» (a POST with the form token), audited', async () => {
    const web = webConsole(handle.db, start);
    const leader = await personNamed(handle.db, 'A Kiên');
    const browser = await web.signIn(leader);
    expect(browser.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Without the token, or from another site: refused, still signed in.
    expect((await browser.post('/dang-xuat', { _csrf: 'wrong' })).status).toBe(403);
    expect((await browser.post('/dang-xuat', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await browser.get('/')).status).toBe(200);

    const out = await browser.post('/dang-xuat', {});
    expect(out.status).toBe(200);
    expect(await out.text()).toContain('đã đăng xuất');
    expect((await browser.get('/')).status).toBe(401);
    expect((await audit('web.sign_out')).filter((a) => a.actorPersonId === leader)).toHaveLength(1);
  });

  it('answer a tampered or unknown cookie with 401 and a short page, never a stack trace', async () => {
    const web = webConsole(handle.db, start);
    const browser = await web.signIn(await personWithRole(handle.db, 'KT.KONRAY', 'leader'));
    for (const cookie of [`${browser.cookie}x`, 'chibo_phien=' + 'B'.repeat(43), 'chibo_phien=%00%ff', 'chibo_phien=']) {
      const res = await web.request('/', { cookie });
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).toContain('/web');
      expect(text).not.toMatch(/at .*\.ts:\d+|Error:/);
    }
  });
});

describe('/web in a chat', () => {
  async function say(externalUserId: string, text: string, updateId: number) {
    const outcome = await handleInbound(
      handle.db,
      {
        channel: 'telegram',
        externalId: String(updateId),
        receivedAt: start,
        from: { externalUserId, chatId: externalUserId, displayName: 'x' },
        message: { type: 'text', text },
      },
      { timeZone, webBaseUrl: () => 'https://theodoi.example.vn' },
    );
    const rows = await handle.db.select().from(t.outboundMessages);
    return rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => (r.payload as OutboundPayload).text);
  }

  it('gives a bound person a one-time link to the configured address; an ended role gets nothing', async () => {
    const leader = await personNamed(handle.db, 'Đinh Văn Tú');
    const [reply] = await say(`p${leader}`, '/web', 1);
    expect(reply).toMatch(/https:\/\/theodoi\.example\.vn\/dang-nhap\/[A-Za-z0-9_-]{43}/);
    expect(reply).toContain('10 phút');
    const token = /dang-nhap\/([A-Za-z0-9_-]{43})/.exec(reply!)![1]!;
    const web = webConsole(handle.db, start);
    expect((await web.post('/dang-nhap', { token })).status).toBe(303);

    await handle.db.update(t.unitRoles).set({ endedAt: start }).where(eq(t.unitRoles.personId, leader));
    const [refused] = await say(`p${leader}`, '/web', 2);
    expect(refused).not.toContain('dang-nhap');
    expect(refused).toContain('chưa có chức danh');
  });
});

describe('/web in the help', () => {
  it('is named by /trogiup for leaders and secretaries, and by the help inside a check-in', async () => {
    const say = async (personId: number, text: string, updateId: number) => {
      const outcome = await handleInbound(
        handle.db,
        { channel: 'telegram', externalId: `help-${updateId}`, receivedAt: start, from: { externalUserId: `p${personId}`, chatId: `p${personId}`, displayName: 'x' }, message: { type: 'text', text } },
        { timeZone },
      );
      const rows = await handle.db.select().from(t.outboundMessages);
      return rows.filter((r) => outcome.outboxIds.includes(r.id)).map((r) => (r.payload as OutboundPayload).text).join('\n');
    };
    const leaderHelp = await say(await personNamed(handle.db, 'Lê Quang Vinh'), '/trogiup', 1);
    expect(leaderHelp).toMatch(/Lãnh đạo, bí thư, quản trị: .*\/web – liên kết đăng nhập trang theo dõi/);

    const [secretary] = await handle.db
      .select({ personId: t.unitRoles.personId })
      .from(t.unitRoles)
      .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.unitRoles.unitId))
      .where(and(eq(t.unitRoles.role, 'secretary'), eq(t.orgUnits.code, 'KT.KONRAY.HKL')));
    await say(secretary!.personId, '/baocao', 2);
    const inCheckin = await say(secretary!.personId, '/trogiup', 3);
    expect(inCheckin).toContain('/web để xem báo cáo và ảnh của chi bộ');
  });
});

describe('npm run cli -- web-link', () => {
  it('signs in as the holder of the role, or gives the role to a new person, audited', async () => {
    const existing = await issueCliWebLink(handle.db, { unitCode: 'KT.KONRAY', role: 'leader', phone: '0385440105', now: start, baseUrl: 'http://127.0.0.1:8080' });
    expect(existing.created).toBe(false);
    expect(existing.personName).toBe('Y Sương');
    expect(existing.url).toMatch(/^http:\/\/127\.0\.0\.1:8080\/dang-nhap\//);

    const admin = await issueCliWebLink(handle.db, { unitCode: 'KT', role: 'admin', name: 'Nguyễn Quản Trị', now: start, baseUrl: 'http://127.0.0.1:8080' });
    expect(admin.created).toBe(true);
    expect(admin.personName).toBe('Nguyễn Quản Trị');
    const assigned = (await audit('role.assign')).filter((a) => a.entityId === String(admin.personId));
    expect(assigned).toHaveLength(1);
    expect(assigned[0]!.details).toMatchObject({ unitCode: 'KT', role: 'admin' });
    // The second time, the admin exists: no new person.
    const again = await issueCliWebLink(handle.db, { unitCode: 'KT', role: 'admin', now: start, baseUrl: 'http://127.0.0.1:8080' });
    expect(again.created).toBe(false);
    expect(again.personName).toBe('Nguyễn Quản Trị');
    const admins = await handle.db
      .select()
      .from(t.unitRoles)
      .where(and(eq(t.unitRoles.role, 'admin')));
    expect(admins).toHaveLength(1);
  });
});
