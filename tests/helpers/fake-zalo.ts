import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signZaloEvent } from '../../src/channels/zalo/zalo-channel.js';

/** One call to the fake Zalo API, as received. */
export interface ZaloCall {
  endpoint: string;
  accessToken: string | undefined;
  body: Record<string, unknown>;
  /** Zalo's answer code: 0 for success. */
  error: number;
}

const HOUR = 3_600_000;

/**
 * A small Zalo OA API for tests: the OAuth token endpoint with single-use refresh tokens and
 * access tokens that expire on a fake clock; message endpoints that refuse a stale token
 * (-216/-220), a follower outside the interaction window (-230, 7 days by default, counted
 * from the last event the driver sent), a text over 2,000 characters or more than 5 buttons;
 * uploads; and failures on demand. Like Zalo, it answers HTTP 200 with a non-zero `error`.
 */
export class FakeZalo {
  readonly calls: ZaloCall[] = [];
  /** The fake clock the tokens and the window are judged by. */
  now: () => Date = () => new Date();
  windowMs = 7 * 24 * HOUR;
  tokenLifetimeSeconds = 90_000;
  readonly templates = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private readonly accessTokens = new Map<string, number>();
  private readonly lastInteraction = new Map<string, number>();
  private readonly failures = new Map<string, number[]>();
  private server: Server | undefined;
  private serial = 0;
  private readonly images = new Map<string, { bytes: Buffer; expired: boolean }>();
  refreshCalls = 0;
  /** How long the token endpoint takes to answer, so two refreshes can overlap. */
  refreshDelayMs = 0;
  url = '';

