import { ChannelSendError, type ChannelSender } from './port.js';
import { prepareMessage, type PrepareContext, type Preparation, type PreparedMessage } from './prepare.js';
import { CHANNEL_CAPABILITIES } from '../core/channel-capabilities.js';
import type { ChannelKind } from '../core/domain.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../log.js';
import type { Database } from '../storage/client.js';
import { markAccountBlocked } from '../storage/queries/channel-accounts.js';
import type { SendLease } from '../storage/send-lease.js';
import { cancelOutbound, claimDueOutbound, deferOutbound, markOutboundFailed, markOutboundSent } from '../storage/queries/outbound-messages.js';
import type { ChannelAccountRow, OutboundMessageRow } from '../storage/types.js';
import { Batch } from './batch.js';
import { SendLeaseHolder } from './lease.js';
import { queueFailureNotice } from './failure-notice.js';
import { SendPacer } from './pacer.js';

/** After this many attempts a message is recorded as failed for good. */
export const MAX_ATTEMPTS = 8;

/** A message that could not reach someone outside the interaction window is tried again this much later. */
export const OUTSIDE_WINDOW_RETRY_MS = 6 * 3_600_000;

/** Back-off before attempt n+1: 1 s, 2 s, 4 s … capped at 10 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(600_000, 1000 * 2 ** Math.max(0, attempts - 1));
}

/** A claimed message with the account it goes to. */
type Claimed = { message: OutboundMessageRow; account: ChannelAccountRow };

