import { describe, expect, it } from 'vitest';
import { readPhotos } from '../../../src/core/checkin/photos.js';

describe('readPhotos', () => {
  it('reads photos with their album, and the bare file references older check-ins stored', () => {
    expect(readPhotos([{ fileRef: 'a', mediaGroupId: 'g' }, { fileRef: 'b' }, 'c'])).toEqual([{ fileRef: 'a', mediaGroupId: 'g' }, { fileRef: 'b' }, { fileRef: 'c' }]);
  });

  it('is no photos for a skipped or missing answer, and drops what is not a photo', () => {
    expect(readPhotos(null)).toEqual([]);
    expect(readPhotos(undefined)).toEqual([]);
    expect(readPhotos('text')).toEqual([]);
    expect(readPhotos([{ nope: 1 }, 'x'] as never)).toEqual([{ fileRef: 'x' }]);
  });
});
