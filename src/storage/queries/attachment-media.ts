import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { ChannelKind } from '../../core/domain.js';
import type { Db } from '../client.js';
import { attachments, orgUnits, reports } from '../schema/index.js';
import { underPath } from './figures.js';

/**
 * The media side of attachments: the fetch job's queue (claim, record success or failure) and
 * reading one photo within a scope. Listing a report's or a model's attachments is the web
 * console's query (attachments.ts).
 */

/**
 * Records a photo the moment it arrives in an open check-in: a row of the check-in's draft
 * report, pending fetch, so the fetch job copies it now rather than at submission (a Zalo image
 * URL expires; a check-in can stay open for days). It belongs to no model answer until the
 * report is sent (submitReport links it). The same photo again (a redelivery, a resent album)
 * adds nothing. Returns whether a row was added.
 */
export async function recordArrivedPhoto(
  db: Db,
  params: { reportId: number; channel: ChannelKind; fileRef: string; mediaGroupId: string | null; at: Date },
): Promise<boolean> {
  const added = await db
    .insert(attachments)
    .values({ reportId: params.reportId, channel: params.channel, fileRef: params.fileRef, mediaGroupId: params.mediaGroupId, createdAt: params.at })
    .onConflictDoNothing({ target: [attachments.reportId, attachments.channel, attachments.fileRef] })
    .returning({ id: attachments.id });
  return added.length > 0;
}

/** How long a claimed fetch is reserved for its fetcher before another may try it again. */
export const PHOTO_FETCH_LEASE_MS = 5 * 60_000;

/** A claimed fetch: what the job needs to fetch it. */
export interface ClaimedPhotoFetch {
  id: number;
  channel: ChannelKind;
  fileRef: string;
  /** Counting this claim. */
  attempts: number;
}

/**
 * Claims up to `limit` attachments whose copy is due (never tried, backed off until now, or
 * claimed by a fetcher whose lease ran out), oldest due first, for the channels this instance
 * can fetch from. Concurrent fetchers skip each other's rows (FOR UPDATE SKIP LOCKED); each claim
 * counts as an attempt and holds the row for PHOTO_FETCH_LEASE_MS.
 */
export async function claimDuePhotoFetches(db: Db, params: { now: Date; limit: number; channels: readonly ChannelKind[] }): Promise<ClaimedPhotoFetch[]> {
  if (params.channels.length === 0) return [];
  const due = db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        inArray(attachments.fetchStatus, ['pending', 'fetching']),
        or(isNull(attachments.nextFetchAt), lte(attachments.nextFetchAt, params.now)),
        inArray(attachments.channel, [...params.channels]),
        eq(attachments.kind, 'photo'),
      ),
    )
    .orderBy(sql`${attachments.nextFetchAt} asc nulls first`, attachments.id)
    .limit(params.limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(attachments)
    .set({
      fetchStatus: 'fetching',
      fetchAttempts: sql`${attachments.fetchAttempts} + 1`,
      nextFetchAt: new Date(params.now.getTime() + PHOTO_FETCH_LEASE_MS),
    })
    .where(inArray(attachments.id, due))
    .returning({ id: attachments.id, channel: attachments.channel, fileRef: attachments.fileRef, attempts: attachments.fetchAttempts });
  return claimed.sort((a, b) => a.id - b.id);
}

/** What was stored for a fetched photo. */
export interface FetchedPhoto {
  mediaKey: string;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
}

/** Records a fetched photo. Idempotent: a second fetcher (an expired lease) records the same content-addressed key. */
export async function markPhotoFetched(db: Db, params: { id: number; at: Date; photo: FetchedPhoto }): Promise<void> {
  await db
    .update(attachments)
    .set({ fetchStatus: 'fetched', fetchedAt: params.at, nextFetchAt: null, fetchError: null, ...params.photo })
    .where(and(eq(attachments.id, params.id), inArray(attachments.fetchStatus, ['pending', 'fetching', 'fetched'])));
}

/** Puts a fetch back in the queue until `retryAt`, or (null) fails it for good; either way the reason is kept. */
export async function markPhotoFetchFailed(db: Db, params: { id: number; error: string; retryAt: Date | null }): Promise<void> {
  await db
    .update(attachments)
    .set(params.retryAt ? { fetchStatus: 'pending', nextFetchAt: params.retryAt, fetchError: params.error } : { fetchStatus: 'failed', nextFetchAt: null, fetchError: params.error })
    .where(and(eq(attachments.id, params.id), eq(attachments.fetchStatus, 'fetching')));
}

/** A photo as the route needs it, found only inside the scope. */
export interface PhotoInScope {
  id: number;
  fetchStatus: 'pending' | 'fetching' | 'fetched' | 'failed';
  mediaKey: string | null;
}

/**
 * One attachment, if its report's unit lies under one of `scopePaths` (materialised paths, the
 * same predicate as every figure: figures.ts `underPath`); undefined when it does not exist or is
 * out of scope, which the caller must not tell apart.
 */
export async function findPhotoInScope(db: Db, params: { attachmentId: number; scopePaths: readonly string[] }): Promise<PhotoInScope | undefined> {
  if (params.scopePaths.length === 0) return undefined;
  const [row] = await db
    .select({ id: attachments.id, fetchStatus: attachments.fetchStatus, mediaKey: attachments.mediaKey })
    .from(attachments)
    .innerJoin(reports, eq(reports.id, attachments.reportId))
    .innerJoin(orgUnits, eq(orgUnits.id, reports.unitId))
    .where(and(eq(attachments.id, params.attachmentId), eq(attachments.kind, 'photo'), or(...params.scopePaths.map((path) => underPath('org_units.path', path)))));
  return row;
}
