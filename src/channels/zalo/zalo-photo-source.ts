import { downloadBounded, PhotoFetchError, type PhotoSource } from '../../media/photo-source.js';

/**
 * Zalo's photos: the webhook gives a CDN URL for the image, which Zalo keeps only for a while, so
 * the job fetches it as soon as it can. A link that answers 403, 404 or 410 has expired (or was
 * withdrawn): a final failure, said so plainly; a 5xx or a network error is tried again.
 */
export function createZaloPhotoSource(config: { timeoutMs?: number } = {}): PhotoSource {
  return {
    async fetchPhoto(url, { maxBytes }) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new PhotoFetchError('Zalo photo: the reference is not a URL', { retryable: false });
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new PhotoFetchError('Zalo photo: not an http(s) URL', { retryable: false });
      return downloadBounded(parsed.href, {
        what: 'Zalo photo download',
        maxBytes,
        timeoutMs: config.timeoutMs,
        judge: (status) =>
          status === 403 || status === 404 || status === 410
            ? new PhotoFetchError(`Zalo image link expired or removed (HTTP ${status}): Zalo keeps image links only for a limited time`, { retryable: false, context: { status } })
            : new PhotoFetchError(`Zalo photo download answered HTTP ${status}`, { retryable: status === 429 || status >= 500 }),
      });
    },
  };
}
