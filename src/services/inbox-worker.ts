import type { ChannelKind } from '../core/domain.js';
import { describeError } from '../core/errors.js';
import { StoredJsonError } from '../core/stored-json.js';
import type { Logger } from '../log.js';
import type { Database } from '../storage/client.js';
import { listPendingWebhookEvents, markWebhookEventFailed, markWebhookEventProcessed } from '../storage/queries/webhook-inbox.js';
import type { WebhookInboxRow } from '../storage/types.js';

/** After this many failed attempts an event is set aside (kept, with its error) rather than retried for ever. */
export const INBOX_MAX_ATTEMPTS = 5;

/**
 * Handles webhook events stored in the inbox after the HTTP answer went out: each sender's
 * events one after another in arrival order, different senders side by side. A sweep picks up
 * what a crash, a failure or another instance left behind. Handling must be idempotent (the
 * inbound service de-duplicates by event id), because after a crash an event may be handled
 * again.
 */
export class InboxWorker {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly channel: ChannelKind,
    private readonly handle: (row: WebhookInboxRow) => Promise<void>,
    private readonly deps: { now: () => Date; log: Logger; sweepDelayMs?: number },
  ) {}

  /** Queues a stored event behind the same sender's earlier ones; resolves when it is handled. */
  enqueue(row: WebhookInboxRow): Promise<void> {
    if (this.inFlight.has(row.id) || this.stopped) return this.chains.get(row.senderId) ?? Promise.resolve();
    this.inFlight.add(row.id);
    const previous = this.chains.get(row.senderId) ?? Promise.resolve();
    const next = previous.then(() => this.process(row));
    this.chains.set(row.senderId, next);
    void next.finally(() => {
      this.inFlight.delete(row.id);
      if (this.chains.get(row.senderId) === next) this.chains.delete(row.senderId);
    });
    return next;
  }

  /** Handles pending events older than the sweep delay (fresh ones are being handled by whoever stored them). */
  async sweep(delayMs?: number): Promise<number> {
    const delay = delayMs ?? this.deps.sweepDelayMs ?? 5000;
    const rows = await listPendingWebhookEvents(this.db, { channel: this.channel, receivedBefore: new Date(Date.now() - delay), limit: 500 });
    await Promise.all(rows.map((row) => this.enqueue(row)));
    return rows.length;
  }

  start(intervalMs = 5000): void {
    const tick = () => {
      this.sweeping = this.sweep()
        .catch((error: unknown) => this.deps.log.error({ err: error }, `${this.channel} inbox sweep failed`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops sweeping and waits for the events being handled. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sweeping;
    await Promise.all([...this.chains.values()]);
  }

  private async process(row: WebhookInboxRow): Promise<void> {
    try {
      await this.handle(row);
      await markWebhookEventProcessed(this.db, { id: row.id, at: this.deps.now() });
    } catch (error) {
      const text = describeError(error);
      this.deps.log.error({ err: error, channel: this.channel, inboxId: row.id, attempts: row.attempts + 1 }, 'handling a webhook event failed');
      // An event that does not parse never will: set aside at once.
      const giveUp = error instanceof StoredJsonError || row.attempts + 1 >= INBOX_MAX_ATTEMPTS;
      await (giveUp ? markWebhookEventProcessed(this.db, { id: row.id, at: this.deps.now(), error: text }) : markWebhookEventFailed(this.db, { id: row.id, error: text })).catch(
        (markError: unknown) => this.deps.log.error({ err: markError }, 'recording a webhook event failure failed'),
      );
    }
  }
}
