import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { assertMediaKey, InvalidMediaKeyError, type MediaStore, type StoredMedia } from './media-store.js';

/** The content type of `<key>` is kept beside it in `<key>.type` (no key ends so: see assertMediaKey). */
const TYPE_SUFFIX = '.type';

/**
 * The default media store: one file per key under a folder (DATA_DIR/media), so a single-disk
 * deployment needs nothing else, and the files are the images themselves (an operator can open
 * or back them up with ordinary tools). Each write goes to a temporary file in the same folder
 * and is renamed over the target, so a reader or a crash never sees half a file. The content type
 * sits in a small `.type` file written the same way before the body (for content-addressed keys
 * it never changes once written).
 */
export class FsMediaStore implements MediaStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeAtomically(`${path}${TYPE_SUFFIX}`, contentType);
    await writeAtomically(path, body);
  }

  async get(key: string): Promise<StoredMedia | null> {
    const path = this.pathOf(key);
    const body = await readFile(path).catch(ifMissing(null));
    if (!body) return null;
    const contentType = await readFile(`${path}${TYPE_SUFFIX}`, 'utf8').catch(ifMissing('application/octet-stream'));
    return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), contentType: contentType.trim() };
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(`${path}${TYPE_SUFFIX}`, { force: true });
  }

  /** The file for a key, refused unless it lies inside the root (the key check already ensures it). */
  private pathOf(key: string): string {
    assertMediaKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new InvalidMediaKeyError(key);
    return path;
  }
}

async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  };
}
