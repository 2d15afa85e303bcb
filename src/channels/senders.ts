import { Bot } from 'grammy';
import type { Config } from '../config.js';
import type { ChannelKind } from '../core/domain.js';
import type { Database } from '../storage/client.js';
import type { ChannelSender } from '../delivery/port.js';
import { TelegramSender } from './telegram/telegram-sender.js';
import { createZaloSender } from './zalo/zalo-channel.js';

/**
 * Senders for the configured channels, without receiving anything: for one-shot commands such
 * as `tick`. Zalo's token lives in the database, shared with the running service.
 */
export async function createSenders(config: Config, deps: { db: Database; now: () => Date }): Promise<Map<ChannelKind, ChannelSender>> {
  const senders = new Map<ChannelKind, ChannelSender>();
  if (config.telegram) senders.set('telegram', new TelegramSender(new Bot(config.telegram.token, { client: { apiRoot: config.telegram.apiRoot } }).api));
  if (config.zalo) {
    const { sender, tokens } = createZaloSender(config.zalo, deps);
    await tokens.init();
    senders.set('zalo', sender);
  }
  return senders;
}
