import { describe, it, expect } from 'vitest';
import { SendPacer, type PacerClock, type SendLimits } from '../../src/delivery/pacer.js';

/** Lets every pending promise callback run (no real time passes that matters: nothing reads it). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A clock that moves only when the test says so, waking sleepers in time order. */
class FakeClock implements PacerClock {
  t = 0;
  private sleepers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.sleepers.push({ at: this.t + ms, seq: this.seq++, resolve }));
  }
  /** Moves time forward to `until` (or, without one, to the last sleeper), waking each sleeper at its time. */
  async advanceTo(until?: number): Promise<void> {
    await settle();
    for (;;) {
      this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.sleepers[0];
      if (!next || (until !== undefined && next.at > until)) break;
      this.sleepers.shift();
      this.t = Math.max(this.t, next.at);
      next.resolve();
      await settle();
    }
    if (until !== undefined) this.t = Math.max(this.t, until);
  }
  async runAll(): Promise<void> {
    await this.advanceTo();
  }
}

interface Release {
  chat: string;
  at: number;
}

/** Starts an acquire and records the fake time at which it lets the send go. */
function send(pacer: SendPacer, clock: FakeClock, chat: string, log: Release[]): Promise<void> {
  return pacer.acquire(chat).then(() => {
    log.push({ chat, at: clock.now() });
  });
}

const EPS = 1e-6;

/** The most sends in any window [t, t + 1000 ms). */
function busiestSecond(log: readonly Release[]): number {
  const times = log.map((r) => r.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while (j < times.length && times[j]! < times[i]! + 1000 - EPS) j += 1;
    most = Math.max(most, j - i);
  }
  return most;
}

function smallestGap(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i += 1) gap = Math.min(gap, sorted[i]! - sorted[i - 1]!);
  return gap;
}

const TELEGRAM: SendLimits = { perSecond: 30, perChatGapMs: 1000 };

