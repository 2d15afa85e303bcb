import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckinInput } from '../../src/core/checkin/types.js';
import type { OutboxDispatcher } from '../../src/delivery/dispatcher.js';
import { createLogger } from '../../src/log.js';
import type { StoredCheckin } from '../../src/services/checkin-flow.js';
import type { InboundEvent } from '../../src/services/inbound.js';
import { createInvitation } from '../../src/services/invite.js';
import { createReceiver } from '../../src/services/receive.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { MIGRATIONS_DIR } from '../../src/storage/migrate.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';

/**
 * A photo is recorded for the fetch job when it arrives in a check-in, not when the report is
 * sent, and the receive path nudges the fetcher; photos already sitting in open check-ins are
 * back-filled by migration 0016.
 */

const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
let nudges: number;
let receive: ReturnType<typeof createReceiver>;
let updateId = 0;

beforeEach(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now, timeZone });
  nudges = 0;
  // Replies are stored in the outbox; nothing needs to leave for these tests, and nothing asks for an export.
  const dispatcher = { sendClaimed: async () => undefined } as unknown as OutboxDispatcher;
  const exports = { runClaimed: async () => [] };
  receive = createReceiver({ db: handle.db, dispatcher, exports, timeZone, log: createLogger('silent'), photoArrived: () => (nudges += 1) });
});
afterEach(async () => {
  await handle.close();
});

function secretary(id: string) {
  return async (message: CheckinInput, externalId = String((updateId += 1))) => {
    const event: InboundEvent = { channel: 'telegram', externalId, receivedAt: now, from: { externalUserId: id, chatId: id, displayName: 'Y Liên' }, message };
    return receive(event, { replies: 'awaited' });
  };
}

/** Joins the Hạt Kiểm lâm cell and answers up to its one model's photo question. */
async function atPhotoStep(id: string) {
  const [november] = await handle.db.select().from(t.periods).where(eq(t.periods.startsOn, '2026-11-01'));
  const [unit] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, 'KT.KONRAY.HKL'));
  await handle.db.delete(t.reports).where(and(eq(t.reports.periodId, november!.id), eq(t.reports.unitId, unit!.id)));
  const send = secretary(id);
  const { code } = await createInvitation(handle.db, { unitCode: 'KT.KONRAY.HKL', role: 'secretary', days: 14, now: new Date('2026-11-20T00:00:00Z') });
  await send({ type: 'text', text: `/start ${code}` });
  await send({ type: 'text', text: '/baocao' });
  await send({ type: 'text', text: 'bắt đầu' });
  for (const text of ['1', '17/19', 'không', '2', '35 lượt', 'Đúng kế hoạch', 'bỏ qua', 'không có']) await send({ type: 'text', text });
  const [report] = await handle.db.select().from(t.reports).where(and(eq(t.reports.periodId, november!.id), eq(t.reports.unitId, unit!.id)));
  return { send, reportId: report!.id };
}

const photosOf = (reportId: number) => handle.db.select().from(t.attachments).where(eq(t.attachments.reportId, reportId)).orderBy(t.attachments.id);

