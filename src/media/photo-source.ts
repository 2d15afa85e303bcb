import { AppError } from '../core/errors.js';

/** Photos larger than this are refused (Telegram's Bot API serves files up to 20 MB anyway). */
export const PHOTO_MAX_BYTES = 20 * 1024 * 1024;

/** How long one download may take before it counts as a failed attempt. */
export const PHOTO_DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * Where a channel's photos come from: given the reference the channel gave us (a Telegram
 * file_id, a Zalo image URL), the original bytes. Each channel implements it in its own folder
 * (the channel knows its API); the fetch job only sees this port, so tests use fakes.
 */
export interface PhotoSource {
  fetchPhoto(fileRef: string, options: { maxBytes: number }): Promise<Uint8Array>;
}

/**
 * A photo could not be fetched. `retryable` says whether a later attempt may succeed (a network
 * error, a 5xx) or not (an unknown file, an expired link, too large). The message is written for
 * the operator and never carries a URL: Telegram's file URLs contain the bot token.
 */
export class PhotoFetchError extends AppError {
  override readonly name = 'PhotoFetchError';
  constructor(message: string, options: { retryable: boolean; context?: Record<string, unknown> }) {
    super('PHOTO_FETCH_FAILED', message, options);
  }
}

/**
 * GETs `url` and reads at most `maxBytes` of its body (refusing a larger Content-Length before
 * reading, and stopping a body that grows past it). The answer's HTTP status is handed to
 * `judge`, which says what a non-2xx means for that channel. Network failures and timeouts are
 * retryable; their messages name only `what` (never the URL).
 */
export async function downloadBounded(
  url: string,
  options: { what: string; maxBytes: number; timeoutMs?: number; judge: (status: number) => PhotoFetchError },
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? PHOTO_DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    throw new PhotoFetchError(`${options.what}: ${networkReason(error)}`, { retryable: true });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw options.judge(response.status);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(options.what, declared, options.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > options.maxBytes) throw tooLarge(options.what, size, options.maxBytes);
      chunks.push(chunk);
    }
  } catch (error) {
    await response.body?.cancel().catch(() => undefined);
    if (error instanceof PhotoFetchError) throw error;
    throw new PhotoFetchError(`${options.what}: ${networkReason(error)}`, { retryable: true });
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** A photo over the size limit: refused for good. */
export function tooLarge(what: string, size: number, maxBytes: number): PhotoFetchError {
  return new PhotoFetchError(`${what}: the file is ${formatMegabytes(size)}, over the ${formatMegabytes(maxBytes)} limit`, { retryable: false, context: { size } });
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a request failed, from the error's code or name only (undici's messages may carry the address). */
function networkReason(error: unknown): string {
  const e = error as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'the download timed out';
  const code = e?.cause?.code;
  return code ? `network error (${code})` : 'network error';
}
