/** A channel's sending limits: messages per second overall, and the gap between two messages to one chat. */
export interface SendLimits {
  perSecond: number;
  perChatGapMs: number;
}

/** Real time for the pacer; tests may pass a fake. Never the service's (possibly fixed) clock. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Spaces bulk sends evenly within a channel's limits (Telegram: about 30 a second, one a
 * second per chat), so a fan-out of reminders never earns a 429; when one comes anyway, every
 * send waits out its `retry_after`. Even spacing rather than bursts keeps every one-second
 * window under the limit whatever the network's jitter; and since a busy event loop can wake
 * several waiters late at once, the limits are checked again against the moments sends were
 * actually let go: never more than `perSecond` in any second, never two to one chat closer
 * than `perChatGapMs`.
 */
export class SendPacer {
  private next = 0;
  private readonly chatNext = new Map<string, number>();
  private pausedUntil = 0;
  /** When the last `perSecond` sends were let go, oldest first. */
  private readonly released: number[] = [];
  /** When each chat's last send was let go. */
  private readonly chatReleased = new Map<string, number>();

  constructor(
    private readonly limits: SendLimits,
    private readonly clock: PacerClock = realClock,
  ) {}

  /** Waits for this send's turn and reserves it. */
  async acquire(chatKey: string): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const at = Math.max(now, this.pausedUntil, this.next, this.chatNext.get(chatKey) ?? 0);
      this.next = at + 1000 / this.limits.perSecond;
      this.chatNext.set(chatKey, at + this.limits.perChatGapMs);
      if (this.chatNext.size > 10_000) this.forgetPastChats(now);
      if (at > now) await this.clock.sleep(at - now);
      // A 429 that came while this send waited covers its turn: take a new turn after the pause,
      // or every send waiting at that moment would go at once when the pause ends.
      if (this.pausedUntil > at) continue;
      // Woken late, after another send to this chat went late too: take a new turn.
      const lastToChat = this.chatReleased.get(chatKey);
      if (lastToChat !== undefined && this.clock.now() < lastToChat + this.limits.perChatGapMs) continue;
      for (;;) {
        const oldest = this.released.length >= this.limits.perSecond ? this.released[this.released.length - this.limits.perSecond]! : -Infinity;
        const wait = oldest + 1000 - this.clock.now();
        if (wait <= 0) break;
        await this.clock.sleep(wait);
      }
      if (this.pausedUntil > this.clock.now()) continue;
      const releasedAt = this.clock.now();
      this.released.push(releasedAt);
      if (this.released.length > this.limits.perSecond) this.released.splice(0, this.released.length - this.limits.perSecond);
      this.chatReleased.set(chatKey, releasedAt);
      this.chatNext.set(chatKey, Math.max(this.chatNext.get(chatKey) ?? 0, releasedAt + this.limits.perChatGapMs));
      return;
    }
  }

  /** Waits while sending is paused (replies are not paced, but they do respect a 429). */
  async waitIfPaused(): Promise<void> {
    for (let wait = this.pausedUntil - this.clock.now(); wait > 0; wait = this.pausedUntil - this.clock.now()) {
      await this.clock.sleep(wait);
    }
  }

  /**
   * The next paced send goes no sooner than `ms` from now (replies are not held): for a sender
   * taking over from another, whose last second of sends it cannot see.
   */
  holdBack(ms: number): void {
    this.next = Math.max(this.next, this.clock.now() + ms);
  }

  /** A 429: nobody sends for `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.next = Math.max(this.next, this.pausedUntil);
  }

  private forgetPastChats(now: number): void {
    for (const [chat, at] of this.chatNext) if (at <= now) this.chatNext.delete(chat);
    for (const [chat, at] of this.chatReleased) if (at + this.limits.perChatGapMs <= now) this.chatReleased.delete(chat);
  }
}
