import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZaloPhotoSource } from '../../../src/channels/zalo/zalo-photo-source.js';
import { PhotoFetchError } from '../../../src/media/photo-source.js';
import { FakeZalo } from '../../helpers/fake-zalo.js';

let fake: FakeZalo;

beforeAll(async () => {
  fake = await new FakeZalo('refresh-0').start();
});
afterAll(async () => {
  await fake.stop();
});

describe('Zalo photo source', () => {
  it('downloads the image from the URL the webhook gave', async () => {
    const url = fake.addImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2]));
    expect(await createZaloPhotoSource().fetchPhoto(url, { maxBytes: 1000 })).toEqual(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2]));
  });

  it('says plainly that an expired link is gone for good', async () => {
    const url = fake.addImage(Uint8Array.from([0xff, 0xd8, 0xff]));
    fake.expireImage(url);
    const error = await createZaloPhotoSource().fetchPhoto(url, { maxBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoFetchError);
    expect((error as PhotoFetchError).retryable).toBe(false);
    expect((error as Error).message).toBe('Zalo image link expired or removed (HTTP 404): Zalo keeps image links only for a limited time');
  });

  it('stops reading a body that grows past the limit', async () => {
    const url = fake.addImage(new Uint8Array(10_000).fill(0xff));
    const error = await createZaloPhotoSource().fetchPhoto(url, { maxBytes: 4000 }).catch((e: unknown) => e);
    expect([(error as PhotoFetchError).retryable, (error as Error).message]).toEqual([false, expect.stringContaining('over the')]);
  });

  it('refuses a reference that is not an http(s) URL without fetching anything', async () => {
    for (const ref of ['file:///etc/passwd', 'not a url']) {
      const error = await createZaloPhotoSource().fetchPhoto(ref, { maxBytes: 1000 }).catch((e: unknown) => e);
      expect((error as PhotoFetchError).retryable).toBe(false);
    }
  });
});
