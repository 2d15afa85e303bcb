import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A call the bot made to the Bot API. */
export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  /** The fake answered this call with an error (failNext), or never answered it (a hung connection). */
  failed?: boolean;
  /** When the fake received it (performance.now()), for checking rate limits. */
  at?: number;
}

interface Failure {
  /** 0: the connection hangs and is never answered (the message is not delivered); -1: the connection is cut. */
  status: number;
  description: string;
  retryAfter?: number;
}

/**
 * A small Bot API on 127.0.0.1 for tests: records every call, answers like Telegram does,
 * serves queued updates to long polling, and fails on demand (429 with retry_after, 403, 5xx).
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  private readonly updates: Record<string, unknown>[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly failureRules = new Map<string, () => Failure | null>();
  private waiters: (() => void)[] = [];
  private server: Server | undefined;
  private messageId = 1000;
  private readonly files = new Map<string, { path: string; bytes: Buffer }>();
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const download = this.download(req.url ?? '');
      if (download) {
        res.writeHead(download.status, { 'content-type': 'application/octet-stream', 'content-length': String(download.body.length) });
        res.end(download.body);
        return;
      }
      void this.handle(req).then(({ status, body }) => {
        if (status === -1) {
          req.socket.destroy();
          return;
        }
        // No kept-alive connections: under load a client could reuse one in the instant the
        // server closes it as idle (ECONNRESET), a failure of the test's plumbing, not of the code.
        res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.waiters.forEach((w) => w());
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /**
   * A file the bot may fetch: getFile(fileId) answers its file_path, and GET
   * /file/bot<token>/<file_path> serves `bytes`. Unknown file ids get Telegram's 400.
   */
  addFile(fileId: string, bytes: Uint8Array): void {
    this.files.set(fileId, { path: `photos/file_${this.files.size + 1}.jpg`, bytes: Buffer.from(bytes) });
  }

  /** File downloads received, by the path asked (the token included, as the bot sent it). */
  readonly downloads: string[] = [];

  /** Queues an update for getUpdates (long polling). */
  pushUpdate(update: Record<string, unknown>): void {
    this.updates.push(update);
    this.waiters.splice(0).forEach((w) => w());
  }

  /** The next `count` calls of `method` fail as described. */
  failNext(method: string, failure: Failure, count = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: count }, () => failure)]);
  }

  /** Every call of `method` asks `decide` whether to fail it, until `decide` is replaced or cleared (null). */
  failWhen(method: string, decide: (() => Failure | null) | null): void {
    if (decide) this.failureRules.set(method, decide);
    else this.failureRules.delete(method);
  }

  sent(chatId?: number | string): { chat_id: unknown; text: string; reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } }[] {
    return this.calls
      .filter((c) => c.method === 'sendMessage' && (chatId === undefined || String(c.body.chat_id) === String(chatId)))
      .map((c) => c.body as never);
  }

  /** Messages that were accepted (not failed on purpose), as the people received them. */
  delivered(): { chat_id: unknown; text: string }[] {
    return this.calls.filter((c) => c.method === 'sendMessage' && !c.failed).map((c) => c.body as never);
  }

  /** Waits until `predicate` holds over the calls so far. */
  async waitFor(predicate: (calls: ApiCall[]) => boolean, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error(`fake Telegram: condition not met; calls: ${JSON.stringify(this.calls.map((c) => [c.method, c.body.text ?? '']))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** A file download (/file/bot<token>/<path>): the bytes, or 404 for a path getFile never gave; null for an API call. */
  private download(url: string): { status: number; body: Buffer } | null {
    const match = /^\/file\/bot[^/]+\/(.+)$/.exec(url.split('?')[0]!);
    if (!match) return null;
    this.downloads.push(url);
    const path = decodeURIComponent(match[1]!);
    const failure = this.failures.get('download')?.shift() ?? this.failureRules.get('download')?.();
    if (failure) return { status: failure.status, body: Buffer.from(failure.description) };
    const file = [...this.files.values()].find((f) => f.path === path);
    return file ? { status: 200, body: file.bytes } : { status: 404, body: Buffer.from('Not Found') };
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = (req.headers['content-type']?.startsWith('multipart/form-data') ? readMultipart(raw) : raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const method = (req.url ?? '').split('/').pop() ?? '';
    const call: ApiCall = { method, body, at: performance.now() };
    if (method !== 'getUpdates') this.calls.push(call);
    const failure = this.failures.get(method)?.shift() ?? this.failureRules.get(method)?.();
    if (failure) {
      call.failed = true;
      if (failure.status === 0) return new Promise(() => undefined);
      if (failure.status === -1) return { status: -1, body: null };
      return {
        status: failure.status,
        body: { ok: false, error_code: failure.status, description: failure.description, ...(failure.retryAfter ? { parameters: { retry_after: failure.retryAfter } } : {}) },
      };
    }
    const result = await this.result(method, body);
    const error = (result as { __error?: { status: number; description: string } } | null)?.__error;
    if (error) {
      call.failed = true;
      return { status: error.status, body: { ok: false, error_code: error.status, description: error.description } };
    }
    return { status: 200, body: { ok: true, result } };
  }

  private async result(method: string, body: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'getFile': {
        const file = this.files.get(String(body.file_id));
        if (!file) return { __error: { status: 400, description: 'Bad Request: invalid file_id' } };
        return { file_id: body.file_id, file_unique_id: `u-${String(body.file_id)}`, file_size: file.bytes.length, file_path: file.path };
      }
      case 'getMe':
        return { id: 777, is_bot: true, first_name: 'Báo cáo mô hình', username: 'chibo_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'sendDocument':
        this.messageId += 1;
        return { message_id: this.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: 'private' }, document: { file_id: 'doc', file_unique_id: 'doc', file_name: (body.document as { fileName: string }).fileName } };
      case 'sendPhoto':
        this.messageId += 1;
        return { message_id: this.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: 'private' }, photo: [{ file_id: 'photo', file_unique_id: 'photo', width: 960, height: 400 }] };
      case 'sendMessage':
        this.messageId += 1;
        return { message_id: this.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: 'private' }, text: body.text };
      case 'getUpdates': {
        const offset = Number(body.offset ?? 0);
        const pending = () => this.updates.filter((u) => Number(u.update_id) >= offset);
        if (pending().length === 0) {
          await new Promise<void>((resolve) => {
            this.waiters.push(resolve);
            setTimeout(resolve, Math.min(Number(body.timeout ?? 0), 1) * 1000);
          });
        }
        return pending().slice(0, Number(body.limit ?? 100));
      }
      default:
        return true;
    }
  }
}

/**
 * The fields of a multipart upload (sendDocument): text fields as strings, a file as its name
 * and its bytes' length, enough to check what was sent.
 */
function readMultipart(raw: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const part of raw.split(/--[^\r\n]+\r\n/)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    if (!name) continue;
    const value = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n--[^\r\n]*--\r\n$|\r\n$/, '');
    const fileName = /filename="?([^"\r\n]*)"?/.exec(part)?.[1];
    fields[name] = fileName === undefined ? value : { fileName, size: value.length };
  }
  // grammY attaches the file and names it in the `document` (or `photo`) field as attach://<id>.
  for (const [key, value] of Object.entries(fields)) {
    for (const field of ['document', 'photo']) {
      if (typeof value === 'object' && fields[field] === `attach://${key}`) fields[field] = value;
    }
  }
  return fields;
}

