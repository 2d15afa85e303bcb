import { Hono, type Context } from 'hono';
import { vi } from '../core/messages/vi.js';
import type { MediaStore } from '../media/media-store.js';
import { PHOTO_VARIANTS, type PhotoVariant } from '../media/photo-keys.js';
import { readPhoto } from '../services/photos.js';
import type { Database } from '../storage/client.js';

export interface PhotoRouteDeps {
  db: Database;
  store: MediaStore;
  /**
   * The materialised unit paths the request may see (the web console's session decides them);
   * null when nobody is signed in, which answers 404 here (the console's own middleware, mounted
   * before this, redirects to sign in).
   */
  resolveScopePaths: (c: Context) => Promise<readonly string[] | null>;
}

/** A browser may keep a photo this long without asking again; then it asks with If-None-Match. */
export const PHOTO_MAX_AGE_SECONDS = 3600;

/** A grey tile with a word on it, standing in for a photo that cannot be shown (yet). */
function tileSvg(text: string, colour: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240"><rect width="320" height="240" fill="#e5e7eb"/>` +
    `<text x="160" y="125" font-family="sans-serif" font-size="16" text-anchor="middle" fill="${colour}">${text}</text></svg>`
  );
}

/** Shown while the fetch job has not copied the photo yet, never cached. */
const PENDING_SVG = tileSvg(vi.photo.pending, '#4b5563');
/** Shown (with a 404) for a photo in scope that could not be fetched for good: a word, not a broken image. */
const FAILED_SVG = tileSvg(vi.photo.failed, '#8a1c1c');

/** Headers every answer of this route carries: no referrer leaks a photo URL, nothing is sniffed or framed. */
const COMMON_HEADERS = {
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
} as const;

/**
 * GET /:attachmentId/:variant (thumb | full), to be mounted at /anh by the web console: serves a
 * photo only inside the asker's scope. Out of scope, unknown or a malformed id: the same 404, so
 * an id reveals nothing. Inside the scope, a photo still being fetched is a placeholder (200, not
 * cached) and one that failed for good a tile saying so (404). A served photo is private to the
 * browser, with a strong ETag (304 on If-None-Match).
 */
export function createPhotoRoutes(deps: PhotoRouteDeps): Hono {
  const app = new Hono();
  app.get('/:attachmentId/:variant', async (c) => {
    const id = c.req.param('attachmentId');
    const variant = c.req.param('variant');
    if (!/^[1-9]\d{0,9}$/.test(id) || Number(id) > 2_147_483_647 || !isVariant(variant)) return notFound(c);
    const scopePaths = await deps.resolveScopePaths(c);
    if (!scopePaths || scopePaths.length === 0) return notFound(c);
    const photo = await readPhoto(deps.db, deps.store, { attachmentId: Number(id), variant, scopePaths });
    if (!photo) return notFound(c);
    if ('pending' in photo) {
      return c.body(PENDING_SVG, 200, { ...COMMON_HEADERS, 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'no-store' });
    }
    if ('failed' in photo) {
      return c.body(FAILED_SVG, 404, { ...COMMON_HEADERS, 'Content-Type': 'image/svg+xml; charset=utf-8', 'Cache-Control': 'no-store' });
    }
    const caching = { ...COMMON_HEADERS, ETag: photo.etag, 'Cache-Control': `private, max-age=${PHOTO_MAX_AGE_SECONDS}` };
    if (matches(c.req.header('if-none-match'), photo.etag)) return c.body(null, 304, caching);
    return c.body(photo.body as Uint8Array<ArrayBuffer>, 200, {
      ...caching,
      'Content-Type': photo.contentType,
      'Content-Length': String(photo.body.byteLength),
      'Content-Disposition': 'inline',
    });
  });
  return app;
}

function isVariant(value: string): value is PhotoVariant {
  return (PHOTO_VARIANTS as readonly string[]).includes(value);
}

/** If-None-Match lists ETags (or *), possibly weak (W/"..."): a match by the opaque tag means unchanged. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function notFound(c: Context): Response {
  return c.body(vi.photo.notFound, 404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
}
