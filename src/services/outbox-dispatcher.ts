import { ChannelSendError, type ChannelSender } from '../channels/channel.js';
import type { ChannelKind } from '../core/domain.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../log.js';
import type { Database } from '../storage/client.js';
import { markAccountBlocked } from '../storage/queries/channel-accounts.js';
import { claimDueOutbound, markOutboundFailed, markOutboundSent } from '../storage/queries/outbound-messages.js';
import type { ChannelAccountRow, OutboundMessageRow } from '../storage/types.js';
import type { OutboundPayload } from './replies.js';

/** After this many attempts a message is recorded as failed for good. */
export const MAX_ATTEMPTS = 8;

/** Back-off before attempt n+1: 1 s, 2 s, 4 s … capped at 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(600_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers queued messages. One person's messages go one after another in the order queued;
 * different people are served side by side. Every outcome is recorded on the message: sent,
 * retried later (back-off, or the channel's retry_after), or failed with the reason.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  /** Deliveries are recorded in batches: one statement for many sends under load. */
  private readonly sentMarks = new Batch<{ id: number; at: Date; externalMessageId: string | null }>((marks) =>
    markOutboundSent(this.deps.recordsDb ?? this.db, marks).catch((error: unknown) => this.deps.log.error({ err: error }, 'recording deliveries failed')),
  );
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly senders: ReadonlyMap<ChannelKind, ChannelSender>,
    private readonly deps: { now: () => Date; log: Logger; batchSize?: number; concurrency?: number; recordsDb?: Database },
  ) {}

  /** Sends what is due now (only `ids` when given); resolves when those sends are recorded. */
  async dispatch(ids?: readonly number[]): Promise<number> {
    if (this.stopped || ids?.length === 0) return 0;
    return this.deliverAll(await claimDueOutbound(this.db, { now: this.deps.now(), limit: this.deps.batchSize ?? 200, ids }));
  }

  /** Sends messages the caller already claimed (queued with `claim`), e.g. the replies to an update. */
  async sendClaimed(items: readonly { message: OutboundMessageRow; account: ChannelAccountRow }[]): Promise<number> {
    return items.length === 0 ? 0 : this.deliverAll(items);
  }

  private async deliverAll(claimed: readonly { message: OutboundMessageRow; account: ChannelAccountRow }[]): Promise<number> {
    const byAccount = new Map<number, { message: OutboundMessageRow; account: ChannelAccountRow }[]>();
    for (const item of claimed) byAccount.set(item.account.id, [...(byAccount.get(item.account.id) ?? []), item]);
    const queues = [...byAccount.values()];
    let sent = 0;
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        let account = queue[0]!.account;
        for (const item of queue) {
          const outcome = await this.deliver(item.message, account);
          if (outcome === 'sent') sent += 1;
          // Once a person has blocked the bot, the rest of their queue is not attempted.
          if (outcome === 'blocked') account = { ...account, blockedAt: this.deps.now() };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(queues.length, this.deps.concurrency ?? 8) }, worker));
    await this.sentMarks.settled();
    return sent;
  }

  /** Sweeps the outbox every `intervalMs`, for retries and for anything left by a crash. */
  start(intervalMs = 1000): void {
    const tick = () => {
      this.running = this.dispatch()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'outbox sweep failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  /** Stops sweeping and waits for the sweep in flight and the last delivery records. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.sentMarks.flush();
    await this.sentMarks.settled();
  }

  private async deliver(message: OutboundMessageRow, account: ChannelAccountRow): Promise<'sent' | 'blocked' | 'failed'> {
    const sender = this.senders.get(account.channel);
    if (account.blockedAt) {
      await markOutboundFailed(this.db, { id: message.id, error: 'account blocked', retryAt: null });
      return 'blocked';
    }
    if (!sender) {
      await markOutboundFailed(this.db, { id: message.id, error: `channel ${account.channel} is not configured`, retryAt: this.later(60_000) });
      return 'failed';
    }
    try {
      const result = await sender.send({ accountId: account.id, chatId: account.chatId }, message.payload as OutboundPayload);
      this.sentMarks.add({ id: message.id, at: this.deps.now(), externalMessageId: result.externalMessageId });
      return 'sent';
    } catch (error) {
      return this.recordFailure(message, account, error);
    }
  }

  private async recordFailure(message: OutboundMessageRow, account: ChannelAccountRow, error: unknown): Promise<'blocked' | 'failed'> {
    const failure = error instanceof ChannelSendError ? error.failure : 'transient';
    const text = describeError(error);
    this.deps.log.warn({ outboxId: message.id, accountId: account.id, failure, attempts: message.attempts }, `send failed: ${text}`);
    if (failure === 'blocked') {
      await markAccountBlocked(this.db, { accountId: account.id, at: this.deps.now() });
      await markOutboundFailed(this.db, { id: message.id, error: text, retryAt: null });
      return 'blocked';
    }
    if (failure === 'permanent' || message.attempts >= MAX_ATTEMPTS) {
      await markOutboundFailed(this.db, { id: message.id, error: text, retryAt: null });
    } else {
      const wait = error instanceof ChannelSendError && error.retryAfterMs !== null ? error.retryAfterMs : backoffMs(message.attempts);
      await markOutboundFailed(this.db, { id: message.id, error: text, retryAt: this.later(wait) });
    }
    return 'failed';
  }

  private later(ms: number): Date {
    return new Date(this.deps.now().getTime() + ms);
  }
}

/**
 * Collects items and writes them together: a write starts `delayMs` after the first item of a
 * batch (or when 200 are waiting), so under load one statement records many deliveries instead
 * of one each. `settled()` waits until everything added so far is written; `flush()` writes now.
 */
class Batch<T> {
  private items: T[] = [];
  private flushing: Promise<void> = Promise.resolve();
  /** The batch being collected: resolved once its write (and every earlier one) is done. */
  private open: { written: Promise<void>; release: () => void; timer: NodeJS.Timeout } | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<unknown>,
    private readonly delayMs = 50,
  ) {}

  add(item: T): void {
    this.items.push(item);
    if (!this.open) {
      let release!: () => void;
      const written = new Promise<void>((resolve) => (release = resolve));
      this.open = { written, release, timer: setTimeout(() => this.flush(), this.delayMs) };
    }
    if (this.items.length >= 200) this.flush();
  }

  settled(): Promise<void> {
    return this.open ? this.open.written : this.flushing;
  }

  flush(): void {
    const batch = this.open;
    if (!batch) return;
    clearTimeout(batch.timer);
    this.open = undefined;
    const items = this.items;
    this.items = [];
    this.flushing = this.flushing.then(() => this.write(items).then(() => undefined));
    void this.flushing.then(batch.release);
  }
}
