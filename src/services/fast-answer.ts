import { routedButtonKind } from '../core/button-data.js';
import { parseCommand } from '../core/checkin/commands.js';
import type { Database } from '../storage/client.js';
import { readAccountConversation, writeAnswerStep, type AccountConversation } from '../storage/queries/answer-step.js';
import { CLAIM_LEASE_MS } from '../storage/queries/outbound-messages.js';
import type { ChannelAccountRow, OutboundMessageRow } from '../storage/types.js';
import { advanceStored, buttonIsCurrent, nextStored, stepName, type StoredCheckin } from './checkin-flow.js';
import { readStoredCheckin } from './stored-checkin.js';
import { StoredJsonError } from '../core/stored-json.js';
import { claimStart, replyKey, type InboundEvent, type InboundOutcome } from './inbound-event.js';
import { toPayload } from '../delivery/payload.js';

/**
 * The common case, an answer to the question a secretary's open check-in is waiting on, in two
 * statements: a read, and one atomic write (state by version, update id, account, replies).
 * Anything else (a command, a first contact, a submission, a photo, a stale button, a
 * redelivery, a race) returns null and goes through the full transactional path, which decides the same way.
 */
export async function answerFast(db: Database, event: InboundEvent): Promise<InboundOutcome | null> {
  const message = event.message;
  if (message.type === 'text' && (parseCommand(message.text) || message.text.trim().startsWith('/'))) return null;
  // Buttons that are not an answer to the open check-in: pick a unit, snooze, correct a returned report, review (/duyet).
  if (message.type === 'choice' && routedButtonKind(message.value) !== null) return null;
  const cache = cacheFor(db);
  const key = `${event.channel}:${event.from.externalUserId}`;
  const cached = cache.take(key);
  const row = cached ?? (await readAccountConversation(db, { channel: event.channel, externalUserId: event.from.externalUserId }));
  if (!row || row.personId === null || row.conversationId === null || row.version === null) return null;
  // The cache keeps what this process wrote, already read; a row from the database is read through its schema.
  const stored = cached?.stored ?? readStoredState({ id: row.conversationId, version: row.version, state: row.state });
  if (!stored) return null;
  if (event.button && !buttonIsCurrent(event.button, { id: row.conversationId, version: row.version, stored })) return null;
  // Beginning a check-in may move it to a question set published since it opened: the careful path decides.
  if (stored.checkin.phase === 'intro') return null;
  const result = await advanceStored(db, stored, message);
  // A submission, a snooze or a new photo (a row for the fetch job) writes more than the step: the careful path does it.
  if (result.event === 'submitted' || result.event === 'snoozed' || result.event === 'photo') return null;

  const version = row.version + 1;
  const next = nextStored(stored, result.state, version, result.replies);
  const payloads = result.replies.map((reply) => toPayload({ ...reply, conversation: { id: row.conversationId!, version } }));
  const leaseUntil = new Date(claimStart(event).getTime() + CLAIM_LEASE_MS);
  const ids = await writeAnswerStep(db, {
    channel: event.channel,
    externalId: event.externalId,
    at: event.receivedAt,
    accountId: row.accountId,
    chatId: event.from.chatId,
    displayName: event.from.displayName ?? null,
    conversationId: row.conversationId,
    expectedVersion: row.version,
    step: stepName(result.state),
    checkin: result.state,
    // Written every time, so a row from before screenVersion was kept holds what the cache does.
    screenVersion: next.screenVersion,
    replies: payloads.map((payload, i) => ({ dedupeKey: replyKey(event, i), payload })),
    leaseUntil,
  });
  if (!ids) return null;
  cache.put(key, { ...row, version, state: next, stored: next });

  const account: ChannelAccountRow = {
    id: row.accountId, personId: row.personId, channel: event.channel, externalUserId: event.from.externalUserId,
    chatId: event.from.chatId, displayName: event.from.displayName ?? null, lastInboundAt: event.receivedAt,
    blockedAt: null, createdAt: event.receivedAt, updatedAt: event.receivedAt,
  };
  const toSend = ids.map((id, i): { message: OutboundMessageRow; account: ChannelAccountRow } => ({
    account,
    message: {
      id, accountId: row.accountId, purpose: 'reply', dedupeKey: replyKey(event, i),
      payload: payloads[i], status: 'sending', attempts: 1, nextAttemptAt: leaseUntil, lastError: null,
      externalMessageId: null, sentAt: null, createdAt: event.receivedAt,
    },
  }));
  return { duplicate: false, outboxIds: ids, toSend };
}

/** A row's state, or null when it does not parse: the careful path then reads it again and reports it, naming the row. */
function readStoredState(row: { id: number; version: number; state: unknown }): StoredCheckin | null {
  try {
    return readStoredCheckin(row);
  } catch (error) {
    if (error instanceof StoredJsonError) return null;
    throw error;
  }
}

/**
 * The last state this process wrote for each account's open conversation, so the next answer
 * skips the read. It is only a guess: the write checks the version, and a stale or missing
 * entry (another instance, a command that changed the conversation) falls back to reading.
 * An entry is taken out while in use, so a failed write leaves nothing stale behind.
 */
type CachedConversation = AccountConversation & { stored: StoredCheckin };

class ConversationCache {
  private readonly entries = new Map<string, CachedConversation>();
  constructor(private readonly capacity: number) {}

  take(key: string): CachedConversation | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry;
  }

  put(key: string, entry: CachedConversation): void {
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** One cache per database, so two databases in one process (tests) never mix their rows. */
const caches = new WeakMap<Database, ConversationCache>();
function cacheFor(db: Database): ConversationCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ConversationCache(20_000);
    caches.set(db, cache);
  }
  return cache;
}