let nextUpdateId = 1;

/** Builds the updates a Telegram user produces. */
export function telegramUser(id: number, firstName = 'Hải') {
  const from = { id, is_bot: false, first_name: firstName, language_code: 'vi' };
  const chat = { id, type: 'private' as const, first_name: firstName };
  return {
    text: (text: string) => ({ update_id: nextUpdateId++, message: { message_id: nextUpdateId, date: Math.floor(Date.now() / 1000), chat, from, text } }),
    tap: (callbackData: string, messageId = 1) => ({
      update_id: nextUpdateId++,
      callback_query: { id: `cb${nextUpdateId}`, from, chat_instance: 'x', data: callbackData, message: { message_id: messageId, date: 0, chat } },
    }),
    photo: (fileId: string, mediaGroupId?: string) => ({
      update_id: nextUpdateId++,
      message: {
        message_id: nextUpdateId, date: Math.floor(Date.now() / 1000), chat, from,
        photo: [{ file_id: `${fileId}-small`, file_unique_id: 's', width: 90, height: 90 }, { file_id: fileId, file_unique_id: 'l', width: 1280, height: 960 }],
        ...(mediaGroupId ? { media_group_id: mediaGroupId } : {}),
      },
    }),
    sticker: () => ({ update_id: nextUpdateId++, message: { message_id: nextUpdateId, date: Math.floor(Date.now() / 1000), chat, from, sticker: { file_id: 'st', file_unique_id: 'st', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } } }),
    blocks: () => ({
      update_id: nextUpdateId++,
      my_chat_member: { chat, from, date: Math.floor(Date.now() / 1000), old_chat_member: { status: 'member', user: { id: 777, is_bot: true, first_name: 'Bot' } }, new_chat_member: { status: 'kicked', user: { id: 777, is_bot: true, first_name: 'Bot' }, until_date: 0 } },
    }),
  };
}
