import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { ChannelKind } from '../../core/domain.js';
import { storableJson, stripUnstorable } from '../../core/text.js';
import type { Db } from '../client.js';
import { webhookInbox } from '../schema/index.js';
import type { WebhookInboxRow } from '../types.js';

/**
 * Stores a webhook event before it is acknowledged. Returns the stored row, or null when this
 * event id was stored already (a redelivery): then there is nothing new to handle.
 */
export async function storeWebhookEvent(
  db: Db,
  params: { channel: ChannelKind; externalId: string; senderId: string; event: unknown; receivedAt: Date },
): Promise<WebhookInboxRow | null> {
  const [row] = await db.insert(webhookInbox).values({ ...params, event: storableJson(params.event) }).onConflictDoNothing().returning();
  return row ?? null;
}

/**
 * Keeps an event whose handling failed when it arrived (a Telegram update), with the error, so
 * the inbox sweep tries it again and, after a few tries, sets it aside for the operator. A second
 * failure of the same event id counts one more attempt. Returns the stored row.
 */
export async function storeFailedWebhookEvent(
  db: Db,
  params: { channel: ChannelKind; externalId: string; senderId: string; event: unknown; receivedAt: Date; error: string },
): Promise<WebhookInboxRow> {
  const { error, ...values } = params;
  const [row] = await db
    .insert(webhookInbox)
    .values({ ...values, event: storableJson(values.event), attempts: 1, lastError: stripUnstorable(error) })
    .onConflictDoUpdate({
      target: [webhookInbox.channel, webhookInbox.externalId],
      set: { attempts: sql`${webhookInbox.attempts} + 1`, lastError: stripUnstorable(error) },
    })
    .returning();
  if (!row) throw new Error('upsert into webhook_inbox returned no row');
  return row;
}

/** Events not handled yet, oldest first: left by a crash, a failure, or another instance's. */
export async function listPendingWebhookEvents(
  db: Db,
  params: { channel: ChannelKind; receivedBefore: Date; limit: number },
): Promise<WebhookInboxRow[]> {
  return db
    .select()
    .from(webhookInbox)
    .where(and(isNull(webhookInbox.processedAt), eq(webhookInbox.channel, params.channel), lt(webhookInbox.createdAt, params.receivedBefore)))
    .orderBy(asc(webhookInbox.id))
    .limit(params.limit);
}

/** The event was handled (or will never be): it leaves the pending set. */
export async function markWebhookEventProcessed(db: Db, params: { id: number; at: Date; error?: string }): Promise<void> {
  await db
    .update(webhookInbox)
    .set({ processedAt: params.at, attempts: sql`${webhookInbox.attempts} + 1`, lastError: params.error === undefined ? null : stripUnstorable(params.error) })
    .where(eq(webhookInbox.id, params.id));
}

/** Handling failed; it stays pending for the next sweep, with the reason kept. */
export async function markWebhookEventFailed(db: Db, params: { id: number; error: string }): Promise<void> {
  await db
    .update(webhookInbox)
    .set({ attempts: sql`${webhookInbox.attempts} + 1`, lastError: stripUnstorable(params.error) })
    .where(eq(webhookInbox.id, params.id));
}
