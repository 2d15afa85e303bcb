import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPhotos } from '../../../src/core/checkin/photos.js';
import type { RunningService } from '../../../src/service.js';
import type { StoredCheckin } from '../../../src/services/checkin-flow.js';
import { createInvitation } from '../../../src/services/invite.js';
import { upsertModel } from '../../../src/storage/queries/models.js';
import { upsertUnits } from '../../../src/storage/queries/org-units.js';
import * as t from '../../../src/storage/schema/index.js';
import { FakeTelegram, telegramUser } from '../../helpers/fake-telegram.js';
import { startWebhookChat, type WebhookChat } from '../../helpers/webhook-chat.js';

/**
 * A secretary at the photos question sends an album over the real webhook: Telegram delivers one
 * update per photo, all with the same media_group_id, possibly side by side and possibly twice.
 */

const SECRET = 'test_webhook_secret_album';
const CHAT = 9201;
let fake: FakeTelegram;
let service: RunningService;
let webhook: WebhookChat | undefined;

// The service's clock runs from a fixed day, so no scheduled notice (a review deadline's, a
// month's reminder) falls inside the conversation on whatever day the suite runs.
const ORIGIN = new Date('2026-12-03T03:00:00Z').getTime();
const started = Date.now();
const now = () => new Date(ORIGIN + (Date.now() - started));

beforeAll(async () => {
  webhook = await startWebhookChat({ secret: SECRET, now });
  ({ fake, service } = webhook);
});
afterAll(async () => {
  await webhook?.stop();
});

const post = (update: unknown) => webhook!.post(update);

const sent = () => fake.sent(CHAT);

/** Sends one update and waits until every reply it queued has gone out; returns the last. */
const exchange = async (update: unknown) => (await webhook!.exchange(CHAT, update)).at(-1)!;

/** The callback data of the button labelled `label` on the bot's latest message that has it. */
const button = (label: string) => webhook!.button(CHAT, label);

/** A province of its own, which no demo review deadline covers (so none of its notices arrive mid-test). */
async function createRootOutsideTheDemoDeadlines(db: RunningService['database']['db']): Promise<number> {
  const ids = await upsertUnits(db, [{ code: 'ALB', name: 'Tỉnh thử ảnh', kind: 'tinh', parentId: null }]);
  return ids.get('ALB')!;
}

async function openConversation() {
  const db = service.database.db;
  const [account] = await db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, String(CHAT)));
  const [row] = await db.select().from(t.conversations).where(and(eq(t.conversations.accountId, account!.id), eq(t.conversations.status, 'open')));
  return row!;
}

