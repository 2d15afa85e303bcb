import { and, eq, sql } from 'drizzle-orm';
import type { ChannelKind } from '../../core/domain.js';
import type { Db } from '../client.js';
import { channelAccounts } from '../schema/index.js';
import type { ChannelAccountRow } from '../types.js';

/**
 * The account behind an inbound message, created on first contact. Every inbound message
 * refreshes the last interaction time (Zalo's message window) and clears a block: a person who
 * writes to us again can be written to again.
 */
export async function touchAccount(
  db: Db,
  params: { channel: ChannelKind; externalUserId: string; chatId: string; displayName?: string | null; at: Date },
): Promise<ChannelAccountRow> {
  const [row] = await db
    .insert(channelAccounts)
    .values({ ...params, displayName: params.displayName ?? null, lastInboundAt: params.at })
    .onConflictDoUpdate({
      target: [channelAccounts.channel, channelAccounts.externalUserId],
      set: {
        chatId: params.chatId,
        displayName: sql`coalesce(${params.displayName ?? null}, ${channelAccounts.displayName})`,
        lastInboundAt: sql`greatest(${channelAccounts.lastInboundAt}, ${params.at.toISOString()}::timestamptz)`,
        blockedAt: null,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error('upsert into channel_accounts returned no row');
  return row;
}

/** Binds an account to the person an invitation named. */
export async function bindAccountToPerson(db: Db, params: { accountId: number; personId: number }): Promise<void> {
  await db.update(channelAccounts).set({ personId: params.personId, updatedAt: sql`now()` }).where(eq(channelAccounts.id, params.accountId));
}

/** Stops sending to an account (blocked the bot, unfollowed the OA). */
export async function markAccountBlocked(db: Db, params: { accountId: number; at: Date }): Promise<void> {
  await db.update(channelAccounts).set({ blockedAt: params.at, updatedAt: sql`now()` }).where(eq(channelAccounts.id, params.accountId));
}

/** Telegram: a group that became a supergroup keeps its accounts under the new chat id. */
export async function moveChat(db: Db, params: { channel: ChannelKind; fromChatId: string; toChatId: string }): Promise<void> {
  await db
    .update(channelAccounts)
    .set({ chatId: params.toChatId, updatedAt: sql`now()` })
    .where(and(eq(channelAccounts.channel, params.channel), eq(channelAccounts.chatId, params.fromChatId)));
}

export async function findAccountByExternalId(
  db: Db,
  params: { channel: ChannelKind; externalUserId: string },
): Promise<ChannelAccountRow | undefined> {
  const [row] = await db
    .select()
    .from(channelAccounts)
    .where(and(eq(channelAccounts.channel, params.channel), eq(channelAccounts.externalUserId, params.externalUserId)));
  return row;
}
