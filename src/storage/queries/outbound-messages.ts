import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { queryPrepared, type Database, type Db, type PreparedStatement } from '../client.js';
import { channelAccounts, outboundMessages } from '../schema/index.js';
import type { ChannelAccountRow, OutboundMessageRow } from '../types.js';

/** How long a claimed message is reserved for its sender before another may try it again. */
export const CLAIM_LEASE_MS = 60_000;

export interface NewOutbound {
  accountId: number;
  purpose: string;
  dedupeKey: string;
  payload: unknown;
}

/**
 * Queues messages in the caller's transaction, due at `at` (the service's clock, not the
 * database's); a dedupe key seen before is silently skipped. With `claim`, the rows are queued
 * already claimed by the caller, who sends them right after commit; if it dies first, they are
 * claimed again when the lease runs out, `CLAIM_LEASE_MS` after `claimFrom` (default `at`).
 */
export async function enqueueOutbound(
  db: Db,
  messages: readonly NewOutbound[],
  at: Date,
  options: { claim?: boolean; claimFrom?: Date } = {},
): Promise<OutboundMessageRow[]> {
  if (messages.length === 0) return [];
  const from = options.claimFrom ?? at;
  const claimed = options.claim ? { status: 'sending' as const, attempts: 1, nextAttemptAt: new Date(from.getTime() + CLAIM_LEASE_MS) } : { nextAttemptAt: at };
  return db
    .insert(outboundMessages)
    .values(messages.map((m) => ({ ...m, createdAt: at, ...claimed })))
    .onConflictDoNothing()
    .returning();
}


/**
 * Claims up to `limit` messages that are due, oldest first, for this sender: concurrent senders
 * (two instances) skip each other's rows. A sender that dies leaves its rows to be claimed again
 * when the lease runs out. With `repliesOnly`, scheduled messages are left for the instance that
 * holds the send lease.
 */
export async function claimDueOutbound(
  db: Db,
  params: { now: Date; limit: number; ids?: readonly number[]; repliesOnly?: boolean },
): Promise<{ message: OutboundMessageRow; account: ChannelAccountRow }[]> {
  const due = db
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(
      and(
        inArray(outboundMessages.status, ['pending', 'sending']),
        lte(outboundMessages.nextAttemptAt, params.now),
        params.ids ? inArray(outboundMessages.id, [...params.ids]) : undefined,
        params.repliesOnly ? eq(outboundMessages.purpose, 'reply') : undefined,
      ),
    )
    .orderBy(outboundMessages.id)
    .limit(params.limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(outboundMessages)
    .set({
      status: 'sending',
      attempts: sql`${outboundMessages.attempts} + 1`,
      nextAttemptAt: new Date(params.now.getTime() + CLAIM_LEASE_MS),
    })
    .where(inArray(outboundMessages.id, due))
    .returning();
  if (claimed.length === 0) return [];
  const accounts = await db.select().from(channelAccounts).where(inArray(channelAccounts.id, [...new Set(claimed.map((m) => m.accountId))]));
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return claimed.sort((a, b) => a.id - b.id).map((message) => ({ message, account: byId.get(message.accountId)! }));
}

/**
 * Records deliveries, many per statement. Pass the handle's `relaxed` database: losing these
 * marks in a crash only means the messages are sent once more after their lease, which no
 * channel API lets us avoid anyway (a send cannot be made atomic with our commit).
 */
export async function markOutboundSent(db: Database, sent: readonly { id: number; at: Date; externalMessageId: string | null }[]): Promise<void> {
  if (sent.length === 0) return;
  await queryPrepared(db, MARK_OUTBOUND_SENT, [
    `{${sent.map((s) => s.id).join(',')}}`,
    toTextArray(sent.map((s) => s.externalMessageId)),
    `{${sent.map((s) => `"${s.at.toISOString()}"`).join(',')}}`,
  ]);
}

const MARK_OUTBOUND_SENT: PreparedStatement = {
  name: 'mark_outbound_sent',
  text: `update outbound_messages o
            set status = 'sent', sent_at = v.at, external_message_id = v.ext, last_error = null
           from unnest($1::bigint[], $2::text[], $3::timestamptz[]) as v(id, ext, at)
          where o.id = v.id`,
};

/** A Postgres text[] literal, with NULLs. */
function toTextArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

/** Puts a message back in the queue for later (back-off, rate limit), or fails it for good. */
export async function markOutboundFailed(
  db: Db,
  params: { id: number; error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .update(outboundMessages)
    .set(
      params.retryAt
        ? { status: 'pending', nextAttemptAt: params.retryAt, lastError: params.error }
        : { status: 'failed', lastError: params.error },
    )
    .where(eq(outboundMessages.id, params.id));
}

/** Keeps the file an export reply was rendered into, so a retried send sends the same file. */
export async function attachOutboundDocument(db: Db, params: { id: number; document: { fileId: number; fileName: string } }): Promise<void> {
  await db
    .update(outboundMessages)
    .set({ payload: sql`${outboundMessages.payload} || jsonb_build_object('document', ${JSON.stringify(params.document)}::jsonb)` })
    .where(eq(outboundMessages.id, params.id));
}

/** A queued message that is no longer wanted (the report it reminds of was sent meanwhile): never sent. */
export async function cancelOutbound(db: Db, params: { id: number; reason: string }): Promise<void> {
  await db.update(outboundMessages).set({ status: 'cancelled', lastError: params.reason }).where(eq(outboundMessages.id, params.id));
}

/** Puts claimed messages back untouched until `until` (quiet hours, a stop): the claim is not counted as an attempt. */
export async function deferOutbound(db: Db, params: { ids: readonly number[]; until: Date }): Promise<void> {
  if (params.ids.length === 0) return;
  await db
    .update(outboundMessages)
    .set({ status: 'pending', nextAttemptAt: params.until, attempts: sql`greatest(${outboundMessages.attempts} - 1, 0)` })
    .where(inArray(outboundMessages.id, [...params.ids]));
}

/**
 * The last message queued for a channel account (its id and payload): what a person who types
 * "3" is looking at when that message numbered its choices.
 */
export async function findLastPayloadTo(db: Db, params: { channel: ChannelAccountRow['channel']; externalUserId: string }): Promise<{ id: number; payload: unknown } | undefined> {
  const [row] = await db
    .select({ id: outboundMessages.id, payload: outboundMessages.payload })
    .from(outboundMessages)
    .innerJoin(channelAccounts, eq(channelAccounts.id, outboundMessages.accountId))
    .where(and(eq(channelAccounts.channel, params.channel), eq(channelAccounts.externalUserId, params.externalUserId)))
    .orderBy(sql`${outboundMessages.id} desc`)
    .limit(1);
  return row;
}