describe('SendPacer', () => {
  it('spaces sends to distinct chats 1000/perSecond apart, so no second holds more than perSecond', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer(TELEGRAM, clock);
    const log: Release[] = [];
    const all = Array.from({ length: 95 }, (_, i) => send(pacer, clock, `chat-${i}`, log));
    await clock.runAll();
    await Promise.all(all);

    expect(log).toHaveLength(95);
    expect(log.map((r) => r.chat)).toEqual(Array.from({ length: 95 }, (_, i) => `chat-${i}`));
    expect(log[0]!.at).toBe(0);
    expect(smallestGap(log.map((r) => r.at))).toBeGreaterThanOrEqual(1000 / 30 - EPS);
    expect(busiestSecond(log)).toBeLessThanOrEqual(30);
    // And no slower than the limit allows: the 95th send goes at 94/30 s.
    expect(log[94]!.at).toBeCloseTo((94 * 1000) / 30, 6);
  });

  it('lets a send go at once when nothing has been sent for a while', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer(TELEGRAM, clock);
    const log: Release[] = [];
    await Promise.all([send(pacer, clock, 'a', log), clock.runAll()]);
    await clock.advanceTo(60_000);
    const second = send(pacer, clock, 'b', log);
    await settle();
    await second;
    expect(log).toEqual([
      { chat: 'a', at: 0 },
      { chat: 'b', at: 60_000 },
    ]);
  });

  it('keeps two sends to one chat at least perChatGapMs apart, while other chats keep going', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer(TELEGRAM, clock);
    const log: Release[] = [];
    const chats = ['leader', 'leader', 'x', 'leader', 'y', 'z'];
    const all = chats.map((chat) => send(pacer, clock, chat, log));
    await clock.runAll();
    await Promise.all(all);

    const leader = log.filter((r) => r.chat === 'leader').map((r) => r.at);
    expect(leader).toHaveLength(3);
    expect(smallestGap(leader)).toBeGreaterThanOrEqual(1000);
    expect(smallestGap(log.map((r) => r.at))).toBeGreaterThanOrEqual(1000 / 30 - EPS);
    expect(busiestSecond(log)).toBeLessThanOrEqual(30);
  });

  it('releases nothing while paused (a 429), and resumes at the end of the pause', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer(TELEGRAM, clock);
    const log: Release[] = [];
    pacer.pause(5_000);
    const all = Array.from({ length: 3 }, (_, i) => send(pacer, clock, `c${i}`, log));
    await clock.advanceTo(4_999);
    expect(log).toEqual([]);
    await clock.runAll();
    await Promise.all(all);
    expect(log[0]).toEqual({ chat: 'c0', at: 5_000 });
    expect(log.every((r) => r.at >= 5_000)).toBe(true);
  });

  it('holds sends already waiting for their turn when a 429 comes, and does not release them in a burst after it', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer(TELEGRAM, clock);
    const log: Release[] = [];
    // Sixty sends queue up at once: their turns run from 0 to about 1967 ms.
    const all = Array.from({ length: 60 }, (_, i) => send(pacer, clock, `chat-${i}`, log));
    await clock.advanceTo(500);
    const before = log.length;
    expect(before).toBe(16); // 0, 33, …, 500
    pacer.pause(3_000); // Telegram says retry_after 3 s: nobody sends until 3500.
    await clock.advanceTo(3_499);
    expect(log.length).toBe(before);
    // New sends arrive during the pause too.
    const late = Array.from({ length: 20 }, (_, i) => send(pacer, clock, `late-${i}`, log));
    await clock.runAll();
    await Promise.all([...all, ...late]);

    expect(log).toHaveLength(80);
    const after = log.slice(before);
    expect(after.every((r) => r.at >= 3_500)).toBe(true);
    expect(smallestGap(after.map((r) => r.at))).toBeGreaterThanOrEqual(1000 / 30 - EPS);
    expect(busiestSecond(log)).toBeLessThanOrEqual(30);
  });

  it('a shorter second pause does not cut the first one short; a longer one extends it', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer(TELEGRAM, clock);
    const log: Release[] = [];
    pacer.pause(5_000);
    pacer.pause(1_000);
    const first = send(pacer, clock, 'a', log);
    await clock.advanceTo(4_000);
    expect(log).toEqual([]);
    pacer.pause(3_000); // now until 7000
    await clock.runAll();
    await first;
    expect(log).toEqual([{ chat: 'a', at: 7_000 }]);
  });

  describe('waitIfPaused (replies: not paced, but they respect a 429)', () => {
    it('returns at once when not paused, however busy the paced queue is', async () => {
      const clock = new FakeClock();
      const pacer = new SendPacer(TELEGRAM, clock);
      const log: Release[] = [];
      const bulk = Array.from({ length: 30 }, (_, i) => send(pacer, clock, `chat-${i}`, log));
      let done = false;
      void pacer.waitIfPaused().then(() => (done = true));
      await settle();
      expect(done).toBe(true);
      expect(clock.now()).toBe(0);
      await clock.runAll();
      await Promise.all(bulk);
    });

    it('waits exactly until the pause ends, including a pause extended while waiting', async () => {
      const clock = new FakeClock();
      const pacer = new SendPacer(TELEGRAM, clock);
      pacer.pause(3_000);
      let doneAt: number | null = null;
      const waiting = pacer.waitIfPaused().then(() => (doneAt = clock.now()));
      await clock.advanceTo(2_000);
      expect(doneAt).toBeNull();
      pacer.pause(2_000); // until 4000
      await clock.advanceTo(3_500);
      expect(doneAt).toBeNull();
      await clock.runAll();
      await waiting;
      expect(doneAt).toBe(4_000);
    });
  });

  it('does not bunch sends woken late by a busy event loop: still no second over the limit, no chat under its gap', async () => {
    const clock = new FakeClock();
    const pacer = new SendPacer(TELEGRAM, clock);
    const log: Release[] = [];
    const sends = [...Array.from({ length: 90 }, (_, i) => send(pacer, clock, `c${i}`, log)), send(pacer, clock, 'c0', log)];
    await settle();
    // The event loop was busy for 900 ms: every sleeper due by then wakes at once.
    clock.t = 900;
    await clock.runAll();
    await Promise.all(sends);
    expect(log).toHaveLength(91);
    expect(busiestSecond(log)).toBeLessThanOrEqual(TELEGRAM.perSecond);
    expect(smallestGap(log.filter((r) => r.chat === 'c0').map((r) => r.at))).toBeGreaterThanOrEqual(TELEGRAM.perChatGapMs - EPS);
  });

  it('keeps every limit under a random mix of chats and 429s (seeded)', async () => {
    let seed = 20261125;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const limits: SendLimits = { perSecond: 10, perChatGapMs: 1000 };
    const clock = new FakeClock();
    const pacer = new SendPacer(limits, clock);
    const log: Release[] = [];
    const pauses: { from: number; until: number }[] = [];
    const pending: Promise<void>[] = [];
    for (let step = 0; step < 200; step += 1) {
      const roll = random();
      if (roll < 0.03) {
        const ms = 500 + Math.floor(random() * 3000);
        pauses.push({ from: clock.now(), until: clock.now() + ms });
        pacer.pause(ms);
      } else if (roll < 0.6) {
        pending.push(send(pacer, clock, `chat-${Math.floor(random() * 8)}`, log));
      }
      await clock.advanceTo(clock.now() + Math.floor(random() * 150));
    }
    await clock.runAll();
    await Promise.all(pending);

    expect(log).toHaveLength(pending.length);
    expect(pauses.length).toBeGreaterThan(0);
    expect(busiestSecond(log)).toBeLessThanOrEqual(limits.perSecond);
    for (const chat of new Set(log.map((r) => r.chat))) {
      expect(smallestGap(log.filter((r) => r.chat === chat).map((r) => r.at)), chat).toBeGreaterThanOrEqual(limits.perChatGapMs - EPS);
    }
    for (const p of pauses) {
      const inside = log.filter((r) => r.at > p.from && r.at < p.until);
      expect(inside, JSON.stringify(p)).toEqual([]);
    }
  });
});
