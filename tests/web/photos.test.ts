import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { MemoryMediaStore } from '../../src/media/memory-media-store.js';
import type { PhotoSource } from '../../src/media/photo-source.js';
import { fetchDuePhotos } from '../../src/services/photo-fetcher.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { failPhoto, insertPhoto, makeJpeg } from '../helpers/photo-fixtures.js';
import { personNamed, unitId, webConsole } from '../helpers/web-console.js';

/**
 * The photos in the web console, end to end: a district leader signed in through a one-time
 * link opens a photo of a report in their subtree at /anh (as the service mounts it), and gets
 * the same 404 for another district's photo and for a bad id.
 */

const start = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
const store = new MemoryMediaStore();
const photos = { own: 0, other: 0, pending: 0, failed: 0, unsent: 0 };
let ownReport = 0;

beforeAll(async () => {
  handle = await createDemoOnTelegram('Asia/Ho_Chi_Minh');
  const db = handle.db;
  // A sent report of the unit and one of its model answers: photos are part of a report through their model's answer.
  const answerOf = async (code: string) =>
    (
      await db
        .select({ reportId: t.reports.id, answerId: t.modelAnswers.id })
        .from(t.modelAnswers)
        .innerJoin(t.reports, eq(t.reports.id, t.modelAnswers.reportId))
        .where(and(eq(t.reports.unitId, await unitId(db, code)), eq(t.reports.status, 'submitted')))
        .orderBy(t.modelAnswers.id)
        .limit(1)
    )[0]!;
  const own = await answerOf('KT.KONRAY.DTL');
  ownReport = own.reportId;
  photos.own = await insertPhoto(db, { reportId: ownReport, channel: 'telegram', fileRef: 'konray-photo', modelAnswerId: own.answerId });
  const other = await answerOf('KT.KONPLONG.DRING');
  photos.other = await insertPhoto(db, { reportId: other.reportId, channel: 'telegram', fileRef: 'konplong-photo', modelAnswerId: other.answerId });
  const jpeg = await makeJpeg(1024, 768);
  const source: PhotoSource = { fetchPhoto: async () => jpeg };
  await fetchDuePhotos(db, { store, sources: new Map([['telegram', source]]), now: () => start, log: createLogger('silent') });
  // Then one still being fetched, one whose Zalo link had expired, and one that arrived in a correction not sent yet.
  photos.pending = await insertPhoto(db, { reportId: ownReport, channel: 'telegram', fileRef: 'konray-photo-later', modelAnswerId: own.answerId });
  photos.failed = await insertPhoto(db, { reportId: ownReport, channel: 'zalo', fileRef: 'https://photo.example/expired.jpg', modelAnswerId: own.answerId });
  await failPhoto(db, photos.failed);
  photos.unsent = await insertPhoto(db, { reportId: ownReport, channel: 'telegram', fileRef: 'konray-photo-unsent' });
});
afterAll(async () => {
  await handle.close();
});

describe('photos in the web console', () => {
  it('a district leader sees a photo of their subtree, and 404 for another district’s photo or a bad id', async () => {
    const web = webConsole(handle.db, start, { mediaStore: store });
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));

    const report = await (await leader.get(`/bao-cao/${ownReport}`)).text();
    expect(report).toContain(`<img src="/anh/${photos.own}/thumb"`);
    const thumb = await leader.get(`/anh/${photos.own}/thumb`);
    expect(thumb.status).toBe(200);
    expect([thumb.headers.get('content-type'), thumb.headers.get('referrer-policy'), thumb.headers.get('cache-control')]).toEqual(['image/jpeg', 'no-referrer', 'private, max-age=3600']);
    expect(await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect((await leader.get(`/anh/${photos.own}/full`)).status).toBe(200);

    for (const path of [`/anh/${photos.other}/thumb`, `/anh/${photos.other}/full`, '/anh/999999/thumb', '/anh/abc/thumb', `/anh/${photos.own}/original`]) {
      const answer = await leader.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).not.toBe('image/jpeg');
    }
  });

  it('shows a photo still being fetched as the placeholder and one that failed for good as a word, and not one of a correction not sent', async () => {
    const web = webConsole(handle.db, start, { mediaStore: store });
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    const report = await (await leader.get(`/bao-cao/${ownReport}`)).text();
    expect(report).toContain(`<img src="/anh/${photos.pending}/thumb"`);
    expect(await (await leader.get(`/anh/${photos.pending}/thumb`)).text()).toContain('Đang tải ảnh…');
    // No image (it would be broken) for the failed one: a tile with the word, and no link to a full size.
    expect(report).not.toContain(`/anh/${photos.failed}/`);
    expect(report).toMatch(/<div class="photo-tile" role="img" aria-label="[^"]+: Không tải được ảnh"[^>]*>Không tải được ảnh<\/div>/);
    expect(report).not.toContain(`/anh/${photos.unsent}/`);
  });

  it('gives nobody a photo without a session, nor after signing out', async () => {
    const web = webConsole(handle.db, start, { mediaStore: store });
    expect((await web.request(`/anh/${photos.own}/thumb`)).status).toBe(404);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    expect((await leader.get(`/anh/${photos.own}/thumb`)).status).toBe(200);
    expect((await leader.post('/dang-xuat', {})).status).toBe(200);
    expect((await leader.get(`/anh/${photos.own}/thumb`)).status).toBe(404);
  });
});
