import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramPhotoSource } from '../../../src/channels/telegram/telegram-photo-source.js';
import { PhotoFetchError } from '../../../src/media/photo-source.js';
import { FakeTelegram } from '../../helpers/fake-telegram.js';

const TOKEN = '123456:PHOTO_SOURCE_TOKEN_abcdefghijklmnop';
let fake: FakeTelegram;

beforeAll(async () => {
  fake = await new FakeTelegram().start();
});
afterAll(async () => {
  await fake.stop();
});

async function failureOf(promise: Promise<unknown>): Promise<PhotoFetchError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PhotoFetchError);
  expect((error as Error).message).not.toContain(TOKEN);
  expect(JSON.stringify((error as PhotoFetchError).context)).not.toContain(TOKEN);
  return error as PhotoFetchError;
}

describe('Telegram photo source', () => {
  it('asks getFile for the path, then downloads the file with the token in the path', async () => {
    const source = createTelegramPhotoSource({ token: TOKEN, apiRoot: fake.url });
    fake.addFile('AgACAgIAAxk-photo-1', Uint8Array.from([0xff, 0xd8, 0xff, 7, 7, 7]));
    expect(await source.fetchPhoto('AgACAgIAAxk-photo-1', { maxBytes: 1000 })).toEqual(Uint8Array.from([0xff, 0xd8, 0xff, 7, 7, 7]));
    expect(fake.calls.filter((c) => c.method === 'getFile').at(-1)!.body).toEqual({ file_id: 'AgACAgIAAxk-photo-1' });
    expect(fake.downloads.at(-1)).toMatch(new RegExp(`^/file/bot${TOKEN}/photos/`));
  });

  it('fails for good, without downloading, on a file id Telegram does not know', async () => {
    const source = createTelegramPhotoSource({ token: TOKEN, apiRoot: fake.url });
    const before = fake.downloads.length;
    const error = await failureOf(source.fetchPhoto('no-such-file', { maxBytes: 1000 }));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('invalid file_id');
    expect(fake.downloads).toHaveLength(before);
  });

  it('refuses a file over the size limit from getFile’s size, before downloading it', async () => {
    const source = createTelegramPhotoSource({ token: TOKEN, apiRoot: fake.url });
    fake.addFile('big-photo', new Uint8Array(5000).fill(1));
    const before = fake.downloads.length;
    const error = await failureOf(source.fetchPhoto('big-photo', { maxBytes: 4000 }));
    expect([error.retryable, error.message]).toEqual([false, expect.stringContaining('over the')]);
    expect(fake.downloads).toHaveLength(before);
  });

  it('tries again later when the Bot API or the download fails on its side', async () => {
    const source = createTelegramPhotoSource({ token: TOKEN, apiRoot: fake.url });
    fake.addFile('flaky-photo', Uint8Array.from([0xff, 0xd8, 0xff]));
    fake.failNext('getFile', { status: 502, description: 'Bad Gateway' });
    expect((await failureOf(source.fetchPhoto('flaky-photo', { maxBytes: 1000 }))).retryable).toBe(true);
    fake.failNext('download', { status: 500, description: 'Internal' });
    const error = await failureOf(source.fetchPhoto('flaky-photo', { maxBytes: 1000 }));
    expect([error.retryable, error.message]).toEqual([true, 'Telegram file download answered HTTP 500']);
    expect(await source.fetchPhoto('flaky-photo', { maxBytes: 1000 })).toEqual(Uint8Array.from([0xff, 0xd8, 0xff]));
  });

  it('reports an unreachable Bot API as a network error that names no URL', async () => {
    const source = createTelegramPhotoSource({ token: TOKEN, apiRoot: 'http://127.0.0.1:9' });
    const error = await failureOf(source.fetchPhoto('any', { maxBytes: 1000 }));
    expect([error.retryable, error.message]).toEqual([true, 'Telegram getFile: network error']);
  });
});
