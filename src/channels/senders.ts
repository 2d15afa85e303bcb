import { Bot } from 'grammy';
import type { Config } from '../config.js';
import type { ChannelKind } from '../core/domain.js';
import type { ChannelSender } from './channel.js';
import { TelegramSender } from './telegram/telegram-sender.js';

/** Senders for the configured channels, without receiving anything: for one-shot commands such as `tick`. */
export function createSenders(config: Config): Map<ChannelKind, ChannelSender> {
  const senders = new Map<ChannelKind, ChannelSender>();
  if (config.telegram) senders.set('telegram', new TelegramSender(new Bot(config.telegram.token, { client: { apiRoot: config.telegram.apiRoot } }).api));
  return senders;
}
