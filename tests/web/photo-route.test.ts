import type { Context } from 'hono';
import { Hono } from 'hono';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryMediaStore } from '../../src/media/memory-media-store.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { createPhotoRoutes } from '../../src/web/photo-route.js';
import { createTestDatabase } from '../helpers/database.js';
import { createPhotosInTwoDistricts } from '../helpers/photo-fixtures.js';

/**
 * The photo route as the web console mounts it (at /anh), with a stand-in for the console's
 * session: the `x-test-scope` header names the scope paths of the person asking.
 */

let handle: DatabaseHandle;
let store: MemoryMediaStore;
let tree: Awaited<ReturnType<typeof createPhotosInTwoDistricts>>;
let photoA: number;
let photoB: number;
let pendingA: number;
let app: Hono;

beforeEach(async () => {
  handle = await createTestDatabase();
  store = new MemoryMediaStore();
  tree = await createPhotosInTwoDistricts(handle.db, store);
  ({ photoA, photoB, pendingA } = tree);
  const resolveScopePaths = async (c: Context) => {
    const header = c.req.header('x-test-scope');
    return header === undefined ? null : header.split(',').filter(Boolean);
  };
  app = new Hono().route('/anh', createPhotoRoutes({ db: handle.db, store, resolveScopePaths }));
});
afterEach(async () => {
  await handle.close();
});

const get = (path: string, scope: readonly string[] | null, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { ...(scope ? { 'x-test-scope': scope.join(',') } : {}), ...headers } });

describe('GET /anh/:id/:variant', () => {
  it('serves the gallery size and the full size of a photo in the leader’s subtree, with private caching and safe headers', async () => {
    const thumb = await get(`/anh/${photoA}/thumb`, [tree.paths.districtA]);
    expect(thumb.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'cache-control', 'referrer-policy', 'x-content-type-options'].map((h) => [h, thumb.headers.get(h)]))).toEqual({
      'content-type': 'image/jpeg',
      'cache-control': 'private, max-age=3600',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    expect(await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 160 });
    const full = await get(`/anh/${photoA}/full`, [tree.paths.province]);
    expect(await sharp(Buffer.from(await full.arrayBuffer())).metadata()).toMatchObject({ width: 1600, height: 800 });
    expect(full.headers.get('etag')).not.toBe(thumb.headers.get('etag'));
  });

  it('answers 304 to a browser that already has the photo, and only inside the scope', async () => {
    const first = await get(`/anh/${photoA}/thumb`, [tree.paths.cellA]);
    const etag = first.headers.get('etag')!;
    const again = await get(`/anh/${photoA}/thumb`, [tree.paths.cellA], { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect([again.headers.get('etag'), again.headers.get('cache-control')]).toEqual([etag, 'private, max-age=3600']);
    expect((await get(`/anh/${photoA}/thumb`, [tree.paths.cellA], { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    expect((await get(`/anh/${photoA}/thumb`, [tree.paths.cellA], { 'if-none-match': '"other"' })).status).toBe(200);
    // Knowing the ETag gives nothing to someone outside the scope.
    expect((await get(`/anh/${photoA}/thumb`, [tree.paths.districtB], { 'if-none-match': etag })).status).toBe(404);
  });

  it('answers the same 404 for another district’s photo, an unknown id, a malformed id or variant, and nobody signed in', async () => {
    const leaderA = [tree.paths.districtA];
    const answers = await Promise.all([
      get(`/anh/${photoB}/thumb`, leaderA),
      get('/anh/999999/thumb', leaderA),
      get(`/anh/${photoA}/original`, leaderA),
      get('/anh/0/thumb', leaderA),
      get('/anh/1e3/thumb', leaderA),
      get('/anh/99999999999/thumb', leaderA),
      get(`/anh/-${photoA}/thumb`, leaderA),
      get(`/anh/${photoA}/thumb`, null),
      get(`/anh/${photoA}/thumb`, []),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await answer.text()).toBe('Không tìm thấy ảnh.');
    }
  });

  it('shows a placeholder, never cached, while the photo is still being fetched', async () => {
    const answer = await get(`/anh/${pendingA}/thumb`, [tree.paths.cellA]);
    expect(answer.status).toBe(200);
    expect([answer.headers.get('content-type'), answer.headers.get('cache-control'), answer.headers.get('x-content-type-options')]).toEqual(['image/svg+xml; charset=utf-8', 'no-store', 'nosniff']);
    expect(await answer.text()).toContain('Đang tải ảnh…');
    expect((await get(`/anh/${pendingA}/thumb`, [tree.paths.districtB])).status).toBe(404);
  });

  it('answers a photo that failed for good with a 404 that is a tile saying so in Vietnamese, and only inside the scope', async () => {
    for (const variant of ['thumb', 'full']) {
      const answer = await get(`/anh/${tree.failedA}/${variant}`, [tree.paths.districtA]);
      expect(answer.status).toBe(404);
      expect([answer.headers.get('content-type'), answer.headers.get('cache-control'), answer.headers.get('referrer-policy')]).toEqual(['image/svg+xml; charset=utf-8', 'no-store', 'no-referrer']);
      expect(await answer.text()).toContain('Không tải được ảnh');
    }
    const outside = await get(`/anh/${tree.failedA}/thumb`, [tree.paths.districtB]);
    expect([outside.status, await outside.text()]).toEqual([404, 'Không tìm thấy ảnh.']);
  });
});
