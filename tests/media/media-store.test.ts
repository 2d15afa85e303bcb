import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsMediaStore } from '../../src/media/fs-media-store.js';
import { InvalidMediaKeyError, type MediaStore } from '../../src/media/media-store.js';
import { MemoryMediaStore } from '../../src/media/memory-media-store.js';

/**
 * The media store contract: every implementation (the filesystem default, the in-memory one, and
 * any S3-compatible adapter added later) must pass this same suite.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chibo-media-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const implementations: [string, () => Promise<MediaStore>][] = [
  ['filesystem', async () => new FsMediaStore(join(await tempDir(), 'media'))],
  ['memory', async () => new MemoryMediaStore()],
];

const bytes = (...values: number[]) => Uint8Array.from(values);

describe.each(implementations)('media store contract: %s', (_name, create) => {
  it('gives back the bytes and content type that were put, under nested keys', async () => {
    const store = await create();
    await store.put('photos/ab/abc123/original', bytes(0xff, 0xd8, 0xff, 1, 2, 3), 'image/jpeg');
    await store.put('photos/ab/abc123/thumb.jpg', bytes(9, 8, 7), 'image/jpeg');
    expect(await store.get('photos/ab/abc123/original')).toEqual({ body: bytes(0xff, 0xd8, 0xff, 1, 2, 3), contentType: 'image/jpeg' });
    expect(await store.get('photos/ab/abc123/thumb.jpg')).toEqual({ body: bytes(9, 8, 7), contentType: 'image/jpeg' });
  });

  it('answers null for a key never put', async () => {
    const store = await create();
    expect(await store.get('photos/zz/missing/original')).toBeNull();
  });

  it('keeps its own copy: changing the caller’s buffer afterwards changes nothing stored', async () => {
    const store = await create();
    const body = bytes(1, 2, 3);
    await store.put('a/b', body, 'image/png');
    body[0] = 99;
    const first = await store.get('a/b');
    first!.body[1] = 42;
    expect((await store.get('a/b'))!.body).toEqual(bytes(1, 2, 3));
  });

  it('replaces an object whole, type included', async () => {
    const store = await create();
    await store.put('a/b', bytes(1, 2, 3, 4, 5, 6), 'image/png');
    await store.put('a/b', bytes(7), 'image/webp');
    expect(await store.get('a/b')).toEqual({ body: bytes(7), contentType: 'image/webp' });
  });

  it('ends with one complete value when the same key is written side by side', async () => {
    const store = await create();
    const versions = Array.from({ length: 8 }, (_, i) => new Uint8Array(64 * 1024).fill(i + 1));
    await Promise.all(versions.map((body) => store.put('race/key', body, 'image/jpeg')));
    const stored = (await store.get('race/key'))!.body;
    expect(stored.byteLength).toBe(64 * 1024);
    expect(new Set(stored).size).toBe(1);
  });

  it('deletes an object, and deleting a missing one is not an error', async () => {
    const store = await create();
    await store.put('a/b', bytes(1), 'image/jpeg');
    await store.delete('a/b');
    expect(await store.get('a/b')).toBeNull();
    await expect(store.delete('a/b')).resolves.toBeUndefined();
  });

  it.each([
    ['a parent step', '../outside'],
    ['a parent step inside', 'photos/../../etc/passwd'],
    ['an absolute path', '/etc/passwd'],
    ['a backslash', 'photos\\..\\x'],
    ['an empty segment', 'photos//x'],
    ['a dot segment', 'photos/./x'],
    ['a hidden name', '.hidden'],
    ['the empty key', ''],
    ['upper case', 'Photos/X'],
    ['a NUL byte', 'photos/x\u0000y'],
    ['a reserved extension', 'photos/x.tmp'],
    ['a reserved extension', 'photos/x.type'],
    ['too many segments', 'a/b/c/d/e/f/g/h/i'],
  ])('refuses a key with %s (%j) on put, get and delete', async (_why, key) => {
    const store = await create();
    await expect(store.put(key, bytes(1), 'image/jpeg')).rejects.toBeInstanceOf(InvalidMediaKeyError);
    await expect(store.get(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
    await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidMediaKeyError);
  });
});

describe('filesystem media store', () => {
  it('writes only inside its folder, leaves no temporary files, and keeps the image as a plain file', async () => {
    const dir = await tempDir();
    const store = new FsMediaStore(join(dir, 'media'));
    await store.put('photos/ab/abc/original', bytes(0xff, 0xd8, 0xff), 'image/jpeg');
    await store.put('photos/ab/abc/original', bytes(0xff, 0xd8, 0xff, 0), 'image/jpeg');
    await expect(store.put('../escape', bytes(1), 'image/jpeg')).rejects.toThrow(InvalidMediaKeyError);
    expect(await readdir(dir)).toEqual(['media']);
    expect((await readdir(join(dir, 'media/photos/ab/abc'))).sort()).toEqual(['original', 'original.type']);
    // A second store on the same folder (a restarted service) reads what the first wrote.
    expect(await new FsMediaStore(join(dir, 'media')).get('photos/ab/abc/original')).toEqual({ body: bytes(0xff, 0xd8, 0xff, 0), contentType: 'image/jpeg' });
  });
});