describe('a photo sent in a check-in', () => {
  it('is recorded for fetching as it arrives, nudging the fetcher once; a redelivery records and nudges nothing', async () => {
    const { send, reportId } = await atPhotoStep('7001');
    expect(nudges).toBe(0);
    const first = await send({ type: 'photo', fileRef: 'AgAC-arrival-1' }, 'photo-update-1');
    expect(first.duplicate).toBe(false);
    expect(nudges).toBe(1);
    expect(await photosOf(reportId)).toMatchObject([{ fileRef: 'AgAC-arrival-1', channel: 'telegram', fetchStatus: 'pending', modelAnswerId: null, mediaGroupId: null }]);
    const [draft] = await handle.db.select({ status: t.reports.status }).from(t.reports).where(eq(t.reports.id, reportId));
    expect(draft!.status).toBe('draft');

    expect((await send({ type: 'photo', fileRef: 'AgAC-arrival-1' }, 'photo-update-1')).duplicate).toBe(true);
    expect(nudges).toBe(1);
    // Two photos of one album: each recorded with its album.
    await send({ type: 'photo', fileRef: 'AgAC-album-1', mediaGroupId: 'album-9' });
    await send({ type: 'photo', fileRef: 'AgAC-album-2', mediaGroupId: 'album-9' });
    expect(nudges).toBe(3);
    expect((await photosOf(reportId)).map((p) => [p.fileRef, p.mediaGroupId])).toEqual([
      ['AgAC-arrival-1', null],
      ['AgAC-album-1', 'album-9'],
      ['AgAC-album-2', 'album-9'],
    ]);
  });

  it('keeps the same rows when the report is sent, now linked to the model’s answer', async () => {
    const { send, reportId } = await atPhotoStep('7002');
    await send({ type: 'photo', fileRef: 'AgAC-sent-1' });
    const [arrived] = await photosOf(reportId);
    // The fetch job got to it before the report was sent.
    await handle.db.update(t.attachments).set({ fetchStatus: 'fetched', mediaKey: 'photos/ab/abc', fetchAttempts: 1 }).where(eq(t.attachments.id, arrived!.id));
    for (const text of ['xong', 'không', 'không có', 'không có']) await send({ type: 'text', text });
    await send({ type: 'choice', value: 'submit' });

    const [report] = await handle.db.select().from(t.reports).where(eq(t.reports.id, reportId));
    expect(report!.status).toBe('submitted');
    const [answer] = await handle.db.select().from(t.modelAnswers).where(eq(t.modelAnswers.reportId, reportId));
    expect(await photosOf(reportId)).toMatchObject([{ id: arrived!.id, fileRef: 'AgAC-sent-1', modelAnswerId: answer!.id, fetchStatus: 'fetched', fetchAttempts: 1 }]);
  });

  it('links a photo that came by another channel (a check-in handed over to the next secretary) to the answer, never a second row', async () => {
    const { send, reportId } = await atPhotoStep('7004');
    await send({ type: 'photo', fileRef: 'AgAC-mine' });
    // The unit's previous secretary sent one on Zalo before the check-in was handed over: its row and its place in the answers.
    const zaloUrl = 'https://photo.example/zalo/truoc.jpg';
    await handle.db.insert(t.attachments).values({ reportId, channel: 'zalo', fileRef: zaloUrl, fetchStatus: 'fetched', mediaKey: 'photos/ef/efg', fetchAttempts: 1 });
    const [account] = await handle.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, '7004'));
    const [conversation] = await handle.db.select().from(t.conversations).where(and(eq(t.conversations.accountId, account!.id), eq(t.conversations.status, 'open')));
    const stored = conversation!.state as StoredCheckin;
    const photos = [{ fileRef: zaloUrl }, ...(stored.checkin.answers['m0.photos'] as { fileRef: string }[])];
    await handle.db
      .update(t.conversations)
      .set({ state: { ...stored, checkin: { ...stored.checkin, answers: { ...stored.checkin.answers, 'm0.photos': photos } } }, version: conversation!.version + 1 })
      .where(eq(t.conversations.id, conversation!.id));
    for (const text of ['xong', 'không', 'không có', 'không có']) await send({ type: 'text', text });
    await send({ type: 'choice', value: 'submit' });

    const [answer] = await handle.db.select().from(t.modelAnswers).where(eq(t.modelAnswers.reportId, reportId));
    expect((await photosOf(reportId)).map((p) => ({ channel: p.channel, fileRef: p.fileRef, modelAnswerId: p.modelAnswerId, fetchStatus: p.fetchStatus }))).toEqual([
      { channel: 'telegram', fileRef: 'AgAC-mine', modelAnswerId: answer!.id, fetchStatus: 'pending' },
      { channel: 'zalo', fileRef: zaloUrl, modelAnswerId: answer!.id, fetchStatus: 'fetched' },
    ]);
  });

  it('is not recorded outside a photo question', async () => {
    const send = secretary('7003');
    const { code } = await createInvitation(handle.db, { unitCode: 'KT.KONRAY.DTL', role: 'secretary', days: 14, now: new Date('2026-11-20T00:00:00Z') });
    await send({ type: 'text', text: `/start ${code}` });
    await send({ type: 'photo', fileRef: 'AgAC-stray' });
    expect(await handle.db.select().from(t.attachments).where(eq(t.attachments.fileRef, 'AgAC-stray'))).toEqual([]);
  });
});

describe('migration 0016', () => {
  it('back-fills the photos already in check-ins (bare file ids and albums), once, and leaves rows that exist alone', async () => {
    const { send, reportId } = await atPhotoStep('7010');
    await send({ type: 'photo', fileRef: 'AgAC-kept' });
    const [account] = await handle.db.select().from(t.channelAccounts).where(eq(t.channelAccounts.externalUserId, '7010'));
    const [conversation] = await handle.db.select().from(t.conversations).where(and(eq(t.conversations.accountId, account!.id), eq(t.conversations.status, 'open')));
    // As a check-in stored before this change holds them: no rows, one bare file id, one from an album.
    const stored = conversation!.state as StoredCheckin;
    const photos = ['AgAC-old-bare', { fileRef: 'AgAC-old-album', mediaGroupId: 'album-3' }, { fileRef: 'AgAC-kept' }];
    await handle.db
      .update(t.conversations)
      .set({ state: { ...stored, checkin: { ...stored.checkin, answers: { ...stored.checkin.answers, 'm0.photos': photos, 'm0.results': 'text stays text' } } } })
      .where(eq(t.conversations.id, conversation!.id));
    const kept = (await photosOf(reportId))[0]!;
    await handle.db.update(t.attachments).set({ fetchStatus: 'fetched', mediaKey: 'photos/cd/cde' }).where(eq(t.attachments.id, kept.id));

    const migration = await readFile(join(MIGRATIONS_DIR, '0016_photos_on_arrival.sql'), 'utf8');
    await handle.db.execute(sql.raw(migration));
    await handle.db.execute(sql.raw(migration));
    expect((await photosOf(reportId)).map((p) => ({ fileRef: p.fileRef, mediaGroupId: p.mediaGroupId, fetchStatus: p.fetchStatus, channel: p.channel }))).toEqual([
      { fileRef: 'AgAC-kept', mediaGroupId: null, fetchStatus: 'fetched', channel: 'telegram' },
      { fileRef: 'AgAC-old-bare', mediaGroupId: null, fetchStatus: 'pending', channel: 'telegram' },
      { fileRef: 'AgAC-old-album', mediaGroupId: 'album-3', fetchStatus: 'pending', channel: 'telegram' },
    ]);
  });
});
