import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/service.js';
import { createInvitation } from '../../../src/services/invite.js';
import * as t from '../../../src/storage/schema/index.js';
import { FakeTelegram, telegramUser } from '../../helpers/fake-telegram.js';
import { startWebhookChat, type WebhookChat } from '../../helpers/webhook-chat.js';
import { createFreshUnit } from '../../helpers/fresh-unit.js';
import { makeJpeg } from '../../helpers/photo-fixtures.js';
import { SLOW_TEST_TIMEOUT_MS } from '../../helpers/timeouts.js';

/**
 * A secretary sends a photo over the real webhook (fake Bot API) and later submits the report:
 * the service's fetch job (not the webhook's answer) asks getFile and downloads the file as soon
 * as the photo arrives, and keeps the original with its gallery and full sizes in the media store
 * under DATA_DIR/media; sending the report links that row, fetching nothing again.
 */

const SECRET = 'test_webhook_secret_photos';
const TOKEN = '123456:TEST_TOKEN_photos_abcdefghijklmnop';
const CHAT = 9301;
let fake: FakeTelegram;
let service: RunningService;
let webhook: WebhookChat | undefined;

beforeAll(async () => {
  webhook = await startWebhookChat({ secret: SECRET, scheduler: false, env: { TELEGRAM_BOT_TOKEN: TOKEN } });
  ({ fake, service } = webhook);
});
afterAll(async () => {
  await webhook?.stop();
});

const exchange = async (update: unknown) => (await webhook!.exchange(CHAT, update)).at(-1)!;

const button = (label: string) => webhook!.button(CHAT, label);

describe('a photo sent over the Telegram webhook', () => {
  it('is fetched by the job into the media store, with its thumb and full variants', { timeout: SLOW_TEST_TIMEOUT_MS }, async () => {
    const db = service.database.db;
    const code = await createFreshUnit(db, 'KT.TEST.PHOTO');
    const invitation = await createInvitation(db, { unitCode: code, role: 'secretary', days: 14, now: new Date() });
    const photo = await makeJpeg(2400, 1800);
    fake.addFile('AgACAgIAAxkBAAIPhoto1', photo);

    const user = telegramUser(CHAT, 'Y Liên');
    await exchange(user.text(`/start ${invitation.code}`));
    await exchange(user.text('/baocao'));
    await exchange(user.tap(button('Bắt đầu')));
    for (const answer of ['1', '17/19', 'không', '2', '30', 'Đúng kế hoạch', 'bỏ qua', 'không có']) await exchange(user.text(answer));
    expect((await exchange(user.photo('AgACAgIAAxkBAAIPhoto1'))).text).toBe('Đã nhận 1 ảnh. Gửi thêm, hoặc bấm «Xong».');
    // Fetched as it arrives, while the check-in is still open: a row of the draft report, in no model's answer yet.
    const [attachment] = await db.select().from(t.attachments).where(eq(t.attachments.fileRef, 'AgACAgIAAxkBAAIPhoto1'));
    expect(attachment).toMatchObject({ modelAnswerId: null });
    await expect
      .poll(async () => (await db.select({ status: t.attachments.fetchStatus }).from(t.attachments).where(eq(t.attachments.id, attachment!.id)))[0]!.status, { timeout: 60_000, interval: 100 })
      .toBe('fetched');
    expect((await db.select({ status: t.reports.status }).from(t.reports).where(eq(t.reports.id, attachment!.reportId)))[0]!.status).toBe('draft');
    for (const answer of ['xong', 'không', 'không có', 'không có']) await exchange(user.text(answer));
    expect((await exchange(user.tap(button('Gửi báo cáo')))).text).toContain('Đã gửi báo cáo tháng');

    // Sending links the same row to the model's answer; nothing is fetched again.
    const [row] = await db.select().from(t.attachments).where(eq(t.attachments.id, attachment!.id));
    expect(row).toMatchObject({ fetchStatus: 'fetched', contentType: 'image/jpeg', byteSize: photo.byteLength, width: 2400, height: 1800, fetchAttempts: 1 });
    expect(row!.modelAnswerId).not.toBeNull();
    expect(await db.select().from(t.attachments).where(eq(t.attachments.reportId, attachment!.reportId))).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'getFile').map((c) => c.body)).toEqual([{ file_id: 'AgACAgIAAxkBAAIPhoto1' }]);

    const original = await service.mediaStore.get(`${row!.mediaKey}/original`);
    expect(original).toEqual({ body: photo, contentType: 'image/jpeg' });
    const thumb = await service.mediaStore.get(`${row!.mediaKey}/thumb.jpg`);
    const full = await service.mediaStore.get(`${row!.mediaKey}/full.jpg`);
    expect(await sharp(thumb!.body).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect(await sharp(full!.body).metadata()).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
  });
});
