import { AppError } from '../core/errors.js';

/** What the store keeps under a key: the bytes and the type they were put with. */
export interface StoredMedia {
  body: Uint8Array;
  contentType: string;
}

/**
 * Where fetched photos and their variants live, behind a port so one disk (the default) can
 * give way to an S3-compatible bucket without touching the job or the route: a key maps to one
 * object with its content type, `put` replaces whole objects (a reader sees the old or the new
 * bytes, never half), and `get` of an unknown key is null. Keys are relative paths of
 * `[a-z0-9_-]` segments with an optional extension, so they are safe as file names and as
 * object names alike.
 */
export interface MediaStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredMedia | null>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/** A key a store refuses: a path that could leave its folder, or a name no store can hold. */
export class InvalidMediaKeyError extends AppError {
  override readonly name = 'InvalidMediaKeyError';
  constructor(key: string) {
    super('MEDIA_KEY_INVALID', 'Not a valid media key', { context: { key: key.slice(0, 80) } });
  }
}

const SEGMENT = '[a-z0-9][a-z0-9_-]{0,127}';
const KEY = new RegExp(`^${SEGMENT}(/${SEGMENT}){0,7}(\\.[a-z0-9]{1,8})?$`);

/**
 * Refuses anything but `seg/seg/name[.ext]` (lower-case letters, digits, `_`, `-`): no `..`, no
 * leading `/`, no backslash, no empty segment, at most 8 segments, not ending in `.type` or `.tmp`. Every store calls this before
 * touching its medium, so a key can never name a file outside the store's folder.
 */
export function assertMediaKey(key: string): void {
  if (key.length > 512 || !KEY.test(key) || RESERVED.test(key)) throw new InvalidMediaKeyError(key);
}

/** Extensions a store may use for its own bookkeeping (the filesystem store's type and temporary files). */
const RESERVED = /\.(type|tmp)$/;
