import type { ChannelKind } from '../core/domain.js';
import type { Database } from '../storage/client.js';
import { findAccountByExternalId, markAccountBlocked, moveChat, touchAccount } from '../storage/queries/channel-accounts.js';

/** A person blocked the bot or unfollowed the account: nothing more is sent until they return. */
export async function recordBlocked(db: Database, p: { channel: ChannelKind; externalUserId: string; at: Date }): Promise<void> {
  const account = await findAccountByExternalId(db, p);
  if (account) await markAccountBlocked(db, { accountId: account.id, at: p.at });
}

/** A person came back (unblocked, followed again): they can be written to again. */
export async function recordReturned(
  db: Database,
  p: { channel: ChannelKind; externalUserId: string; chatId: string; displayName?: string | null; at: Date },
): Promise<void> {
  await touchAccount(db, p);
}

/** A Telegram group became a supergroup with a new chat id; its accounts follow it. */
export async function recordChatMigrated(db: Database, p: { channel: ChannelKind; fromChatId: string; toChatId: string }): Promise<void> {
  await moveChat(db, p);
}
