import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTick } from '../../../src/jobs/run-tick.js';
import type { RunningService } from '../../../src/service.js';
import { createInvitation } from '../../../src/services/invite.js';
import * as t from '../../../src/storage/schema/index.js';
import { createFreshUnit } from '../../helpers/fresh-unit.js';
import { startTestService } from '../../helpers/test-service.js';
import { FakeZalo, ZaloFollower } from '../../helpers/fake-zalo.js';
import { makeJpeg } from '../../helpers/photo-fixtures.js';

const APP_ID = '4291763606161179100';
const OA_SECRET = 'oa-secret-key-for-tests';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** 23:00 in Vietnam: inside quiet hours, so the service's own scheduler queues nothing while the conversations run. */
let clock = new Date('2026-11-21T16:00:00Z');
let fake: FakeZalo;
let service: RunningService;
let stopService: (() => Promise<void>) | undefined;

/**
 * Sends everything due at the test's clock and waits until it is recorded. The service's own loop
 * may have claimed a message before drain() did (then drain() returns while it is still being
 * sent), so this waits for the outbox to hold nothing in flight or due, not for one drain.
 */
async function sendDue(): Promise<void> {
  await vi.waitFor(
    async () => {
      await service.dispatcher.drain();
      const [row] = await service.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(t.outboundMessages)
        .where(sql`status = 'sending' or (status = 'pending' and next_attempt_at <= ${clock.toISOString()}::timestamptz)`);
      expect(row?.n).toBe(0);
    },
    { timeout: 25_000, interval: 50 },
  );
}

beforeAll(async () => {
  fake = await new FakeZalo('refresh-initial').start();
  fake.now = () => clock;
  fake.templates.add('301001');
  ({ service, stop: stopService } = await startTestService({
    TIMEZONE: TIME_ZONE,
    ZALO_APP_ID: APP_ID,
    ZALO_OA_SECRET_KEY: OA_SECRET,
    ZALO_APP_SECRET: 'app-secret',
    ZALO_REFRESH_TOKEN: 'refresh-initial',
    ZALO_API_ROOT: fake.url,
    ZALO_OAUTH_ROOT: fake.url,
    ZALO_TEMPLATE_IDS: 'reminder=301001',
  }, { now: () => clock }));
});
afterAll(async () => {
  await stopService?.();
  await fake?.stop();
});

function follower(userId: string): ZaloFollower {
  return new ZaloFollower(userId, { webhookUrl: () => `${service.url}/zalo/webhook`, appId: APP_ID, oaSecretKey: OA_SECRET, fake, now: () => clock });
}

/** Posts an event and waits until the service has handled it (the webhook answers before handling). */
async function say(user: ZaloFollower, event: Record<string, unknown>): Promise<void> {
  const response = await user.post(event);
  expect(response.status).toBe(200);
  await service.zalo!.idle();
}

function lastTo(userId: string) {
  const all = fake.delivered(userId);
  return all[all.length - 1]!;
}

const freshUnit = (code: string) => createFreshUnit(service.database.db, code);

async function invite(unitCode: string) {
  return (await createInvitation(service.database.db, { unitCode, role: 'secretary', days: 14, now: clock })).code;
}

async function onboard(userId: string, unitCode: string): Promise<ZaloFollower> {
  const user = follower(userId);
  await say(user, user.follow());
  await say(user, user.text(await invite(await freshUnit(unitCode))));
  expect(lastTo(userId).text).toContain('Chào mừng đồng chí');
  return user;
}