  constructor(initialRefreshToken: string) {
    this.refreshTokens.add(initialRefreshToken);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const image = this.image(req.url ?? '');
      if (image) {
        res.writeHead(image.status, { 'content-type': image.status === 200 ? 'image/jpeg' : 'text/plain', 'content-length': String(image.body.length) });
        res.end(image.body);
        return;
      }
      void this.handle(req).then(
        (body) => {
          // No kept-alive connections: under load a client could reuse one in the instant the
          // server closes it as idle (ECONNRESET), a failure of the test's plumbing, not of the code.
          res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500, { connection: 'close' });
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /**
   * An image as Zalo's CDN serves it, at a URL on this fake (so tests never leave 127.0.0.1);
   * `expireImage` makes it answer 404 as an expired Zalo link does. Unknown image paths are 404.
   */
  addImage(bytes: Uint8Array): string {
    const path = `/cdn/img-${this.images.size + 1}.jpg`;
    this.images.set(path, { bytes: Buffer.from(bytes), expired: false });
    return `${this.url}${path}`;
  }

  expireImage(url: string): void {
    const image = this.images.get(new URL(url).pathname);
    if (image) image.expired = true;
  }

  /** Image downloads received, by path. */
  readonly imageDownloads: string[] = [];

  private image(url: string): { status: number; body: Buffer } | null {
    const path = url.split('?')[0]!;
    if (!path.startsWith('/cdn/')) return null;
    this.imageDownloads.push(path);
    const image = this.images.get(path);
    return image && !image.expired ? { status: 200, body: image.bytes } : { status: 404, body: Buffer.from('Not Found') };
  }

  /** The follower wrote to the OA at `at` (the driver calls this for every event it sends). */
  interacted(userId: string, at: Date): void {
    this.lastInteraction.set(userId, Math.max(this.lastInteraction.get(userId) ?? 0, at.getTime()));
  }

  /** Issues a refresh token, as authorising the OA in Zalo's console does. */
  issueRefreshToken(token: string): void {
    this.refreshTokens.add(token);
  }

  /** Whether this refresh token was issued and not spent yet. */
  isLiveRefreshToken(token: string): boolean {
    return this.refreshTokens.has(token);
  }

  /** Invalidates every access token, as when Zalo revokes them early. */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** The next `count` calls to `endpoint` answer with Zalo error `code`. */
  failNext(endpoint: string, code: number, count = 1): void {
    this.failures.set(endpoint, [...(this.failures.get(endpoint) ?? []), ...Array.from({ length: count }, () => code)]);
  }

  /** Consultation and template messages that Zalo accepted for `userId`. */
  delivered(userId?: string): { endpoint: string; text: string; buttons: { title: string; payload: string }[]; templateData?: Record<string, string> }[] {
    return this.calls
      .filter((c) => c.error === 0 && (c.endpoint.endsWith('/message/cs') || c.endpoint.endsWith('/message/template')))
      .filter((c) => userId === undefined || (c.body.recipient as { user_id: string }).user_id === userId)
      .map((c) => {
        const message = (c.body.message ?? {}) as { text?: string; attachment?: { payload?: { buttons?: { title: string; payload: string }[] } } };
        return {
          endpoint: c.endpoint,
          text: message.text ?? '',
          buttons: message.attachment?.payload?.buttons ?? [],
          ...(c.body.template_data ? { templateData: c.body.template_data as Record<string, string> } : {}),
        };
      });
  }

  async waitFor(predicate: () => boolean, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake Zalo: condition not met; calls: ${JSON.stringify(this.calls.map((c) => [c.endpoint, c.error]))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const endpoint = (req.url ?? '').split('?')[0]!;
    const type = req.headers['content-type'] ?? '';
    const body: Record<string, unknown> = type.startsWith('application/json')
      ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>)
      : type.startsWith('application/x-www-form-urlencoded')
        ? Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
        : { bytes: raw.length };
    const accessToken = typeof req.headers['access_token'] === 'string' ? req.headers['access_token'] : undefined;
    const call: ZaloCall = { endpoint, accessToken, body, error: 0 };
    this.calls.push(call);
    if (endpoint === '/v4/oa/access_token' && this.refreshDelayMs > 0) await new Promise((r) => setTimeout(r, this.refreshDelayMs));
    const answer = this.answer(endpoint, body, accessToken, req.headers['secret_key']);
    call.error = (answer as { error?: number }).error ?? 0;
    return answer;
  }

  private answer(endpoint: string, body: Record<string, unknown>, accessToken: string | undefined, secretKey: unknown): unknown {
    const injected = this.failures.get(endpoint)?.shift();
    if (endpoint === '/v4/oa/access_token') {
      this.refreshCalls += 1;
      if (injected !== undefined) return { error: injected, error_description: 'injected failure' };
      if (typeof secretKey !== 'string' || !secretKey) return { error: -14002, error_description: 'missing secret_key' };
      const spent = String(body.refresh_token ?? '');
      if (!this.refreshTokens.delete(spent)) return { error: -14014, error_name: 'Invalid refresh token', error_description: 'Refresh token is invalid or already used' };
      this.serial += 1;
      const access = `access-${this.serial}`;
      const refresh = `refresh-${this.serial}`;
      this.accessTokens.set(access, this.now().getTime() + this.tokenLifetimeSeconds * 1000);
      this.refreshTokens.add(refresh);
      return { access_token: access, refresh_token: refresh, expires_in: String(this.tokenLifetimeSeconds) };
    }
    const expiry = accessToken ? this.accessTokens.get(accessToken) : undefined;
    if (expiry === undefined) return { error: -216, message: 'Access token is invalid' };
    if (expiry <= this.now().getTime()) return { error: -220, message: 'Access token has expired' };
    if (injected !== undefined) return { error: injected, message: 'injected failure' };
    this.serial += 1;
    if (endpoint === '/v2.0/oa/upload/image') return { error: 0, message: 'Success', data: { attachment_id: `img-${this.serial}` } };
    if (endpoint === '/v2.0/oa/upload/file') return { error: 0, message: 'Success', data: { token: `file-${this.serial}` } };
    const userId = (body.recipient as { user_id?: string } | undefined)?.user_id ?? '';
    if (endpoint === '/v3.0/oa/message/template') {
      if (!this.templates.has(String(body.template_id))) return { error: -124, message: 'Template does not exist' };
      return { error: 0, message: 'Success', data: { message_id: `m${this.serial}`, user_id: userId } };
    }
    if (endpoint === '/v3.0/oa/message/cs') {
      const last = this.lastInteraction.get(userId);
      if (last === undefined || this.now().getTime() - last > this.windowMs) return { error: -230, message: 'User has not interacted with the OA in the last 7 days' };
      const message = (body.message ?? {}) as { text?: string; attachment?: { payload?: { buttons?: unknown[] } } };
      if ((message.text ?? '').length > 2000) return { error: -201, message: 'Text is over 2000 characters' };
      if ((message.attachment?.payload?.buttons?.length ?? 0) > 5) return { error: -201, message: 'At most 5 buttons' };
      return { error: 0, message: 'Success', data: { message_id: `m${this.serial}`, user_id: userId } };
    }
    return { error: -201, message: `unknown endpoint ${endpoint}` };
  }
}

let nextMessageId = 1;

/**
 * A Zalo follower as the webhook sees them: builds signed events (text, a button tap, a photo,
 * follow, unfollow) and posts them, telling the fake API about each interaction.
 */
export class ZaloFollower {
  constructor(
    readonly userId: string,
    private readonly env: { webhookUrl: () => string; appId: string; oaSecretKey: string; fake: FakeZalo; now: () => Date },
  ) {}

  text(text: string) {
    return this.event('user_send_text', { sender: { id: this.userId }, message: { msg_id: `msg${nextMessageId++}`, text } });
  }

  /** A photo by URL; by default one on the fake's own CDN path that was never added (it answers 404). */
  image(url = `${this.env.fake.url}/cdn/anh-hoat-dong.jpg`) {
    return this.event('user_send_image', { sender: { id: this.userId }, message: { msg_id: `msg${nextMessageId++}`, attachments: [{ type: 'image', payload: { url, thumbnail: url } }] } });
  }

  follow() {
    return this.event('follow', { follower: { id: this.userId } });
  }

  unfollow() {
    return this.event('unfollow', { follower: { id: this.userId } });
  }

  /** An echo of a message the OA sent: Zalo delivers these too. */
  echo(text: string) {
    return this.event('oa_send_text', { sender: { id: 'oa-1' }, recipient: { id: this.userId }, message: { msg_id: `msg${nextMessageId++}`, text } });
  }

  private event(name: string, fields: Record<string, unknown>): Record<string, unknown> {
    return { app_id: this.env.appId, event_name: name, timestamp: String(this.env.now().getTime()), user_id_by_app: `app-${this.userId}`, ...fields };
  }

  /** Posts an event signed as Zalo signs it (or with `signature` instead); returns the HTTP status and body. */
  async post(event: Record<string, unknown>, options: { signature?: string; retry?: number } = {}): Promise<{ status: number; body: unknown }> {
    const rawBody = JSON.stringify(event);
    const signature = options.signature ?? signZaloEvent({ appId: this.env.appId, rawBody, timestamp: String(event.timestamp), oaSecretKey: this.env.oaSecretKey });
    if (options.signature === undefined && String(event.event_name).startsWith('user_')) this.env.fake.interacted(this.userId, this.env.now());
    if (event.event_name === 'follow') this.env.fake.interacted(this.userId, this.env.now());
    const response = await fetch(this.env.webhookUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': signature, ...(options.retry ? { num_retry: String(options.retry) } : {}) },
      body: rawBody,
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }
}
