import { sql } from 'drizzle-orm';
import type { ChannelKind } from '../../core/domain.js';
import { queryRows, type Db } from '../client.js';

/** An account with its open conversation, read without locking (the write below checks the version). */
export interface AccountConversation {
  accountId: number;
  personId: number | null;
  chatId: string;
  blockedAt: Date | null;
  conversationId: number | null;
  version: number | null;
  state: unknown;
}

export async function readAccountConversation(
  db: Db,
  p: { channel: ChannelKind; externalUserId: string },
): Promise<AccountConversation | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id as account_id, a.person_id, a.chat_id, a.blocked_at, c.id as conversation_id, c.version, c.state
          from channel_accounts a
          left join conversations c on c.account_id = a.id and c.status = 'open'
         where a.channel = ${p.channel} and a.external_user_id = ${p.externalUserId}`,
  );
  if (!row) return undefined;
  return {
    accountId: row.account_id as number,
    personId: (row.person_id as number | null) ?? null,
    chatId: row.chat_id as string,
    blockedAt: row.blocked_at ? new Date(String(row.blocked_at)) : null,
    conversationId: (row.conversation_id as number | null) ?? null,
    version: (row.version as number | null) ?? null,
    state: row.state,
  };
}

export interface StepWrite {
  channel: ChannelKind;
  externalId: string;
  at: Date;
  accountId: number;
  chatId: string;
  displayName: string | null;
  conversationId: number;
  expectedVersion: number;
  step: string;
  state: unknown;
  replies: { dedupeKey: string; payload: unknown }[];
  leaseUntil: Date;
}

/**
 * One answer, written atomically in a single statement: the conversation moves to its new state
 * only if it is still at `expectedVersion` and this update id was never processed; then the
 * update id is claimed, the account touched, and the replies queued (already claimed for the
 * caller to send). Returns the queued replies' ids, or null when nothing was written (a stale
 * version or a redelivery), in which case the caller takes the careful path.
 */
export async function writeAnswerStep(db: Db, w: StepWrite): Promise<number[] | null> {
  const at = w.at.toISOString();
  const replies = JSON.stringify(w.replies.map((r) => ({ key: r.dedupeKey, payload: r.payload })));
  const [row] = await queryRows<{ saved: number; ids: number[] }>(
    db,
    sql`with saved as (
          update conversations
             set state = ${JSON.stringify(w.state)}::jsonb, step = ${w.step}, version = version + 1, updated_at = ${at}::timestamptz
           where id = ${w.conversationId} and account_id = ${w.accountId} and version = ${w.expectedVersion} and status = 'open'
             and not exists (select 1 from inbound_messages where channel = ${w.channel} and external_id = ${w.externalId})
          returning version
        ),
        claimed as (
          insert into inbound_messages (channel, external_id, account_id, received_at)
          select ${w.channel}, ${w.externalId}, ${w.accountId}, ${at}::timestamptz where exists (select 1 from saved)
          returning 1
        ),
        touched as (
          update channel_accounts
             set chat_id = ${w.chatId}, display_name = coalesce(${w.displayName}, display_name),
                 last_inbound_at = greatest(last_inbound_at, ${at}::timestamptz), blocked_at = null, updated_at = now()
           where id = ${w.accountId} and exists (select 1 from saved)
             -- Within a minute of the last touch nothing the account keeps has changed: no rewrite.
             and (last_inbound_at is null or last_inbound_at < ${at}::timestamptz - interval '1 minute'
                  or blocked_at is not null or chat_id <> ${w.chatId})
          returning 1
        ),
        queued as (
          insert into outbound_messages (account_id, purpose, dedupe_key, payload, status, attempts, next_attempt_at, created_at)
          select ${w.accountId}, 'reply', r.key, r.payload, 'sending', 1, ${w.leaseUntil.toISOString()}::timestamptz, ${at}::timestamptz
            from jsonb_to_recordset(${replies}::jsonb) as r(key text, payload jsonb)
           where exists (select 1 from saved)
          on conflict do nothing
          returning id
        )
        select (select count(*)::int from saved) as saved,
               (select count(*)::int from claimed) + (select count(*)::int from touched) as side_effects,
               coalesce((select json_agg(id order by id) from queued), '[]'::json) as ids`,
  );
  if (!row || row.saved === 0) return null;
  const ids = typeof row.ids === 'string' ? (JSON.parse(row.ids) as number[]) : row.ids;
  return ids.map(Number);
}
