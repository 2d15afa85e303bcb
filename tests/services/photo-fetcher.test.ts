import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelKind } from '../../src/core/domain.js';
import { createLogger } from '../../src/log.js';
import { MemoryMediaStore } from '../../src/media/memory-media-store.js';
import { PhotoFetchError, type PhotoSource } from '../../src/media/photo-source.js';
import { fetchDuePhotos, PHOTO_FETCH_MAX_ATTEMPTS, PhotoFetcher } from '../../src/services/photo-fetcher.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { claimDuePhotoFetches, PHOTO_FETCH_LEASE_MS } from '../../src/storage/queries/attachment-media.js';
import { createTestDatabase } from '../helpers/database.js';
import { createTwoDistricts, insertPhoto, makeJpeg, readAttachment } from '../helpers/photo-fixtures.js';

const log = createLogger('silent');
const T0 = new Date('2026-11-22T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

let handle: DatabaseHandle;
let reportId: number;
let store: MemoryMediaStore;
let jpeg: Uint8Array;

beforeEach(async () => {
  handle = await createTestDatabase();
  reportId = (await createTwoDistricts(handle.db)).reports.cellA;
  store = new MemoryMediaStore();
  jpeg ??= await makeJpeg(1280, 960);
});
afterEach(async () => {
  await handle.close();
});

/** A channel's photos as a test wants them: by file reference, bytes or an error to throw. */
function fakeSource(answers: Record<string, Uint8Array | PhotoFetchError | (() => Uint8Array | PhotoFetchError)>): PhotoSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetchPhoto(fileRef) {
      asked.push(fileRef);
      const answer = answers[fileRef];
      const value = typeof answer === 'function' ? answer() : answer;
      if (!value) throw new PhotoFetchError('unknown file', { retryable: false });
      if (value instanceof PhotoFetchError) throw value;
      return value;
    },
  };
}

function run(source: PhotoSource, now: Date, channel: ChannelKind = 'telegram') {
  return fetchDuePhotos(handle.db, { store, sources: new Map([[channel, source]]), now: () => now, log });
}

