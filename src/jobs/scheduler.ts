import type { Logger } from '../log.js';
import type { OutboxDispatcher } from '../delivery/dispatcher.js';
import type { Database } from '../storage/client.js';
import { forgetOldFiles } from '../services/export-job.js';
import { runTick } from './run-tick.js';

/**
 * Runs the tick every minute inside the service, then nudges the outbox so what it queued goes
 * out at once, and forgets exported files older than a week. Every instance may run one: ticks are idempotent and the outbox de-duplicates.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly deps: { now: () => Date; timeZone: string; log: Logger; dispatcher: OutboxDispatcher; intervalMs?: number },
  ) {}

  /** Starts ticking; the first tick comes soon after start, so a service that was down catches up. */
  start(firstDelayMs = 2000): void {
    const tick = () => {
      this.running = this.tickOnce()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'scheduler tick failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.deps.intervalMs ?? 60_000);
        });
    };
    this.timer = setTimeout(tick, firstDelayMs);
  }

  async tickOnce(): Promise<void> {
    const now = this.deps.now();
    const report = await runTick(this.db, { now, timeZone: this.deps.timeZone, log: this.deps.log });
    // Exported files are kept a week for a retried send, then forgotten.
    await forgetOldFiles(this.db, now).catch((error: unknown) => this.deps.log.warn({ err: error }, 'forgetting old exported files failed'));
    if (report.slots.some((s) => s.queued > 0) || report.snoozed > 0) void this.deps.dispatcher.dispatch().catch((error: unknown) => this.deps.log.error({ err: error }, 'sending scheduled messages failed'));
  }

  /** Stops ticking and waits for the tick in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