describe('Zalo Official Account over its webhook', () => {
  it('drops events with a wrong signature, echoes and bodies that are not JSON, answering 200 and storing nothing', async () => {
    const user = follower('z-intruder');
    expect((await user.post(user.text('/baocao'), { signature: 'mac=deadbeef' })).status).toBe(200);
    expect((await user.post(user.text('/baocao'), { signature: '' })).status).toBe(200);
    expect((await user.post(user.echo('Xin chào'))).status).toBe(200);
    const garbage = await fetch(`${service.url}/zalo/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event_name":' });
    expect(garbage.status).toBe(200);
    await service.zalo!.idle();
    expect(await service.database.db.select().from(t.webhookInbox)).toHaveLength(0);
    expect(await service.database.db.select().from(t.inboundMessages)).toHaveLength(0);
    expect(fake.delivered()).toHaveLength(0);
  });

  it('drops a correctly signed event dated a year back or a month ahead (outside the 10-minute window)', async () => {
    const user = follower('z-replay');
    const day = 86_400_000;
    for (const shift of [-365 * day, 30 * day, -11 * 60_000]) {
      const event = { ...user.text('/baocao'), timestamp: String(clock.getTime() + shift) };
      const response = await user.post(event);
      expect(response).toEqual({ status: 200, body: { status: 'dropped' } });
    }
    await service.zalo!.idle();
    expect(await service.database.db.select().from(t.webhookInbox)).toHaveLength(0);
    expect(fake.delivered('z-replay')).toHaveLength(0);
  });

  it('greets a new follower, binds them by a typed invitation code, and runs the whole check-in to Send', async () => {
    const user = follower('z-1001');
    await say(user, user.follow());
    expect(lastTo('z-1001').text).toContain('gõ mã mời');
    const code = await invite(await freshUnit('KT.TEST.ZL1'));
    await say(user, user.text(code.toLowerCase()));
    expect(lastTo('z-1001').text).toContain('Chào mừng đồng chí');

    await say(user, user.text('/baocao'));
    const intro = lastTo('z-1001');
    expect(intro.buttons.map((b) => b.title)).toEqual(['Bắt đầu', 'Nhắc lại sau', 'Tháng này không có hoạt động']);
    // A tap comes back as text carrying the button's payload.
    await say(user, user.text(intro.buttons[0]!.payload));
    expect(lastTo('z-1001').text).toContain('sinh hoạt thường kỳ mấy cuộc');

    for (const answer of ['1', '17/19', 'không', '2', '30', 'đúng kế hoạch', 'bỏ qua', 'không có', 'xong', 'không', 'không có', 'không có']) {
      await say(user, user.text(answer));
    }
    const summary = lastTo('z-1001');
    expect(summary.buttons.map((b) => b.title)).toEqual(['Gửi báo cáo', 'Sửa']);
    await say(user, user.text(summary.buttons[0]!.payload));
    expect(lastTo('z-1001').text).toContain('Đã gửi báo cáo tháng 11/2026');

    const [report] = await service.database.db
      .select()
      .from(t.reports)
      .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.reports.unitId))
      .where(eq(t.orgUnits.code, 'KT.TEST.ZL1'));
    expect(report?.reports).toMatchObject({ status: 'submitted', meetingsHeld: 1, membersPresent: 17, membersTotal: 19 });
    for (const message of fake.delivered('z-1001')) {
      expect(message.text.length).toBeLessThanOrEqual(2000);
      expect(message.buttons.length).toBeLessThanOrEqual(5);
    }
  });

  it('handles a retried event once, and an old button tap is refused without answering twice', async () => {
    const user = await onboard('z-1002', 'KT.TEST.ZL2');
    await say(user, user.text('/baocao'));
    const start = lastTo('z-1002').buttons[0]!.payload;
    const tap = user.text(start);
    await say(user, tap);
    const after = fake.delivered('z-1002').length;
    // Zalo retries the same event (same msg_id) when it did not see our 200 in time.
    expect((await user.post(tap, { retry: 1 })).body).toMatchObject({ status: 'duplicate' });
    await service.zalo!.idle();
    expect(fake.delivered('z-1002')).toHaveLength(after);
    // The same button tapped again later is a new event, but its question was answered: the
    // reply says so and asks again the question waited on (old buttons stay visible on Zalo).
    const asked = fake.delivered('z-1002')[after - 1]!.text;
    await say(user, user.text(start));
    const [notice, again] = fake.delivered('z-1002').slice(-2);
    expect(notice!.text).toContain('đã được trả lời');
    expect(again!.text).toBe(asked);
  });

  it('shows number answers to be typed and more than five choices as a numbered list, and reads a typed number back', async () => {
    const user = await onboard('z-1003', 'KT.TEST.ZL3');
    await say(user, user.text('/baocao'));
    await say(user, user.text(lastTo('z-1003').buttons[0]!.payload));
    for (const answer of ['1', '17/19', 'không']) await say(user, user.text(answer));
    // "How many activities?" offers 0–3, «Khác» and «Quay lại»: the numbers are typed, one button stays.
    const activities = lastTo('z-1003');
    expect(activities.text).toContain('bao nhiêu hoạt động');
    expect(activities.text).toContain('Gõ số');
    expect(activities.buttons.map((b) => b.title)).toEqual(['« Quay lại']);
    for (const answer of ['2', '30', 'đúng kế hoạch', 'bỏ qua', 'không có', 'xong', 'không', 'không có', 'không có']) await say(user, user.text(answer));
    await say(user, user.text(lastTo('z-1003').buttons[1]!.payload)); // «Sửa»
    const list = lastTo('z-1003');
    expect(list.buttons).toHaveLength(0);
    expect(list.text).toMatch(/\n1\. Sinh hoạt thường kỳ/);
    expect(list.text).toContain('gõ số thứ tự');
    await say(user, user.text('1'));
    expect(lastTo('z-1003').text).toContain('sinh hoạt thường kỳ mấy cuộc');
    await say(user, user.text('2'));
    const [state] = await service.database.db
      .select()
      .from(t.reports)
      .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.reports.unitId))
      .where(eq(t.orgUnits.code, 'KT.TEST.ZL3'));
    // Not sent yet: the corrected answer goes back to the summary, which shows it.
    expect(state?.reports.status).not.toBe('submitted');
    expect(lastTo('z-1003').buttons.map((b) => b.title)).toEqual(['Gửi báo cáo', 'Sửa']);
    expect(lastTo('z-1003').text).toMatch(/Sinh hoạt thường kỳ[^\n]*2/);
  });

  it('stores a photo by its URL and stops writing to someone who unfollowed', async () => {
    const user = await onboard('z-1004', 'KT.TEST.ZL4');
    await say(user, user.image());
    await say(user, user.unfollow());
    const [account] = await service.database.db.select().from(t.channelAccounts).where(and(eq(t.channelAccounts.channel, 'zalo'), eq(t.channelAccounts.externalUserId, 'z-1004')));
    expect(account?.blockedAt).not.toBeNull();
  });

  it('fetches a photo when it arrives, so the report keeps it though the link expires before the report is sent', async () => {
    const db = service.database.db;
    const user = await onboard('z-1005', 'KT.TEST.ZL9');
    const jpeg = await makeJpeg(800, 600);
    const url = fake.addImage(jpeg);
    await say(user, user.text('/baocao'));
    await say(user, user.text(lastTo('z-1005').buttons[0]!.payload));
    for (const answer of ['1', '17/19', 'không', '2', '30', 'đúng kế hoạch', 'bỏ qua', 'không có']) await say(user, user.text(answer));
    await say(user, user.image(url));
    expect(lastTo('z-1005').text).toBe('Đã nhận 1 ảnh. Gửi thêm, hoặc bấm «Xong».');

    // Copied while the check-in is still open (the receive path nudged the fetch job), not when it is sent.
    const photoRow = async () => (await db.select().from(t.attachments).where(eq(t.attachments.fileRef, url)))[0];
    await vi.waitFor(async () => expect((await photoRow())?.fetchStatus).toBe('fetched'), { timeout: 30_000, interval: 50 });
    const [report] = await db.select({ status: t.reports.status }).from(t.reports).where(eq(t.reports.id, (await photoRow())!.reportId));
    expect(report!.status).toBe('draft');
    // Days later Zalo's link has expired; the secretary finishes and sends.
    fake.expireImage(url);
    for (const answer of ['xong', 'không', 'không có', 'không có']) await say(user, user.text(answer));
    await say(user, user.text(lastTo('z-1005').buttons[0]!.payload));
    expect(lastTo('z-1005').text).toContain('Đã gửi báo cáo tháng 11/2026');

    const sent = (await photoRow())!;
    expect(sent).toMatchObject({ fetchStatus: 'fetched', fetchAttempts: 1, contentType: 'image/jpeg', width: 800, height: 600 });
    expect(sent.modelAnswerId).not.toBeNull();
    expect(fake.imageDownloads.filter((path) => path === new URL(url).pathname)).toHaveLength(1);
    expect((await service.mediaStore.get(`${sent.mediaKey}/original`))?.body).toEqual(jpeg);
  });

  it('sends a reminder as a free message inside the 48-hour window and as a template beyond it', async () => {
    await onboard('z-2001', 'KT.TEST.ZL5');
    await onboard('z-2002', 'KT.TEST.ZL6');
    // 22/11 08:00 in Vietnam: the D-3 reminder. z-2002 last wrote three days before.
    clock = new Date('2026-11-22T01:00:00Z');
    await service.database.db.execute(sql`update channel_accounts set last_inbound_at = ${new Date('2026-11-19T01:00:00Z').toISOString()}::timestamptz where external_user_id = 'z-2002'`);
    await service.database.db.execute(sql`update channel_accounts set last_inbound_at = ${new Date('2026-11-21T20:00:00Z').toISOString()}::timestamptz where external_user_id = 'z-2001'`);
    fake.interacted('z-2001', new Date('2026-11-21T20:00:00Z'));
    await runTick(service.database.db, { now: clock, timeZone: TIME_ZONE });
    await sendDue();

    const free = lastTo('z-2001');
    expect(free.endpoint).toBe('/v3.0/oa/message/cs');
    expect(free.text).toContain('Chi bộ thử KT.TEST.ZL5');
    expect(free.buttons.map((b) => b.title)).toEqual(['Báo cáo ngay', 'Nhắc lại sau']);

    const template = lastTo('z-2002');
    expect(template.endpoint).toBe('/v3.0/oa/message/template');
    expect(template.templateData?.tieu_de).toBeTruthy();
    expect(template.templateData?.ma_nut).toMatch(/^#\.unit:\d+$/);
    // Tapping the template's button reopens the conversation at the check-in's intro.
    const far2 = follower('z-2002');
    await say(far2, far2.text(template.templateData!.ma_nut!));
    expect(lastTo('z-2002').endpoint).toBe('/v3.0/oa/message/cs');
    expect(lastTo('z-2002').text).toContain('Đã đến kỳ báo cáo tháng');
    clock = new Date('2026-11-21T16:00:00Z');
  });

  it('falls back to the template at once when Zalo says a free message is outside the window', async () => {
    await onboard('z-2003', 'KT.TEST.ZL8');
    // Our record says z-2003 wrote an hour ago; Zalo counts differently and refuses (-230).
    clock = new Date('2026-11-24T01:00:00Z'); // 24/11 08:00 in Vietnam: the D-1 reminder
    await service.database.db.execute(sql`update channel_accounts set last_inbound_at = ${new Date('2026-11-24T00:00:00Z').toISOString()}::timestamptz where external_user_id = 'z-2003'`);
    fake.failNext('/v3.0/oa/message/cs', -230);
    await runTick(service.database.db, { now: clock, timeZone: TIME_ZONE });
    await sendDue();
    const last = lastTo('z-2003');
    expect(last.endpoint).toBe('/v3.0/oa/message/template');
    const [row] = await service.database.db
      .select({ status: t.outboundMessages.status })
      .from(t.outboundMessages)
      .innerJoin(t.channelAccounts, eq(t.channelAccounts.id, t.outboundMessages.accountId))
      .where(and(eq(t.channelAccounts.externalUserId, 'z-2003'), eq(t.outboundMessages.purpose, 'reminder')));
    expect(row?.status).toBe('sent');
    clock = new Date('2026-11-21T16:00:00Z');
  });

  it('refuses an oversized body before reading it whole', async () => {
    const response = await fetch(`${service.url}/zalo/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ event_name: 'user_send_text', message: { text: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
  });

  it('renews the access token when it expires in the middle of the month, never spending a refresh token twice', async () => {
    clock = new Date('2026-11-25T16:00:00Z'); // later than every token the earlier tests fetched
    const user = await onboard('z-3001', 'KT.TEST.ZL7');
    const refreshesBefore = fake.refreshCalls;
    const tokenBefore = fake.calls.filter((c) => c.endpoint === '/v3.0/oa/message/cs').at(-1)!.accessToken;
    clock = new Date(clock.getTime() + 26 * 3_600_000);
    await say(user, user.text('/tiendo'));
    const tokenAfter = fake.calls.filter((c) => c.endpoint === '/v3.0/oa/message/cs').at(-1)!.accessToken;
    expect(tokenAfter).not.toBe(tokenBefore);
    expect(fake.refreshCalls).toBe(refreshesBefore + 1);
    // Zalo revokes the token early: the send says -216, the token is renewed once and the send retried.
    fake.revokeAccessTokens();
    await say(user, user.text('/tiendo'));
    expect(fake.refreshCalls).toBe(refreshesBefore + 2);
    expect(lastTo('z-3001').text).toContain('Chi bộ thử KT.TEST.ZL7');
    const refusals = fake.calls.filter((c) => c.endpoint === '/v4/oa/access_token' && c.error !== 0);
    expect(refusals).toHaveLength(0);
    const [row] = await service.database.db.select().from(t.channelTokens);
    // The stored refresh token is the one Zalo issued last, still unspent.
    expect(fake.isLiveRefreshToken(row!.refreshToken)).toBe(true);
    clock = new Date('2026-11-21T16:00:00Z');
  });

  it('sends a leader the weekly digest on Zalo: the chart as an image, then the text', async () => {
    clock = new Date('2026-11-29T16:00:00Z'); // Sunday 23:00 in Vietnam
    const leader = follower('z-4001');
    await say(leader, leader.follow());
    const code = (await createInvitation(service.database.db, { unitCode: 'KT.KONRAY.DTL', role: 'leader', days: 14, now: clock })).code;
    await say(leader, leader.text(code));
    expect(lastTo('z-4001').text).toContain('Chào mừng đồng chí');
    clock = new Date('2026-11-30T00:30:00Z'); // Monday 07:30: the digest
    await runTick(service.database.db, { now: clock, timeZone: TIME_ZONE });
    await sendDue();
    const toLeader = fake.calls.filter((c) => c.endpoint === '/v3.0/oa/message/cs' && (c.body.recipient as { user_id: string }).user_id === 'z-4001' && c.error === 0);
    const image = toLeader.findIndex((c) => JSON.stringify(c.body).includes('"media_type":"image"'));
    expect(image).toBeGreaterThanOrEqual(0);
    const texts = toLeader.slice(image + 1).map((c) => (c.body.message as { text: string }).text);
    expect(texts.join('\n')).toContain('Đảng ủy xã Đăk Tơ Lung');
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(2000);
    expect(fake.calls.some((c) => c.endpoint === '/v2.0/oa/upload/image' && c.error === 0)).toBe(true);
  });
});
