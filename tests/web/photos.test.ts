import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { MemoryMediaStore } from '../../src/media/memory-media-store.js';
import type { PhotoSource } from '../../src/media/photo-source.js';
import { fetchDuePhotos } from '../../src/services/photo-fetcher.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import * as t from '../../src/storage/schema/index.js';
import { createDemoOnTelegram } from '../helpers/demo-on-telegram.js';
import { insertPhoto, makeJpeg } from '../helpers/photo-fixtures.js';
import { personNamed, unitId, webConsole } from '../helpers/web-console.js';

/**
 * The photos in the web console, end to end: a district leader signed in through a one-time
 * link opens a photo of a report in their subtree at /anh (as the service mounts it), and gets
 * the same 404 for another district's photo and for a bad id.
 */

const start = new Date('2026-11-21T03:00:00Z');
let handle: DatabaseHandle;
const store = new MemoryMediaStore();
const photos = { own: 0, other: 0 };
let ownReport = 0;

beforeAll(async () => {
  handle = await createDemoOnTelegram('Asia/Ho_Chi_Minh');
  const db = handle.db;
  const reportOf = async (code: string) => (await db.select({ id: t.reports.id }).from(t.reports).where(eq(t.reports.unitId, await unitId(db, code))).limit(1))[0]!.id;
  ownReport = await reportOf('KT.KONRAY.DTL');
  photos.own = await insertPhoto(db, { reportId: ownReport, channel: 'telegram', fileRef: 'konray-photo' });
  photos.other = await insertPhoto(db, { reportId: await reportOf('KT.KONPLONG.DRING'), channel: 'telegram', fileRef: 'konplong-photo' });
  const jpeg = await makeJpeg(1024, 768);
  const source: PhotoSource = { fetchPhoto: async () => jpeg };
  await fetchDuePhotos(db, { store, sources: new Map([['telegram', source]]), now: () => start, log: createLogger('silent') });
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

  it('gives nobody a photo without a session, nor after signing out', async () => {
    const web = webConsole(handle.db, start, { mediaStore: store });
    expect((await web.request(`/anh/${photos.own}/thumb`)).status).toBe(404);
    const leader = await web.signIn(await personNamed(handle.db, 'Lê Quang Vinh'));
    expect((await leader.get(`/anh/${photos.own}/thumb`)).status).toBe(200);
    expect((await leader.post('/dang-xuat', {})).status).toBe(200);
    expect((await leader.get(`/anh/${photos.own}/thumb`)).status).toBe(404);
  });
});
