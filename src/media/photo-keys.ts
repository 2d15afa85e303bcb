import { createHash } from 'node:crypto';

/** The sizes a photo is served in: a reduced one for galleries and the full one, capped. */
export const PHOTO_VARIANTS = ['thumb', 'full'] as const;
export type PhotoVariant = (typeof PHOTO_VARIANTS)[number];

/**
 * A photo's folder in the media store, named by the SHA-256 of its bytes (content-addressed):
 * fetching the same photo twice (a retry, a second instance, a photo sent in two reports) writes
 * the same objects, so every write is idempotent, and the name is a strong validator for caching.
 * Two hex characters of fan-out keep a folder to a few thousand entries at millions of photos.
 */
export function photoFolderKey(original: Uint8Array): string {
  const hash = createHash('sha256').update(original).digest('hex');
  return `photos/${hash.slice(0, 2)}/${hash}`;
}

/** The original as received, kept as evidence. */
export function originalKey(folder: string): string {
  return `${folder}/original`;
}

/** A served variant of the photo in `folder`. */
export function variantKey(folder: string, variant: PhotoVariant): string {
  return `${folder}/${variant}.jpg`;
}

/** The ETag of a variant: the content hash names the bytes, and the variant's rendering version is part of it. */
export function variantEtag(folder: string, variant: PhotoVariant): string {
  return `"${folder.slice(folder.lastIndexOf('/') + 1, folder.lastIndexOf('/') + 33)}-${variant}-v1"`;
}
