import type { Answer, PhotoRef } from './types.js';

/**
 * The photos of a photos answer, each with its album if it came in one. Reads both shapes an
 * answer ever had: PhotoRefs, and the bare file references of check-ins started before albums
 * were kept (the upgrade of a stored state, services/stored-checkin.ts, turns those into PhotoRefs
 * with it, so a state read from a row holds PhotoRefs only). Anything else (skipped, not yet
 * answered) is no photos.
 */
export function readPhotos(answer: Answer | undefined): PhotoRef[] {
  if (!Array.isArray(answer)) return [];
  const photos: PhotoRef[] = [];
  for (const item of answer as readonly unknown[]) {
    if (typeof item === 'string') photos.push({ fileRef: item });
    else if (item !== null && typeof item === 'object' && typeof (item as PhotoRef).fileRef === 'string') {
      const { fileRef, mediaGroupId } = item as PhotoRef;
      photos.push(typeof mediaGroupId === 'string' ? { fileRef, mediaGroupId } : { fileRef });
    }
  }
  return photos;
}
