import type { MediaStore } from '../media/media-store.js';
import { variantEtag, variantKey, type PhotoVariant } from '../media/photo-keys.js';
import type { Db } from '../storage/client.js';
import { findPhotoInScope } from '../storage/queries/attachment-media.js';

/** A photo ready to serve. */
export interface ServedPhoto {
  body: Uint8Array;
  contentType: string;
  /** Strong: the content hash and the variant name the bytes. */
  etag: string;
}

/**
 * One size of one photo, for someone whose scope is `scopePaths` (materialised unit paths: a
 * leader's subtree, a secretary's unit). Null when the attachment does not exist, lies outside
 * the scope, or its file is missing from the store: the caller answers all of these alike (404).
 * Inside the scope, `{ pending: true }` while the fetch job has not copied it yet, and
 * `{ failed: true }` when it could not be fetched for good (the viewer may know that much: the
 * gallery says so in words).
 */
export async function readPhoto(
  db: Db,
  store: MediaStore,
  params: { attachmentId: number; variant: PhotoVariant; scopePaths: readonly string[] },
): Promise<ServedPhoto | { pending: true } | { failed: true } | null> {
  const photo = await findPhotoInScope(db, { attachmentId: params.attachmentId, scopePaths: params.scopePaths });
  if (!photo) return null;
  if (photo.fetchStatus === 'pending' || photo.fetchStatus === 'fetching') return { pending: true };
  if (photo.fetchStatus === 'failed') return { failed: true };
  if (!photo.mediaKey) return null;
  const stored = await store.get(variantKey(photo.mediaKey, params.variant));
  if (!stored) return null;
  return { body: stored.body, contentType: stored.contentType, etag: variantEtag(photo.mediaKey, params.variant) };
}
