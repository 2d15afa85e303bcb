import type { ChannelKind } from '../../core/domain.js';
import { queryPrepared, type Database, type PreparedStatement } from '../client.js';

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

const READ_ACCOUNT_CONVERSATION: PreparedStatement = {
  name: 'read_account_conversation',
  text: `select a.id as account_id, a.person_id, a.chat_id, a.blocked_at, c.id as conversation_id, c.version, c.state
           from channel_accounts a
           left join conversations c on c.account_id = a.id and c.status = 'open'
          where a.channel = $1 and a.external_user_id = $2`,
};

/** Who wrote, and the state of their open conversation: the fast path's one read when its cache has nothing. */
export async function readAccountConversation(
  db: Database,
  p: { channel: ChannelKind; externalUserId: string },
): Promise<AccountConversation | undefined> {
  const [row] = await queryPrepared<Record<string, unknown>>(db, READ_ACCOUNT_CONVERSATION, [p.channel, p.externalUserId]);
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
  /** The engine's new state: it replaces `state.checkin`; what the check-in is about stays as stored. */
  checkin: unknown;
  /** Set when the bot says something in this step: the buttons on screen are from this version on. */
  screenVersion: number | null;
  replies: { dedupeKey: string; payload: unknown }[];
  leaseUntil: Date;
}

/** The statement behind writeAnswerStep, prepared once per connection. */
const WRITE_ANSWER_STEP: PreparedStatement = {
  name: 'write_answer_step',
  // $1 channel, $2 external id, $3 at, $4 account, $5 chat, $6 display name, $7 conversation,
  // $8 expected version, $9 step, $10 the engine's state (jsonb text), $11 replies (jsonb text), $12 lease until,
  // $13 what else of the stored state changes (jsonb text: the screen version, or nothing).
  text: `with saved as (
           update conversations
              set state = jsonb_set(state, '{checkin}', $10::jsonb) || $13::jsonb, step = $9::text, version = version + 1, updated_at = $3::timestamptz
            where id = $7::int and account_id = $4::int and version = $8::int and status = 'open'
              and not exists (select 1 from inbound_messages where channel = $1::channel_kind and external_id = $2::text)
              -- The account is still bound, and its person still reports for the unit: an unbinding
              -- or an ended role is seen here, whatever a cache said (then the careful path answers).
              and exists (select 1 from channel_accounts a
                            join unit_roles ur on ur.person_id = a.person_id
                           where a.id = $4::int and ur.unit_id = conversations.unit_id
                             and ur.role in ('secretary', 'deputy') and ur.ended_at is null)
           returning version
         ),
         -- No account id, as on the careful path: nothing reads it here, and its foreign key
         -- would cost a check per answer (a key-share lock on the account row, with its WAL).
         claimed as (
           insert into inbound_messages (channel, external_id, received_at)
           select $1::channel_kind, $2::text, $3::timestamptz where exists (select 1 from saved)
           returning 1
         ),
         touched as (
           update channel_accounts
              set chat_id = $5::text, display_name = coalesce($6::text, display_name),
                  last_inbound_at = greatest(last_inbound_at, $3::timestamptz), blocked_at = null, updated_at = now()
            where id = $4::int and exists (select 1 from saved)
              -- Within a minute of the last touch nothing the account keeps has changed: no rewrite.
              and (last_inbound_at is null or last_inbound_at < $3::timestamptz - interval '1 minute'
                   or blocked_at is not null or chat_id <> $5::text)
           returning 1
         ),
         queued as (
           insert into outbound_messages (account_id, purpose, dedupe_key, payload, status, attempts, next_attempt_at, created_at)
           select $4::int, 'reply', r.key, r.payload, 'sending', 1, $12::timestamptz, $3::timestamptz
             from jsonb_to_recordset($11::jsonb) as r(key text, payload jsonb)
            where exists (select 1 from saved)
           on conflict do nothing
           returning id
         )
         -- claimed and touched run whether read or not, as every data-modifying WITH does.
         select (select count(*)::int from saved) as saved,
                coalesce((select json_agg(id order by id) from queued), '[]'::json) as ids`,
};

/**
 * One answer, written atomically in a single statement: the conversation moves to its new state
 * only if it is still at `expectedVersion`, this update id was never processed, and the account
 * is still bound to a person who still holds the unit's secretary or deputy role; then the
 * update id is claimed, the account touched, and the replies queued (already claimed for the
 * caller to send). Returns the queued replies' ids, or null when nothing was written (a stale
 * version or a redelivery), in which case the caller takes the careful path.
 */
export async function writeAnswerStep(db: Database, w: StepWrite): Promise<number[] | null> {
  const replies = JSON.stringify(w.replies.map((r) => ({ key: r.dedupeKey, payload: r.payload })));
  let row: { saved: number; ids: number[] | string } | undefined;
  try {
    [row] = await queryPrepared<{ saved: number; ids: number[] | string }>(db, WRITE_ANSWER_STEP, [
      w.channel, w.externalId, w.at.toISOString(), w.accountId, w.chatId, w.displayName, w.conversationId,
      w.expectedVersion, w.step, JSON.stringify(w.checkin), replies, w.leaseUntil.toISOString(),
      w.screenVersion === null ? '{}' : JSON.stringify({ screenVersion: w.screenVersion }),
    ]);
  } catch (error) {
    // The same update, redelivered while its first delivery was still being handled by the
    // careful path, claimed the update id first: this whole statement rolled back, and the
    // careful path will find the update already handled.
    if (isUniqueViolation(error, 'inbound_messages')) return null;
    throw error;
  }
  if (!row || row.saved === 0) return null;
  const ids = typeof row.ids === 'string' ? (JSON.parse(row.ids) as number[]) : row.ids;
  return ids.map(Number);
}

function isUniqueViolation(error: unknown, table: string): boolean {
  const e = error as { code?: unknown; table?: unknown; constraint?: unknown; message?: unknown };
  return e.code === '23505' && (e.table === table || String(e.constraint ?? '').startsWith(table) || String(e.message ?? '').includes(table));
}
