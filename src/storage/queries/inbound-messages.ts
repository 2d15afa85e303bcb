import { sql } from 'drizzle-orm';
import type { ChannelKind } from '../../core/domain.js';
import { queryRows, type Db } from '../client.js';
import type { ChannelAccountRow } from '../types.js';

/**
 * Claims an inbound message id and refreshes the sender's account in one round trip, inside
 * the caller's transaction. Null means the id was already processed (a redelivery): nothing is
 * touched. A concurrent duplicate waits on the key and then gets null too.
 *
 * The account is created on first contact; every message refreshes its last interaction time
 * (Zalo's message window) and clears a block, since a person who writes can be written to.
 */
export async function claimInboundForAccount(
  db: Db,
  p: { channel: ChannelKind; externalId: string; externalUserId: string; chatId: string; displayName?: string | null; at: Date },
): Promise<ChannelAccountRow | null> {
  const at = p.at.toISOString();
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`with claimed as (
          insert into inbound_messages (channel, external_id, received_at)
          values (${p.channel}, ${p.externalId}, ${at}::timestamptz)
          on conflict do nothing
          returning 1
        )
        insert into channel_accounts (channel, external_user_id, chat_id, display_name, last_inbound_at)
        select ${p.channel}, ${p.externalUserId}, ${p.chatId}, ${p.displayName ?? null}, ${at}::timestamptz
        where exists (select 1 from claimed)
        on conflict (channel, external_user_id) do update set
          chat_id = excluded.chat_id,
          display_name = coalesce(excluded.display_name, channel_accounts.display_name),
          last_inbound_at = greatest(channel_accounts.last_inbound_at, excluded.last_inbound_at),
          blocked_at = null,
          updated_at = now()
        returning id, person_id, channel, external_user_id, chat_id, display_name, last_inbound_at, blocked_at, created_at, updated_at`,
  );
  if (!row) return null;
  return {
    id: row.id as number,
    personId: (row.person_id as number | null) ?? null,
    channel: row.channel as ChannelKind,
    externalUserId: row.external_user_id as string,
    chatId: row.chat_id as string,
    displayName: (row.display_name as string | null) ?? null,
    lastInboundAt: toDate(row.last_inbound_at),
    blockedAt: toDate(row.blocked_at),
    createdAt: toDate(row.created_at)!,
    updatedAt: toDate(row.updated_at)!,
  };
}

/** Both drivers hand timestamps back from raw SQL differently (Date or string). */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

/**
 * Claims an inbound message id without touching any account (a message we only acknowledge,
 * such as one written in a group). False when the id was already processed.
 */
export async function claimInboundMessage(db: Db, p: { channel: ChannelKind; externalId: string; at: Date }): Promise<boolean> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`insert into inbound_messages (channel, external_id, received_at)
        values (${p.channel}, ${p.externalId}, ${p.at.toISOString()}::timestamptz)
        on conflict do nothing
        returning 1 as claimed`,
  );
  return rows.length > 0;
}
