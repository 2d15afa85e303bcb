import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/service.js';
import { createInvitation } from '../../../src/services/invite.js';
import * as t from '../../../src/storage/schema/index.js';
import { createFreshUnit } from '../../helpers/fresh-unit.js';
import { startTestService } from '../../helpers/test-service.js';
import { FakeTelegram, telegramUser } from '../../helpers/fake-telegram.js';

const SECRET = 'test_webhook_secret_1';
let fake: FakeTelegram;
let service: RunningService;
let stopService: (() => Promise<void>) | undefined;

beforeAll(async () => {
  fake = await new FakeTelegram().start();
  ({ service, stop: stopService } = await startTestService({
    TELEGRAM_BOT_TOKEN: '123456:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz',
    TELEGRAM_API_ROOT: fake.url,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  }, { scheduler: false }));
});
afterAll(async () => {
  await stopService?.();
  await fake?.stop();
});

function post(update: unknown, secret: string | null = SECRET, body?: string) {
  return fetch(`${service.url}/telegram/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      // The server drops a connection whose body it refused; do not reuse it for the next request.
      ...(body ? { connection: 'close' } : {}),
    },
    body: body ?? JSON.stringify(update),
  });
}

const freshUnit = (code: string) => createFreshUnit(service.database.db, code);

async function invite(unitCode: string) {
  return (await createInvitation(service.database.db, { unitCode, role: 'secretary', days: 14, now: new Date() })).code;
}

describe('Telegram over a webhook', () => {
  it('sets the bot\'s command list in Vietnamese at start', async () => {
    await service.telegram!.connected();
    const commands = fake.calls.find((c) => c.method === 'setMyCommands')?.body.commands as { command: string; description: string }[];
    expect(commands.map((c) => c.command)).toEqual(['baocao', 'sua', 'tiendo', 'huy', 'tonghop', 'chuanop', 'donvi', 'duyet', 'xuat', 'baocaosoket', 'web', 'mohinh', 'trogiup']);
    expect(commands[0]?.description).toBe('Báo cáo tháng');
  });

  it('refuses a request without the right secret token and changes nothing', async () => {
    const user = telegramUser(9001);
    expect((await post(user.text('/start'), null)).status).toBe(401);
    expect((await post(user.text('/start'), 'wrong')).status).toBe(401);
    expect(await service.database.db.select().from(t.inboundMessages)).toHaveLength(0);
  });

  it('refuses an oversized body before reading it all', async () => {
    const response = await post(null, SECRET, JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(response.status).toBe(413);
  });

  it('counts the bytes of a body sent without a length (chunked): 413 over the limit, read as usual under it', async () => {
    const chunked = (text: string) =>
      fetch(`${service.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET, connection: 'close' },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(text));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    expect((await chunked(JSON.stringify({ update_id: 3, message: { text: 'x'.repeat(2 * 1024 * 1024) } }))).status).toBe(413);
    // Not an update (no update_id): read whole and refused as malformed, not as too large.
    expect((await chunked(JSON.stringify({ hello: 'x'.repeat(1000) }))).status).toBe(400);
  });

  it('onboards by deep link, runs the check-in with buttons, answers every tap and removes the used keyboard', async () => {
    const user = telegramUser(9002, 'Y Hoa');
    expect((await post(user.text(`/start ${await invite(await freshUnit('KT.TEST.TG1'))}`))).status).toBe(200);
    await fake.waitFor(() => fake.sent(9002).length === 1);
    expect(fake.sent(9002)[0]?.text).toContain('Chào mừng đồng chí Y Hoa');

    await post(user.text('/baocao'));
    await fake.waitFor(() => fake.sent(9002).length === 2);
    const intro = fake.sent(9002)[1]!;
    expect(intro.text).toContain('Đã đến kỳ báo cáo tháng');
    const buttons = intro.reply_markup!.inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toEqual(['Bắt đầu', 'Nhắc lại sau', 'Tháng này không có hoạt động']);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    const tap = user.tap(buttons[0]!.callback_data, 1001);
    expect((await post(tap)).status).toBe(200);
    await fake.waitFor(() => fake.sent(9002).length === 3);
    expect(fake.sent(9002)[2]?.text).toContain('sinh hoạt thường kỳ mấy cuộc');
    expect(fake.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
    expect(fake.calls.find((c) => c.method === 'editMessageReplyMarkup')?.body).toMatchObject({ message_id: 1001, reply_markup: { inline_keyboard: [] } });

    // Telegram redelivers the same update: nothing changes and nothing is sent again.
    expect((await post(tap)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.sent(9002)).toHaveLength(3);

    // A sticker gets a short answer, not a crash; a photo at a number question too.
    await post(user.sticker());
    await fake.waitFor(() => fake.sent(9002).length === 5);
    expect(fake.sent(9002)[3]?.text).toContain('chữ, số và ảnh');
  });

  it('stops writing to someone who blocked the bot', async () => {
    const user = telegramUser(9003);
    await post(user.text('xin chào'));
    await fake.waitFor(() => fake.sent(9003).length === 1);
    // The webhook answers once the block is recorded: no wait needed.
    expect((await post(user.blocks())).status).toBe(200);
    const [account] = await service.database.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, '9003'));
    expect(account?.blockedAt).not.toBeNull();
  });

  it('marks an account inactive when sending answers 403, and waits out a 429', async () => {
    const blocked = telegramUser(9004);
    fake.failNext('sendMessage', { status: 403, description: 'Forbidden: bot was blocked by the user' });
    await post(blocked.text('xin chào'));
    await fake.waitFor(() => fake.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === '9004').length === 1);
    // The 403 is recorded after the call returns: wait for that, not for a time (the machine may be busy).
    const blockedAt = async () => (await service.database.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, '9004')))[0]?.blockedAt;
    const deadline = Date.now() + 60_000;
    while (!(await blockedAt()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await blockedAt()).not.toBeNull();

    const patient = telegramUser(9005);
    fake.failNext('sendMessage', { status: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    const before = Date.now();
    await post(patient.text('xin chào'));
    await fake.waitFor(() => fake.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === '9005').length === 2);
    expect(Date.now() - before).toBeGreaterThanOrEqual(1000);
    const [row] = await service.database.db.select().from(t.outboundMessages).where(eq(t.outboundMessages.status, 'sent'));
    expect(row).toBeDefined();
  });

  it('sends a leader the export as a document, and refuses a secretary another unit', async () => {
    const leader = telegramUser(9006, 'Đinh Văn Tú');
    const code = (await createInvitation(service.database.db, { unitCode: 'KT.KONRAY.DTL', role: 'leader', days: 14, now: new Date() })).code;
    await post(leader.text(`/start ${code}`));
    await fake.waitFor(() => fake.sent(9006).length === 1);
    // The first upload fails: the retry sends the file already rendered, not a second one.
    fake.failNext('sendDocument', { status: 502, description: 'Bad Gateway' });
    await post(leader.text('/xuat xlsx 06/2026-11/2026'));
    // The webhook answers at once with «preparing»; the file is rendered afterwards, by the outbox.
    await fake.waitFor(() => fake.sent(9006).some((m) => m.text.includes('Đang gửi tệp')));
    await fake.waitFor(() => fake.calls.some((c) => c.method === 'sendDocument' && String(c.body.chat_id) === '9006' && !c.failed));
    expect(await service.database.db.select({ id: t.generatedFiles.id }).from(t.generatedFiles)).toHaveLength(1);
    const call = fake.calls.find((c) => c.method === 'sendDocument' && !c.failed)!;
    expect(call.body.document).toMatchObject({ fileName: 'so-lieu_KT.KONRAY.DTL_2026-06_2026-11.xlsx' });
    expect((call.body.document as { size: number }).size).toBeGreaterThan(1000);
    expect(call.body.caption).toContain('Đảng ủy xã Đăk Tơ Lung');

    await post(leader.text('/baocaosoket'));
    await fake.waitFor(() => fake.calls.filter((c) => c.method === 'sendDocument' && !c.failed).length === 2);
    expect((fake.calls.filter((c) => c.method === 'sendDocument' && !c.failed)[1]!.body.document as { fileName: string }).fileName).toMatch(/^bao-cao-so-ket_KT\.KONRAY\.DTL_.*\.docx$/);

    const secretary = telegramUser(9007, 'Y Thu');
    await post(secretary.text(`/start ${await invite(await freshUnit('KT.TEST.TG2'))}`));
    await fake.waitFor(() => fake.sent(9007).length === 1);
    await post(secretary.text('/xuat KT.KONRAY.DTL'));
    await fake.waitFor(() => fake.sent(9007).length === 2);
    expect(fake.sent(9007)[1]?.text).toContain('không có quyền xuất');
  });
});
