import { expect } from 'vitest';
import type { RunningService } from '../../src/service.js';
import { FakeTelegram } from './fake-telegram.js';
import { waitForRepliesSent } from './outbox.js';
import { startTestService } from './test-service.js';

/** A message the bot sent, as the fake Bot API recorded it. */
export type SentMessage = ReturnType<FakeTelegram['sent']>[number];

/** The bot on a running service, talked to over its Telegram webhook as people do, with the fake Bot API it answers through. */
export interface WebhookChat {
  fake: FakeTelegram;
  service: RunningService;
  /** Posts one update to the webhook; the webhook must take it (200). */
  post(update: unknown): Promise<void>;
  /**
   * Posts an update and waits until at least `count` messages came to `chat` and every reply it
   * queued has gone out (a welcome and the next step, a summary in two parts); the messages since.
   */
  exchange(chat: number, update: unknown, count?: number): Promise<SentMessage[]>;
  /** The callback data of the button labelled `label` on the latest message to `chat` that has one (within 64 bytes). */
  button(chat: number, label: string | RegExp): string;
  stop(): Promise<void>;
}

/**
 * Starts a service whose Telegram channel talks to a fresh fake Bot API through its webhook
 * (`secret`), on the given clock (`scheduler: false` for none): the set-up every webhook test shares.
 */
export async function startWebhookChat(p: { secret: string; now?: () => Date; scheduler?: boolean; env?: Record<string, string> }): Promise<WebhookChat> {
  const fake = await new FakeTelegram().start();
  const { service, stop } = await startTestService(
    { TELEGRAM_BOT_TOKEN: '123456:TEST_TOKEN_abcdefghijklmnopqrstuvwxyz', TELEGRAM_API_ROOT: fake.url, TELEGRAM_WEBHOOK_SECRET: p.secret, ...p.env },
    { ...(p.now ? { now: p.now } : {}), ...(p.scheduler === false ? { scheduler: false } : {}) },
  );
  const post = async (update: unknown) => {
    const response = await fetch(`${service.url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': p.secret },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
  };
  return {
    fake,
    service,
    post,
    async exchange(chat, update, count = 1) {
      const before = fake.sent(chat).length;
      await post(update);
      await fake.waitFor(() => fake.sent(chat).length >= before + count);
      await waitForRepliesSent(service.database.db);
      return fake.sent(chat).slice(before);
    },
    button(chat, label) {
      const matches = (text: string) => (typeof label === 'string' ? text === label : label.test(text));
      const message = [...fake.sent(chat)].reverse().find((m) => m.reply_markup?.inline_keyboard.flat().some((b) => matches(b.text)));
      const found = message?.reply_markup?.inline_keyboard.flat().find((b) => matches(b.text));
      if (!found) throw new Error(`no «${String(label)}» button in ${JSON.stringify(fake.sent(chat).slice(-3).map((m) => m.text))}`);
      expect(Buffer.byteLength(found.callback_data)).toBeLessThanOrEqual(64);
      return found.callback_data;
    },
    async stop() {
      await stop();
      await fake.stop();
    },
  };
}
