import type { ChannelKind } from '../core/domain.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../log.js';
import { renderPhotoVariants } from '../media/image-variants.js';
import type { MediaStore } from '../media/media-store.js';
import { originalKey, photoFolderKey, variantKey } from '../media/photo-keys.js';
import { PHOTO_MAX_BYTES, PhotoFetchError, type PhotoSource } from '../media/photo-source.js';
import { sniffImageType } from '../media/sniff-image.js';
import type { Database } from '../storage/client.js';
import { claimDuePhotoFetches, markPhotoFetched, markPhotoFetchFailed, type ClaimedPhotoFetch } from '../storage/queries/attachment-media.js';

/** After this many attempts a photo is recorded as failed for good (about 3 hours of trying). */
export const PHOTO_FETCH_MAX_ATTEMPTS = 6;

/** Back-off before attempt n+1: 30 s, 2 min, 8 min, 32 min, 2 h 8 min. */
export function photoFetchBackoffMs(attempts: number): number {
  return Math.min(4 * 3_600_000, 30_000 * 4 ** Math.max(0, attempts - 1));
}

export interface PhotoFetchDeps {
  store: MediaStore;
  /** The channels this instance can fetch from; rows of other channels wait for one that can. */
  sources: ReadonlyMap<ChannelKind, PhotoSource>;
  now: () => Date;
  log: Logger;
  maxBytes?: number;
}

/** What one run did. */
export interface PhotoFetchRun {
  fetched: number;
  retried: number;
  failed: number;
}

/**
 * Copies due photos into the media store: claims a batch, fetches each from its channel, checks
 * it is an image by its bytes, stores the original and its variants under content-addressed keys,
 * and records the outcome on the row (fetched; back-off and tried again; or failed for good with
 * the reason). Safe to run from several instances and to repeat: claims skip each other, and a
 * repeated fetch writes the same objects.
 */
export async function fetchDuePhotos(db: Database, deps: PhotoFetchDeps & { limit?: number; concurrency?: number }): Promise<PhotoFetchRun> {
  const claimed = await claimDuePhotoFetches(db, { now: deps.now(), limit: deps.limit ?? 20, channels: [...deps.sources.keys()] });
  const run: PhotoFetchRun = { fetched: 0, retried: 0, failed: 0 };
  const queue = [...claimed];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) run[await fetchOne(db, item, deps)] += 1;
  };
  await Promise.all(Array.from({ length: Math.min(queue.length, deps.concurrency ?? 2) }, worker));
  return run;
}

async function fetchOne(db: Database, item: ClaimedPhotoFetch, deps: PhotoFetchDeps): Promise<keyof PhotoFetchRun> {
  try {
    const source = deps.sources.get(item.channel);
    if (!source) throw new PhotoFetchError(`no photo source for ${item.channel}`, { retryable: true });
    const original = await source.fetchPhoto(item.fileRef, { maxBytes: deps.maxBytes ?? PHOTO_MAX_BYTES });
    const contentType = sniffImageType(original);
    if (!contentType) throw new PhotoFetchError('the file is not a JPEG, PNG, WebP or GIF image', { retryable: false });
    const rendered = await renderPhotoVariants(original).catch((error: unknown) => {
      throw new PhotoFetchError(`the image cannot be decoded: ${(error as Error)?.message?.slice(0, 120) ?? 'unknown'}`, { retryable: false });
    });
    const folder = photoFolderKey(original);
    // Variants first, the original last: a row is marked fetched only once all three exist.
    await deps.store.put(variantKey(folder, 'thumb'), rendered.variants.thumb, 'image/jpeg');
    await deps.store.put(variantKey(folder, 'full'), rendered.variants.full, 'image/jpeg');
    await deps.store.put(originalKey(folder), original, contentType);
    await markPhotoFetched(db, {
      id: item.id,
      at: deps.now(),
      photo: { mediaKey: folder, contentType, byteSize: original.byteLength, width: rendered.width || null, height: rendered.height || null },
    });
    return 'fetched';
  } catch (error) {
    const retryable = error instanceof PhotoFetchError ? error.retryable : true;
    const message = error instanceof PhotoFetchError ? error.message : describeError(error).split('\n')[0]!.slice(0, 300);
    const final = !retryable || item.attempts >= PHOTO_FETCH_MAX_ATTEMPTS;
    const retryAt = final ? null : new Date(deps.now().getTime() + photoFetchBackoffMs(item.attempts));
    await markPhotoFetchFailed(db, { id: item.id, error: message, retryAt });
    deps.log.warn({ attachmentId: item.id, channel: item.channel, attempts: item.attempts, final, reason: message }, final ? 'photo fetch failed for good' : 'photo fetch failed; will retry');
    return final ? 'failed' : 'retried';
  }
}

/**
 * Runs the fetch job inside the service: a sweep every `intervalMs` (retries, rows left by a
 * crash, photos back-filled from before the media store), at once again while a sweep found a
 * full batch, and soon after a nudge. Never inside a webhook's answer.
 */
export class PhotoFetcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly deps: PhotoFetchDeps & { intervalMs?: number; limit?: number },
  ) {}

  start(firstDelayMs = 1000): void {
    this.schedule(firstDelayMs);
  }

  /** Asks for a sweep soon (photos were just stored); coalesces with one under way. */
  nudge(): void {
    if (this.stopped) return;
    if (this.busy) this.again = true;
    else this.schedule(0);
  }

  /** Stops sweeping and waits for the sweep in flight (its rows are recorded, or their lease runs out). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sweep(), delayMs);
  }

  private sweep(): void {
    if (this.stopped || this.busy) return;
    this.busy = true;
    const limit = this.deps.limit ?? 20;
    this.running = fetchDuePhotos(this.db, { ...this.deps, limit })
      .then((run) => run.fetched + run.retried + run.failed >= limit)
      .catch((error: unknown) => {
        this.deps.log.error({ err: error }, 'photo fetch sweep failed');
        return false;
      })
      .then((full) => {
        this.busy = false;
        const soon = full || this.again;
        this.again = false;
        if (!this.stopped) this.schedule(soon ? 0 : (this.deps.intervalMs ?? 2000));
      });
  }
}
