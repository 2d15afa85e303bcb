import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryMediaStore } from '../../src/media/memory-media-store.js';
import { readPhoto } from '../../src/services/photos.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { createTestDatabase } from '../helpers/database.js';
import { createPhotosInTwoDistricts } from '../helpers/photo-fixtures.js';

let handle: DatabaseHandle;
let store: MemoryMediaStore;
let tree: Awaited<ReturnType<typeof createPhotosInTwoDistricts>>;

beforeEach(async () => {
  handle = await createTestDatabase();
  store = new MemoryMediaStore();
  tree = await createPhotosInTwoDistricts(handle.db, store);
});
afterEach(async () => {
  await handle.close();
});

describe('readPhoto', () => {
  it('serves a photo to a scope that holds its unit, by subtree or by the unit itself', async () => {
    const byDistrict = await readPhoto(handle.db, store, { attachmentId: tree.photoA, variant: 'thumb', scopePaths: [tree.paths.districtA] });
    expect(byDistrict).toMatchObject({ contentType: 'image/jpeg', etag: expect.stringMatching(/^"[0-9a-f]{32}-thumb-v1"$/) });
    expect(await readPhoto(handle.db, store, { attachmentId: tree.photoA, variant: 'full', scopePaths: [tree.paths.cellA] })).toMatchObject({ contentType: 'image/jpeg' });
    // Several scope paths (a person with roles in two places): any of them will do.
    expect(await readPhoto(handle.db, store, { attachmentId: tree.photoB, variant: 'full', scopePaths: [tree.paths.districtA, tree.paths.cellB] })).not.toBeNull();
  });

  it('gives nothing outside the scope, for an unknown id, or to an empty scope', async () => {
    expect(await readPhoto(handle.db, store, { attachmentId: tree.photoB, variant: 'thumb', scopePaths: [tree.paths.districtA] })).toBeNull();
    expect(await readPhoto(handle.db, store, { attachmentId: tree.photoA, variant: 'thumb', scopePaths: [tree.paths.cellB] })).toBeNull();
    expect(await readPhoto(handle.db, store, { attachmentId: tree.photoA, variant: 'thumb', scopePaths: [] })).toBeNull();
    expect(await readPhoto(handle.db, store, { attachmentId: 999_999, variant: 'thumb', scopePaths: [tree.paths.province] })).toBeNull();
  });

  it('says a photo not fetched yet is pending, and only inside the scope', async () => {
    expect(await readPhoto(handle.db, store, { attachmentId: tree.pendingA, variant: 'thumb', scopePaths: [tree.paths.cellA] })).toEqual({ pending: true });
    expect(await readPhoto(handle.db, store, { attachmentId: tree.pendingA, variant: 'thumb', scopePaths: [tree.paths.districtB] })).toBeNull();
  });

  it('says a photo that failed for good has failed, and only inside the scope', async () => {
    expect(await readPhoto(handle.db, store, { attachmentId: tree.failedA, variant: 'thumb', scopePaths: [tree.paths.districtA] })).toEqual({ failed: true });
    expect(await readPhoto(handle.db, store, { attachmentId: tree.failedA, variant: 'full', scopePaths: [tree.paths.districtB] })).toBeNull();
  });

  it('refuses a scope that is not a unit path rather than widen it', async () => {
    await expect(readPhoto(handle.db, store, { attachmentId: tree.photoA, variant: 'thumb', scopePaths: ['/'] })).rejects.toThrow('not a unit path');
    await expect(readPhoto(handle.db, store, { attachmentId: tree.photoA, variant: 'thumb', scopePaths: ["/1/' or 1=1 --"] })).rejects.toThrow('not a unit path');
  });
});