describe('photo fetch job', () => {
  it('back-fills a photo stored as a bare file id: original, thumb and full in the store, the row says where', async () => {
    const id = await insertPhoto(handle.db, { reportId, channel: 'telegram', fileRef: 'AgACAgIAAxk-old' });
    expect(await readAttachment(handle.db, id)).toMatchObject({ fetchStatus: 'pending', mediaKey: null, fetchAttempts: 0, nextFetchAt: null });

    expect(await run(fakeSource({ 'AgACAgIAAxk-old': jpeg }), T0)).toEqual({ fetched: 1, retried: 0, failed: 0 });

    const row = await readAttachment(handle.db, id);
    expect(row).toMatchObject({ fetchStatus: 'fetched', contentType: 'image/jpeg', byteSize: jpeg.byteLength, width: 1280, height: 960, fetchAttempts: 1, fetchError: null, nextFetchAt: null });
    expect(row.fetchedAt).toEqual(T0);
    expect(row.mediaKey).toMatch(/^photos\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
    expect(store.keys()).toEqual([`${row.mediaKey}/full.jpg`, `${row.mediaKey}/original`, `${row.mediaKey}/thumb.jpg`]);
    expect((await store.get(`${row.mediaKey}/original`))!.body).toEqual(jpeg);
  });

  it('backs off after a failure that may pass, and fetches on the next due attempt', async () => {
    const id = await insertPhoto(handle.db, { reportId, channel: 'telegram', fileRef: 'flaky' });
    let calls = 0;
    const source = fakeSource({ flaky: () => (++calls === 1 ? new PhotoFetchError('Telegram getFile: network error', { retryable: true }) : jpeg) });

    expect(await run(source, T0)).toEqual({ fetched: 0, retried: 1, failed: 0 });
    expect(await readAttachment(handle.db, id)).toMatchObject({ fetchStatus: 'pending', fetchAttempts: 1, fetchError: 'Telegram getFile: network error', nextFetchAt: at(30_000) });

    // Not due yet: nothing is asked.
    expect(await run(source, at(29_000))).toEqual({ fetched: 0, retried: 0, failed: 0 });
    expect(source.asked).toEqual(['flaky']);

    expect(await run(source, at(30_000))).toEqual({ fetched: 1, retried: 0, failed: 0 });
    expect(await readAttachment(handle.db, id)).toMatchObject({ fetchStatus: 'fetched', fetchAttempts: 2, fetchError: null });
  });

  it('waits longer after each failure and gives up after the last attempt, keeping the reason', async () => {
    const id = await insertPhoto(handle.db, { reportId, channel: 'telegram', fileRef: 'down' });
    const source = fakeSource({ down: new PhotoFetchError('Telegram file download answered HTTP 502', { retryable: true }) });
    let now = T0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= PHOTO_FETCH_MAX_ATTEMPTS; attempt += 1) {
      await run(source, now);
      const row = await readAttachment(handle.db, id);
      if (row.nextFetchAt) {
        waits.push(row.nextFetchAt.getTime() - now.getTime());
        now = row.nextFetchAt;
      }
    }
    expect(waits).toEqual([30_000, 120_000, 480_000, 1_920_000, 7_680_000]);
    expect(await readAttachment(handle.db, id)).toMatchObject({ fetchStatus: 'failed', fetchAttempts: PHOTO_FETCH_MAX_ATTEMPTS, fetchError: 'Telegram file download answered HTTP 502', nextFetchAt: null });
    expect(await run(source, at(30 * 24 * 3_600_000))).toEqual({ fetched: 0, retried: 0, failed: 0 });
    expect(source.asked).toHaveLength(PHOTO_FETCH_MAX_ATTEMPTS);
  });

  it('fails for good at once on an expired link or bytes that are not an image', async () => {
    const expired = await insertPhoto(handle.db, { reportId, channel: 'zalo', fileRef: 'https://zalo.example/expired.jpg' });
    const html = await insertPhoto(handle.db, { reportId, channel: 'zalo', fileRef: 'https://zalo.example/page.jpg' });
    const source = fakeSource({
      'https://zalo.example/expired.jpg': new PhotoFetchError('Zalo image link expired or removed (HTTP 404): Zalo keeps image links only for a limited time', { retryable: false }),
      'https://zalo.example/page.jpg': new TextEncoder().encode('<html><script>alert(1)</script></html>'),
    });
    expect(await run(source, T0, 'zalo')).toEqual({ fetched: 0, retried: 0, failed: 2 });
    expect(await readAttachment(handle.db, expired)).toMatchObject({ fetchStatus: 'failed', fetchAttempts: 1, fetchError: expect.stringContaining('expired') });
    expect(await readAttachment(handle.db, html)).toMatchObject({ fetchStatus: 'failed', fetchError: 'the file is not a JPEG, PNG, WebP or GIF image', mediaKey: null });
    expect(store.keys()).toEqual([]);
  });

  it('fetches each photo once when two fetchers run side by side, and a later run finds nothing to do', async () => {
    const ids = [];
    for (let i = 0; i < 6; i += 1) ids.push(await insertPhoto(handle.db, { reportId, channel: 'telegram', fileRef: `photo-${i}` }));
    const source = fakeSource(Object.fromEntries(ids.map((_, i) => [`photo-${i}`, jpeg])));
    const runs = await Promise.all([run(source, T0), run(source, T0)]);
    expect(runs.reduce((sum, r) => sum + r.fetched, 0)).toBe(6);
    expect(source.asked.sort()).toEqual(ids.map((_, i) => `photo-${i}`).sort());
    expect(await run(source, at(3_600_000))).toEqual({ fetched: 0, retried: 0, failed: 0 });
    // The same bytes are one set of objects, whichever row they came for (content-addressed).
    const keys = new Set((await Promise.all(ids.map((id) => readAttachment(handle.db, id)))).map((r) => r.mediaKey));
    expect(keys.size).toBe(1);
    expect(store.keys()).toHaveLength(3);
  });

  it('takes a photo over from a fetcher that died, once its lease has run out', async () => {
    const id = await insertPhoto(handle.db, { reportId, channel: 'telegram', fileRef: 'orphan' });
    expect(await claimDuePhotoFetches(handle.db, { now: T0, limit: 10, channels: ['telegram'] })).toHaveLength(1);
    const source = fakeSource({ orphan: jpeg });
    expect(await run(source, at(PHOTO_FETCH_LEASE_MS - 1000))).toEqual({ fetched: 0, retried: 0, failed: 0 });
    expect(await run(source, at(PHOTO_FETCH_LEASE_MS))).toEqual({ fetched: 1, retried: 0, failed: 0 });
    expect(await readAttachment(handle.db, id)).toMatchObject({ fetchStatus: 'fetched', fetchAttempts: 2 });
  });

  it('leaves photos of a channel this instance cannot fetch from for one that can', async () => {
    const id = await insertPhoto(handle.db, { reportId, channel: 'zalo', fileRef: 'https://zalo.example/a.jpg' });
    expect(await run(fakeSource({}), T0, 'telegram')).toEqual({ fetched: 0, retried: 0, failed: 0 });
    expect(await readAttachment(handle.db, id)).toMatchObject({ fetchStatus: 'pending', fetchAttempts: 0 });
  });

  it('runs in the service loop soon after a nudge, without waiting for its sweep interval', async () => {
    const fetcher = new PhotoFetcher(handle.db, { store, sources: new Map([['telegram', fakeSource({ nudged: jpeg })]]), now: () => T0, log, intervalMs: 3_600_000 });
    fetcher.start(3_600_000);
    try {
      const id = await insertPhoto(handle.db, { reportId, channel: 'telegram', fileRef: 'nudged' });
      fetcher.nudge();
      await expect.poll(async () => (await readAttachment(handle.db, id)).fetchStatus, { timeout: 30_000 }).toBe('fetched');
    } finally {
      await fetcher.stop();
    }
  });
});