/**
 * Delivers queued messages. One person's messages go one after another in the order queued;
 * different people are served side by side. Replies go at once; scheduled notices are paced
 * within each channel's limits and wait out quiet hours. A 429 pauses that channel's sending
 * for its retry_after. Every outcome is recorded on the message: sent, retried later (back-off,
 * or the channel's retry_after), or failed with the reason. Scheduled messages go out only from
 * the instance holding the send lease, so the channel's bulk limit holds for all instances
 * together; replies go out from whichever instance took the message.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  /** Deliveries are recorded in batches: one statement for many sends under load. */
  private readonly sentMarks = new Batch<{ id: number; at: Date; externalMessageId: string | null }>((marks) =>
    markOutboundSent(this.deps.recordsDb ?? this.db, marks).catch((error: unknown) => this.deps.log.error({ err: error }, 'recording deliveries failed')),
  );
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private readonly pacers = new Map<ChannelKind, SendPacer>();
  /** Whether the last sweep claimed a full batch: then the next one starts at once. */
  private backlog = false;
  /** Deliveries under way (sweeps, replies), so stop() can wait for every one of them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly lease: SendLeaseHolder;
  private readonly preparing: PrepareContext;
  /**
   * The next batch, claimed while the last queues of the current one were still being sent, so
   * the pacer never idles between batches of a long fan-out (each pause cost 130–190 ms of sends).
   */
  private prefetched: Promise<Claimed[]> | undefined;

  constructor(
    private readonly db: Database,
    senders: ReadonlyMap<ChannelKind, ChannelSender>,
    private readonly deps: {
      now: () => Date;
      log: Logger;
      /** The organisation's zone: quiet hours are read in it. */
      timeZone: string;
      batchSize?: number;
      concurrency?: number;
      recordsDb?: Database;
      /** Who may send scheduled messages; by default the database's advisory-lock lease. */
      lease?: SendLease;
    },
  ) {
    for (const [channel, sender] of senders) if (sender.limits) this.pacers.set(channel, new SendPacer(sender.limits));
    this.lease = new SendLeaseHolder(db, deps.lease, deps.log);
    this.preparing = { db, senders, now: deps.now, timeZone: deps.timeZone };
  }

  /** Sends what is due now (only `ids` when given); resolves when those sends are recorded. */
  async dispatch(ids?: readonly number[]): Promise<number> {
    if (this.stopped || ids?.length === 0) return 0;
    return this.track(this.claimAndDeliver(ids));
  }

  private async claimAndDeliver(ids?: readonly number[]): Promise<number> {
    const limit = this.deps.batchSize ?? 200;
    const paced = await this.holdLease();
    const early = ids ? undefined : await this.takePrefetched(paced);
    const claimed = early ?? (await claimDueOutbound(this.db, { now: this.deps.now(), limit, ids, repliesOnly: !paced }));
    this.backlog = !ids && claimed.length === limit;
    // More is due: claim the next batch once this one's last queue is taken (its order per chat
    // is kept, since that batch is only delivered after this one ends).
    const claimNext = this.backlog && paced && !this.stopped
      ? () => void (this.prefetched = claimDueOutbound(this.db, { now: this.deps.now(), limit, repliesOnly: false }))
      : undefined;
    return this.deliverAll(claimed, claimNext);
  }

  /**
   * The batch claimed ahead, if any: used while this instance still paces; otherwise (the lease
   * lost, or stopping) its messages go back to the queue as they were. Undefined when there is
   * none or claiming it failed (then the caller claims afresh).
   */
  private async takePrefetched(paced: boolean): Promise<Claimed[] | undefined> {
    const next = this.prefetched;
    this.prefetched = undefined;
    const claimed = await next?.catch((error: unknown) => {
      this.deps.log.warn({ err: error }, 'claiming the next batch ahead failed; claiming again');
      return undefined;
    });
    if (!claimed || (paced && !this.stopped)) return claimed;
    await deferOutbound(this.db, { ids: claimed.map((item) => item.message.id), until: this.deps.now() });
    return undefined;
  }

  /**
   * Whether this instance sends scheduled messages now. On taking the lease over, the first paced
   * send waits a second: the last holder's final second of sends is not known here.
   */
  private async holdLease(): Promise<boolean> {
    const { held, takenOver } = await this.lease.hold();
    if (takenOver) for (const pacer of this.pacers.values()) pacer.holdBack(1000);
    return held;
  }

  /** Sends everything due now, batch after batch, until nothing due is left, then hands the send lease back (the CLI's tick). */
  async drain(): Promise<number> {
    let sent = 0;
    try {
      do sent += await this.dispatch();
      while (this.backlog && !this.stopped);
    } finally {
      await this.lease.release();
    }
    return sent;
  }

  /** Sends messages the caller already claimed (queued with `claim`), e.g. the replies to an update. */
  async sendClaimed(items: readonly { message: OutboundMessageRow; account: ChannelAccountRow }[]): Promise<number> {
    return items.length === 0 ? 0 : this.track(this.deliverAll(items));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.catch(() => undefined).finally(() => this.inFlight.delete(work));
    return work;
  }

  private async deliverAll(claimed: readonly Claimed[], onLastQueueTaken?: () => void): Promise<number> {
    const byAccount = new Map<number, Claimed[]>();
    for (const item of claimed) byAccount.set(item.account.id, [...(byAccount.get(item.account.id) ?? []), item]);
    const queues = [...byAccount.values()];
    let sent = 0;
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        if (queues.length === 0) onLastQueueTaken?.();
        let account = queue[0]!.account;
        for (const item of queue) {
          if (this.stopped && item.message.purpose !== 'reply') {
            // Shutting down: a paced notice not yet sent goes back to the queue for the next start.
            await deferOutbound(this.db, { ids: [item.message.id], until: this.deps.now() });
            continue;
          }
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
          if (!this.stopped) this.timer = setTimeout(tick, this.backlog ? 0 : intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  /**
   * Stops sweeping and waits for every delivery under way (a reply being sent, a sweep: scheduled
   * messages not yet sent go back to the queue) and the last delivery records, then hands the
   * send lease back.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    // A batch claimed ahead and not delivered goes back to the queue for the next start.
    await this.takePrefetched(false);
    this.sentMarks.flush();
    await this.sentMarks.settled();
    await this.lease.release();
  }

  /** One message: decide (prepare), then pace, send and record. */
  private async deliver(message: OutboundMessageRow, account: ChannelAccountRow): Promise<'sent' | 'blocked' | 'failed'> {
    let decision: Preparation;
    try {
      decision = await prepareMessage(this.preparing, message, account);
    } catch (error) {
      return this.recordFailure(message, account, error);
    }
    switch (decision.do) {
      case 'fail':
        await markOutboundFailed(this.db, { id: message.id, error: decision.error, retryAt: decision.retryAt });
        // A file the person waits for that can never go (it is gone): they are told.
        if (decision.retryAt === null && !decision.blocked) await queueFailureNotice(this.db, message, this.deps.now());
        return decision.blocked ? 'blocked' : 'failed';
      case 'defer':
        await deferOutbound(this.db, { ids: [message.id], until: decision.until });
        return 'failed';
      case 'cancel':
        await cancelOutbound(this.db, { id: message.id, reason: decision.reason });
        return 'failed';
      case 'send':
        try {
          const pacer = this.pacers.get(account.channel);
          if (decision.message.paced) await pacer?.acquire(account.chatId);
          else await pacer?.waitIfPaused();
          const result = await this.sendInWindow(decision.message);
          this.sentMarks.add({ id: message.id, at: this.deps.now(), externalMessageId: result.externalMessageId });
          return 'sent';
        } catch (error) {
          return this.recordFailure(message, account, error);
        }
    }
  }

  /**
   * Sends as chosen; when a free message is refused because the person is outside the window
   * (our record of their last message can lag behind the channel's), a notice is sent again
   * at once as a template, where the channel has them.
   */
  private async sendInWindow({ sender, to, payload, file, options, chart }: PreparedMessage): Promise<{ externalMessageId: string | null }> {
    try {
      // The digest's chart goes first, captioned, then its text (a photo caption is too short for it).
      if (chart) await sender.send(to, { text: chart.caption }, chart.file);
      return await sender.send(to, payload, file, options);
    } catch (error) {
      const canRetryAsTemplate =
        error instanceof ChannelSendError && error.failure === 'outside_window' && options.kind === 'free' && options.purpose !== undefined && CHANNEL_CAPABILITIES[sender.channel].templates;
      if (!canRetryAsTemplate) throw error;
      return sender.send(to, payload, file, { ...options, kind: 'template' });
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
    if (failure === 'outside_window') {
      // Nothing reaches this person until they write again (which reopens the window) or a
      // template is configured; try again in a few hours, within the attempts allowed.
      await markOutboundFailed(this.db, { id: message.id, error: text, retryAt: message.attempts >= MAX_ATTEMPTS ? null : this.later(OUTSIDE_WINDOW_RETRY_MS) });
      return 'failed';
    }
    if (failure === 'permanent' || message.attempts >= MAX_ATTEMPTS) {
      await markOutboundFailed(this.db, { id: message.id, error: text, retryAt: null });
      await queueFailureNotice(this.db, message, this.deps.now());
    } else {
      const retryAfter = error instanceof ChannelSendError ? error.retryAfterMs : null;
      if (retryAfter !== null) this.pacers.get(account.channel)?.pause(retryAfter);
      const wait = retryAfter ?? backoffMs(message.attempts);
      await markOutboundFailed(this.db, { id: message.id, error: text, retryAt: this.later(wait) });
    }
    return 'failed';
  }

  private later(ms: number): Date {
    return new Date(this.deps.now().getTime() + ms);
  }
}
