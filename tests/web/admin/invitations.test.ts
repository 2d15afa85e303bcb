import { and, eq, inArray } from 'drizzle-orm';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as messages } from '../../../src/core/messages/vi.js';
import { handleInbound } from '../../../src/services/inbound.js';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import * as t from '../../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../../helpers/demo-on-telegram.js';
import { makeAdmin, personNamed, unitId, webConsole } from '../../helpers/web-console.js';

// jsqr is a CommonJS bundle whose types describe an ES default export: loaded as CommonJS.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;
const start = new Date('2026-11-21T03:00:00Z');
const BOT = 'chibo_thu_bot';
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createDemoOnTelegram('Asia/Ho_Chi_Minh');
  // Three people of Kon Rẫy have not pressed Start yet.
  const ids = await Promise.all(['Bùi Đức Thắng', 'A Đin', 'A Blơng'].map((n) => personNamed(handle.db, n)));
  await handle.db.delete(t.channelAccounts).where(inArray(t.channelAccounts.personId, ids));
});
afterAll(async () => {
  await handle.close();
});

/** What a phone camera reads from a PNG. */
function readQr(png: Uint8Array): string | null {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

const codeIn = (html: string) => /class="invite-code-big">([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</.exec(html)?.[1]?.replace(/-/g, '');
const say = async (externalUserId: string, text: string) => {
  const outcome = await handleInbound(handle.db, { channel: 'telegram', externalId: `m-${externalUserId}-${text}`, receivedAt: start, from: { externalUserId, chatId: externalUserId }, message: { type: 'text', text } }, { timeZone: 'Asia/Ho_Chi_Minh' });
  return outcome.toSend.map((s) => (s.message.payload as { text: string }).text).join('\n');
};

describe('invitations in the console (/quan-tri/loi-moi)', () => {
  it('makes one for a person and role: the code, the Telegram deep link, a QR code that reads back, a sheet; it works in the chat', async () => {
    const web = webConsole(handle.db, start, { telegramUsername: BOT });
    const adminId = await makeAdmin(handle.db, 'KT', 'Quản Trị Mời');
    const admin = await web.signIn(adminId);
    const picked = await (await admin.get('/quan-tri/loi-moi?don-vi=KT.KONRAY.HKL')).text();
    expect(picked).toContain('Cán bộ của Chi bộ Hạt Kiểm lâm');
    expect(picked).toContain('Bùi Đức Thắng');
    expect(picked).toContain('chưa kết nối');
    const thang = await personNamed(handle.db, 'Bùi Đức Thắng');
    const made = await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY.HKL', 'can-bo': String(thang), 'vai-tro': 'secretary', 'so-ngay': '14' });
    expect(made.status).toBe(200);
    const html = await made.text();
    const code = codeIn(html)!;
    expect(code).toHaveLength(12);
    expect(html).toContain('Đã tạo lời mời cho bí thư Chi bộ Hạt Kiểm lâm');
    expect(html).toContain('Kính gửi đồng chí Bùi Đức Thắng');
    const link = `https://t.me/${BOT}?start=${code}`;
    expect(html).toContain(`href="${link}"`);
    expect(html).toContain('<svg');
    expect(html).toContain('hết hạn ngày 05/12/2026');

    const [invitation] = await handle.db.select().from(t.invitations).where(and(eq(t.invitations.personId, thang), eq(t.invitations.createdByPersonId, adminId)));
    const png = await admin.get(`/quan-tri/loi-moi/${invitation!.id}/qr.png?ma=${code}`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(readQr(new Uint8Array(await png.arrayBuffer()))).toBe(link);
    const svg = await admin.get(`/quan-tri/loi-moi/${invitation!.id}/qr.svg?ma=${code}`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<path[\s\S]*<\/svg>\s*$/);
    const sheet = await (await admin.get(`/quan-tri/loi-moi/${invitation!.id}/in?ma=${code}`)).text();
    expect(sheet).toContain('class="invite-card"');
    expect(sheet).toContain('Bí thư · Chi bộ Hạt Kiểm lâm');
    expect(sheet).toContain('Mở camera điện thoại, quét mã QR');
    // A wrong code opens nothing.
    expect((await admin.get(`/quan-tri/loi-moi/${invitation!.id}/qr.png?ma=ABCDEFGHJKMN`)).status).toBe(404);

    // Listed as outstanding, then used from the chat: /start <code> binds the account.
    expect(await (await admin.get('/quan-tri/loi-moi')).text()).toContain('Bùi Đức Thắng');
    expect(await say('tg-thang', `/start ${code}`)).toContain('Chào mừng đồng chí Bùi Đức Thắng! Đồng chí đã được ghi nhận là bí thư của Chi bộ Hạt Kiểm lâm');
    const [account] = await handle.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, 'tg-thang'));
    expect(account!.personId).toBe(thang);
    expect(await (await admin.get('/quan-tri/loi-moi')).text()).not.toContain('Bùi Đức Thắng');
    expect((await admin.get(`/quan-tri/loi-moi/${invitation!.id}/qr.png?ma=${code}`)).status).toBe(404);
  });

  it('revokes an outstanding one (audited): its code no longer works in the chat', async () => {
    const web = webConsole(handle.db, start, { telegramUsername: BOT });
    const adminId = await makeAdmin(handle.db, 'KT', 'Quản Trị Thu Hồi');
    const admin = await web.signIn(adminId);
    const made = await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY.HKL', 'vai-tro': 'leader', 'so-ngay': '7' });
    const code = codeIn(await made.text())!;
    const [row] = await handle.db.select().from(t.invitations).where(and(eq(t.invitations.createdByPersonId, adminId)));
    const list = await (await admin.get('/quan-tri/loi-moi')).text();
    expect(list).toContain(`/quan-tri/loi-moi/${row!.id}/thu-hoi`);
    expect(list).toContain('người mới');
    const revoked = await admin.post(`/quan-tri/loi-moi/${row!.id}/thu-hoi`, {});
    expect(revoked.status).toBe(303);
    const after = await (await admin.get(revoked.headers.get('location')!)).text();
    expect(after).toContain('Đã thu hồi lời mời');
    expect(after).not.toContain(`/quan-tri/loi-moi/${row!.id}/thu-hoi`);
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'invitation.revoke'), eq(t.auditLog.actorPersonId, adminId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: start.toISOString() } });
    expect(await say('tg-revoked', `/start ${code}`)).toBe(messages.onboarding.revokedCode);
    expect((await admin.post(`/quan-tri/loi-moi/${row!.id}/thu-hoi`, {})).status).toBe(409);
  });

  it('refuses as `invite` does (a committee, a unit without mô hình unless forced), an ended role, a unit outside the organisation', async () => {
    const web = webConsole(handle.db, start);
    const admin = await web.signIn(await makeAdmin(handle.db, 'KT', 'Quản Trị Từ Chối'));
    const count = async () => (await handle.db.select().from(t.invitations)).length;
    const before = await count();
    const committee = await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY', 'vai-tro': 'secretary', 'so-ngay': '14' });
    expect(committee.status).toBe(400);
    expect(await committee.text()).toContain('là cấp ủy cấp trên, không trực tiếp báo cáo mô hình');
    const noModels = await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY.DTL.KONBRAI', 'vai-tro': 'secretary', 'so-ngay': '14' });
    expect(noModels.status).toBe(400);
    expect(await noModels.text()).toContain('chưa có mô hình nào đang thực hiện');
    const outside = await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'AG.LONGBINH.QUOIAN', 'vai-tro': 'secretary', 'so-ngay': '14' });
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain('Không có đơn vị mã «AG.LONGBINH.QUOIAN» trong tổ chức');
    expect((await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY.HKL', 'vai-tro': 'chief', 'so-ngay': '14' })).status).toBe(400);
    expect((await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY.HKL', 'vai-tro': 'deputy', 'so-ngay': '120' })).status).toBe(400);
    // A role that ended: refused, even forced.
    const din = await personNamed(handle.db, 'A Đin');
    const hkl = await unitId(handle.db, 'KT.KONRAY.HKL');
    await handle.db.update(t.unitRoles).set({ endedAt: new Date('2026-11-01T00:00:00Z') }).where(and(eq(t.unitRoles.personId, din), eq(t.unitRoles.unitId, hkl)));
    const ended = await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY.HKL', 'can-bo': String(din), 'vai-tro': 'deputy', 'so-ngay': '14', 'van-moi': '1' });
    expect(ended.status).toBe(400);
    expect(await ended.text()).toContain('Đồng chí A Đin đã thôi giữ vai trò phó bí thư của Chi bộ Hạt Kiểm lâm');
    await handle.db.update(t.unitRoles).set({ endedAt: null }).where(and(eq(t.unitRoles.personId, din), eq(t.unitRoles.unitId, hkl)));
    expect(await count()).toBe(before);
    // Forced: made, code only (no bot username configured), with Zalo's way to use it.
    const forced = await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY.DTL.KONBRAI', 'vai-tro': 'secretary', 'so-ngay': '14', 'van-moi': '1' });
    expect(forced.status).toBe(200);
    const html = await forced.text();
    expect(codeIn(html)).toHaveLength(12);
    expect(html).toContain('Chưa cấu hình tên bot Telegram');
    expect(html).toContain('quan tâm Official Account của tổ chức, rồi gõ mã mời');
  });

  it('prints a sheet of fresh invitations for every secretary and deputy of a subtree not bound yet, in one go', async () => {
    const web = webConsole(handle.db, start, { telegramUsername: BOT, zaloOaId: '1234567890' });
    const adminId = await makeAdmin(handle.db, 'KT', 'Quản Trị In');
    const admin = await web.signIn(adminId);
    const din = await personNamed(handle.db, 'A Đin');
    // An older code for A Đin: replaced by the sheet's.
    const older = await admin.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY.HKL', 'can-bo': String(din), 'vai-tro': 'deputy', 'so-ngay': '14' });
    const olderHtml = await older.text();
    expect(olderHtml).toContain('https://zalo.me/1234567890');
    const olderCode = codeIn(olderHtml)!;
    const sheet = await admin.post('/quan-tri/loi-moi/in-hang-loat', { 'don-vi': 'KT.KONRAY' });
    expect(sheet.status).toBe(200);
    const html = await sheet.text();
    expect(html).toContain('Lời mời kết nối trợ lý báo cáo · Huyện ủy Kon Rẫy');
    expect(html.match(/class="invite-card"/g)).toHaveLength(1);
    expect(html).toContain('Kính gửi đồng chí A Đin');
    expect(html).toContain('1 đơn vị chưa có mô hình đang thực hiện');
    expect(html.match(/<svg/g)!.length).toBeGreaterThanOrEqual(1);
    expect(await say('tg-din-old', `/start ${olderCode}`)).toBe(messages.onboarding.revokedCode);
    const audit = await handle.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'invitation.bulk'), eq(t.auditLog.actorPersonId, adminId)));
    expect(audit[0]!.details).toMatchObject({ before: { revoked: 1 }, after: { created: 1, skippedUnits: 1 } });
  });

  it('is an admin\'s: a leader gets 403, another organisation\'s invitation 404', async () => {
    const web = webConsole(handle.db, start);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    expect((await leader.get('/quan-tri/loi-moi')).status).toBe(403);
    expect((await leader.post('/quan-tri/loi-moi/tao', { 'don-vi': 'KT.KONRAY.HKL', 'vai-tro': 'leader' })).status).toBe(403);
    expect((await leader.post('/quan-tri/loi-moi/in-hang-loat', {})).status).toBe(403);
    const ag = await web.signIn(await makeAdmin(handle.db, 'AG', 'Quản Trị An Giang'));
    const [kt] = await handle.db.select().from(t.invitations).limit(1);
    expect((await ag.post(`/quan-tri/loi-moi/${kt!.id}/thu-hoi`, {})).status).toBe(404);
    expect((await ag.get(`/quan-tri/loi-moi/${kt!.id}/in?ma=ABCDEFGHJKMN`)).status).toBe(404);
  });
});
