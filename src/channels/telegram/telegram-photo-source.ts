import { downloadBounded, PhotoFetchError, tooLarge, type PhotoSource } from '../../media/photo-source.js';

/**
 * Telegram's photos: `getFile` turns a file_id into a file_path (valid for an hour), then the
 * file is downloaded from `<apiRoot>/file/bot<token>/<file_path>`. Both URLs carry the bot token,
 * so no URL, and no error that could quote one, leaves this function: every failure is a
 * PhotoFetchError worded here, with the token masked as a last guard.
 */
export function createTelegramPhotoSource(config: { token: string; apiRoot: string; timeoutMs?: number }): PhotoSource {
  const root = config.apiRoot.replace(/\/$/, '');
  const mask = (text: string) => text.split(config.token).join('<token>');
  return {
    async fetchPhoto(fileId, { maxBytes }) {
      try {
        const file = await getFile(root, config.token, fileId, config.timeoutMs);
        if (file.file_size !== undefined && file.file_size > maxBytes) throw tooLarge('Telegram photo', file.file_size, maxBytes);
        if (!file.file_path) throw new PhotoFetchError('Telegram getFile gave no file_path (the file cannot be downloaded by a bot)', { retryable: false });
        return await downloadBounded(`${root}/file/bot${config.token}/${file.file_path.split('/').map(encodeURIComponent).join('/')}`, {
          what: 'Telegram file download',
          maxBytes,
          timeoutMs: config.timeoutMs,
          // A file_path lasts an hour: a 404 means asking getFile again, on the next attempt.
          judge: (status) => new PhotoFetchError(`Telegram file download answered HTTP ${status}`, { retryable: status === 404 || status === 429 || status >= 500 }),
        });
      } catch (error) {
        if (error instanceof PhotoFetchError) {
          if (!error.message.includes(config.token)) throw error;
          throw new PhotoFetchError(mask(error.message), { retryable: error.retryable });
        }
        throw new PhotoFetchError(mask(`Telegram photo: ${(error as Error)?.name ?? 'error'}`), { retryable: true });
      }
    },
  };
}

interface TelegramFile {
  file_id: string;
  file_size?: number;
  file_path?: string;
}

async function getFile(root: string, token: string, fileId: string, timeoutMs = 15_000): Promise<TelegramFile> {
  let response: Response;
  try {
    response = await fetch(`${root}/bot${token}/getFile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file_id: fileId }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    throw new PhotoFetchError(`Telegram getFile: ${timedOut ? 'timed out' : 'network error'}`, { retryable: true });
  }
  const answer = (await response.json().catch(() => null)) as { ok?: boolean; result?: TelegramFile; error_code?: number; description?: string } | null;
  if (answer?.ok && answer.result) return answer.result;
  const code = answer?.error_code ?? response.status;
  const description = typeof answer?.description === 'string' ? answer.description.slice(0, 200) : `HTTP ${response.status}`;
  // 400 is Telegram's «invalid file_id» or «file is too big»: asking again cannot help.
  throw new PhotoFetchError(`Telegram getFile refused: ${description}`, { retryable: code === 429 || code >= 500 || code === 0 });
}