describe('a photo album sent over the Telegram webhook', () => {
  it('stores every photo once for its model, acknowledges the album once, and «Xong» moves on', async () => {
    const db = service.database.db;
    const parentId = await createRootOutsideTheDemoDeadlines(db);
    const units = await upsertUnits(db, [{ code: 'KT.TEST.ALBUM', name: 'Chi bộ thử ảnh', kind: 'chi_bo', parentId }]);
    const unitId = units.get('KT.TEST.ALBUM')!;
    const bees = await upsertModel(db, { unitId, title: 'Nuôi ong lấy mật', field: 'kinh_te', startedOn: '2024-01-01', status: 'active', description: null });
    await upsertModel(db, { unitId, title: 'Đường làng tự quản', field: 'moi_truong', startedOn: '2024-01-01', status: 'active', description: null });
    const { code } = await createInvitation(db, { unitCode: 'KT.TEST.ALBUM', role: 'secretary', days: 14, now: now() });

    const user = telegramUser(CHAT, 'Y Nhi');
    await exchange(user.text(`/start ${code}`));
    await exchange(user.text('/baocao'));
    await exchange(user.tap(button('Bắt đầu')));
    for (const answer of ['1', '17/19', 'không', '2', '30', 'Đúng kế hoạch', 'bỏ qua', 'không có']) await exchange(user.text(answer));
    const models = (await openConversation()).state as StoredCheckin;
    // The models are asked in the order the check-in lists them; the album goes to the first.
    const first = models.about.models[0]!;
    expect(sent().at(-1)!.text).toBe('Gửi ảnh minh chứng nếu có.');

    // Four photos in one album, delivered side by side (Telegram may use several connections),
    // then two of them delivered again, as after a timeout.
    const album = ['AgACAgIAAxkBAAIBpWZ', 'AgACAgIAAxkBAAIBpXa', 'AgACAgIAAxkBAAIBpYb', 'AgACAgIAAxkBAAIBpZc'].map((id) => user.photo(id, 'album-13500001'));
    const before = sent().length;
    await Promise.all(album.map((update) => post(update)));
    await Promise.all([album[1], album[3]].map((update) => post(update)));
    await fake.waitFor(() => sent().length > before);
    await new Promise((r) => setTimeout(r, 300));
    const replies = sent().slice(before);
    // One acknowledgement for the album, not one per photo, and no question asked twice.
    expect(replies.map((m) => m.text)).toEqual(['Đã nhận ảnh. Gửi thêm, hoặc bấm «Xong» khi đã gửi hết.']);
    const state = (await openConversation()).state as StoredCheckin;
    // Each photo is kept with its album's id, whatever order the side-by-side updates landed in.
    const kept = readPhotos(state.checkin.answers['m0.photos']);
    expect(kept.map((p) => p.fileRef).sort()).toEqual(album.map((u) => u.message.photo[1]!.file_id).sort());
    expect(kept.map((p) => p.mediaGroupId)).toEqual(album.map(() => 'album-13500001'));

    // The album's «Xong» is still good after the photos that came with it, and says how many were kept.
    const next = await exchange(user.tap(button('Xong'), 1050));
    expect(next.text).toBe(`Đã lưu 4 ảnh.\n\nMô hình 2/2 «Đường làng tự quản».\nTháng này có bao nhiêu hoạt động triển khai mô hình?`);
    // A late redelivery of an album photo changes nothing.
    const settled = sent().length;
    await post(album[2]);
    await new Promise((r) => setTimeout(r, 300));
    expect(sent()).toHaveLength(settled);

    // The second model had no activity this month: the rest of its questions are skipped.
    for (const answer of ['0', 'không', 'không có', 'không có']) await exchange(user.text(answer));
    expect(sent().at(-1)!.text).toContain('Ảnh minh chứng: 4 ảnh');
    expect((await exchange(user.tap(button('Gửi báo cáo')))).text).toContain('Đã gửi báo cáo tháng');

    // Sent: each photo is kept once, with the answer about the first model.
    const [report] = await db.select().from(t.reports).where(eq(t.reports.unitId, unitId));
    const [answer] = await db.select().from(t.modelAnswers).where(and(eq(t.modelAnswers.reportId, report!.id), eq(t.modelAnswers.modelId, first.id)));
    expect(first.id).toBe(bees.id);
    const photos = await db.select().from(t.attachments).where(eq(t.attachments.reportId, report!.id));
    expect(photos.map((p) => p.fileRef).sort()).toEqual(album.map((u) => u.message.photo[1]!.file_id).sort());
    expect(new Set(photos.map((p) => p.modelAnswerId))).toEqual(new Set([answer!.id]));
    // The rows say the four came as one album.
    expect(photos.map((p) => ({ channel: p.channel, kind: p.kind, mediaGroupId: p.mediaGroupId }))).toEqual(
      album.map(() => ({ channel: 'telegram', kind: 'photo', mediaGroupId: 'album-13500001' })),
    );
  });

  it('submits a check-in whose photos were stored before albums were kept (bare file ids), beside a new album', async () => {
    const db = service.database.db;
    const chat = CHAT + 1;
    const parentId = await createRootOutsideTheDemoDeadlines(db);
    const units = await upsertUnits(db, [{ code: 'KT.TEST.ALBUM2', name: 'Chi bộ thử ảnh cũ', kind: 'chi_bo', parentId }]);
    const unitId = units.get('KT.TEST.ALBUM2')!;
    await upsertModel(db, { unitId, title: 'Nuôi cá niêng', field: 'kinh_te', startedOn: '2024-01-01', status: 'active', description: null });
    const { code } = await createInvitation(db, { unitCode: 'KT.TEST.ALBUM2', role: 'secretary', days: 14, now: now() });

    const user = telegramUser(chat, 'Y Hoa');
    const sentHere = () => fake.sent(chat);
    const say = async (update: unknown) => {
      const before = sentHere().length;
      await post(update);
      await fake.waitFor(() => sentHere().length > before);
      return sentHere().at(-1)!;
    };
    const tapLabel = (label: string) => {
      const message = [...sentHere()].reverse().find((m) => m.reply_markup?.inline_keyboard.flat().some((b) => b.text === label));
      if (!message) throw new Error(`no «${label}» button in ${JSON.stringify(sentHere().map((m) => m.text))}`);
      return message!.reply_markup!.inline_keyboard.flat().find((b) => b.text === label)!.callback_data;
    };
    await say(user.text(`/start ${code}`));
    await say(user.text('/baocao'));
    await say(user.tap(tapLabel('Bắt đầu')));
    for (const answer of ['1', '17/19', 'không', '2', '30', 'Đúng kế hoạch', 'bỏ qua', 'không có']) await say(user.text(answer));
    expect((await say(user.photo('AgACOldSingle1'))).text).toBe('Đã nhận 1 ảnh. Gửi thêm, hoặc bấm «Xong».');

    // Rewrite the stored photo as the version before this one kept it: a bare file id. The
    // version moves on, as any other writer's would, so no cached copy of the row is used.
    const [account] = await db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, String(chat)));
    const [row] = await db.select().from(t.conversations).where(and(eq(t.conversations.accountId, account!.id), eq(t.conversations.status, 'open')));
    const stored = row!.state as StoredCheckin;
    const old = { ...stored, checkin: { ...stored.checkin, answers: { ...stored.checkin.answers, 'm0.photos': ['AgACOldSingle1'] } } };
    await db.update(t.conversations).set({ state: old, version: row!.version + 1 }).where(eq(t.conversations.id, row!.id));

    // The old photo sent again is recognised; a new album joins it.
    const settled = sentHere().length;
    await post(user.photo('AgACOldSingle1'));
    await new Promise((r) => setTimeout(r, 200));
    expect(sentHere()).toHaveLength(settled);
    expect((await say(user.photo('AgACNewAlbum1', 'album-77'))).text).toBe('Đã nhận ảnh. Gửi thêm, hoặc bấm «Xong» khi đã gửi hết.');
    await post(user.photo('AgACNewAlbum2', 'album-77'));
    expect((await say(user.text('xong'))).text).toMatch(/^Đã lưu 3 ảnh\./);
    for (const answer of ['không', 'không có', 'không có']) await say(user.text(answer));
    expect((await say(user.tap(tapLabel('Gửi báo cáo')))).text).toContain('Đã gửi báo cáo tháng');

    const [report] = await db.select().from(t.reports).where(eq(t.reports.unitId, unitId));
    expect(report!.status).toBe('submitted');
    const photos = await db.select().from(t.attachments).where(eq(t.attachments.reportId, report!.id));
    expect(photos.map((p) => [p.fileRef, p.mediaGroupId]).sort()).toEqual([
      ['AgACNewAlbum1', 'album-77'],
      ['AgACNewAlbum2', 'album-77'],
      ['AgACOldSingle1', null],
    ]);
  });
});
