import { assertMediaKey, type MediaStore, type StoredMedia } from './media-store.js';

/**
 * The media store in memory, for tests and the command line's try-outs: the same contract as
 * the filesystem store (copies in, copies out, so a caller's buffer can change afterwards).
 */
export class MemoryMediaStore implements MediaStore {
  private readonly objects = new Map<string, StoredMedia>();

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    assertMediaKey(key);
    this.objects.set(key, { body: Uint8Array.from(body), contentType });
  }

  async get(key: string): Promise<StoredMedia | null> {
    assertMediaKey(key);
    const found = this.objects.get(key);
    return found ? { body: Uint8Array.from(found.body), contentType: found.contentType } : null;
  }

  async delete(key: string): Promise<void> {
    assertMediaKey(key);
    this.objects.delete(key);
  }

  /** Every key held, sorted: for tests that check what was written. */
  keys(): string[] {
    return [...this.objects.keys()].sort();
  }
}
