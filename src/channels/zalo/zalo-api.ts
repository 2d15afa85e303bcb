import { AppError } from '../../core/errors.js';

/**
 * Zalo's answer to a call that failed: the OA API says so with HTTP 200 and a non-zero
 * `error`; the OAuth API with `error` and `error_description`. `zaloCode` is Zalo's number
 * (0 when the HTTP exchange itself failed), so the sender can decide what to do.
 */
export class ZaloApiError extends AppError {
  override readonly name = 'ZaloApiError';
  constructor(
    readonly zaloCode: number,
    message: string,
    options: { httpStatus?: number; endpoint: string; cause?: unknown },
  ) {
    super(`ZALO_${zaloCode === 0 ? 'HTTP' : zaloCode}`, message, {
      cause: options.cause,
      context: { zaloCode, httpStatus: options.httpStatus, endpoint: options.endpoint },
      retryable: zaloCode === 0 || zaloCode === -32,
    });
    this.httpStatus = options.httpStatus ?? null;
  }
  readonly httpStatus: number | null;
}

/** A button under a consultation message: its tap comes back as a `user_send_text` carrying `payload`. */
export interface ZaloButton {
  title: string;
  payload: string;
}

/** A consultation message's content: text with buttons, an image (uploaded), or a file (uploaded). */
export type ZaloContent =
  | { kind: 'text'; text: string; buttons?: readonly ZaloButton[] }
  | { kind: 'image'; attachmentId: string; caption?: string }
  | { kind: 'file'; token: string };

export interface ZaloTokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export interface ZaloApiOptions {
  apiRoot: string;
  oauthRoot: string;
  appId: string;
  appSecret: string;
  /** A hung Zalo must not hold a send (and the outbox) for ever. */
  timeoutMs?: number;
}

/**
 * The few calls of Zalo's Official Account API v3 and OAuth v4 we need, over fetch. It only
 * translates: which token to use, when to refresh and what a failure means are decided by
 * the token store and the sender.
 */
export class ZaloApi {
  constructor(private readonly options: ZaloApiOptions) {}

  /** A free consultation message (inside the interaction window). */
  async sendConsultation(accessToken: string, userId: string, content: ZaloContent): Promise<{ messageId: string | null }> {
    const data = await this.call('/v3.0/oa/message/cs', accessToken, { recipient: { user_id: userId }, message: toMessage(content) });
    return { messageId: messageIdOf(data) };
  }

  /** A pre-approved template message, which reaches a follower outside the window. */
  async sendTemplate(accessToken: string, userId: string, templateId: string, templateData: Record<string, string>): Promise<{ messageId: string | null }> {
    const data = await this.call('/v3.0/oa/message/template', accessToken, { recipient: { user_id: userId }, template_id: templateId, template_data: templateData });
    return { messageId: messageIdOf(data) };
  }

  /** Uploads an image (a chart) and returns the id a message attaches it by. */
  async uploadImage(accessToken: string, bytes: Uint8Array, fileName: string, contentType = 'image/png'): Promise<string> {
    const data = await this.upload('/v2.0/oa/upload/image', accessToken, bytes, fileName, contentType);
    const id = (data as { attachment_id?: unknown } | undefined)?.attachment_id;
    if (typeof id !== 'string') throw new ZaloApiError(0, 'upload/image answered without attachment_id', { endpoint: '/v2.0/oa/upload/image' });
    return id;
  }

  /** Uploads a document (an export) and returns the token a message attaches it by. */
  async uploadFile(accessToken: string, bytes: Uint8Array, fileName: string, contentType = 'application/octet-stream'): Promise<string> {
    const data = await this.upload('/v2.0/oa/upload/file', accessToken, bytes, fileName, contentType);
    const token = (data as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string') throw new ZaloApiError(0, 'upload/file answered without token', { endpoint: '/v2.0/oa/upload/file' });
    return token;
  }

  /** Spends a refresh token for a new pair; the old refresh token is dead after this, whatever happens next. */
  async refreshAccessToken(refreshToken: string): Promise<ZaloTokenGrant> {
    const endpoint = '/v4/oa/access_token';
    const body = new URLSearchParams({ app_id: this.options.appId, grant_type: 'refresh_token', refresh_token: refreshToken });
    const json = await this.fetchJson(`${this.options.oauthRoot}${endpoint}`, endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.options.appSecret },
      body,
    });
    const grant = json as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    if (typeof grant.access_token !== 'string' || typeof grant.refresh_token !== 'string') {
      const code = typeof grant.error === 'number' && grant.error !== 0 ? grant.error : -1;
      throw new ZaloApiError(code, `token refresh refused: ${String(grant.error_description ?? grant.error ?? 'no token in the answer')}`, { endpoint });
    }
    const seconds = Number(grant.expires_in);
    return { accessToken: grant.access_token, refreshToken: grant.refresh_token, expiresInSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 3600 };
  }

  private async call(endpoint: string, accessToken: string, body: unknown): Promise<unknown> {
    const json = await this.fetchJson(`${this.options.apiRoot}${endpoint}`, endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: accessToken },
      body: JSON.stringify(body),
    });
    return dataOf(json, endpoint);
  }

  private async upload(endpoint: string, accessToken: string, bytes: Uint8Array, fileName: string, contentType: string): Promise<unknown> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: contentType }), fileName);
    const json = await this.fetchJson(`${this.options.apiRoot}${endpoint}`, endpoint, { method: 'POST', headers: { access_token: accessToken }, body: form });
    return dataOf(json, endpoint);
  }

  private async fetchJson(url: string, endpoint: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000) });
    } catch (error) {
      throw new ZaloApiError(0, `${endpoint}: ${error instanceof Error ? error.message : String(error)}`, { endpoint, cause: error });
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new ZaloApiError(0, `${endpoint}: HTTP ${response.status}`, { endpoint, httpStatus: response.status });
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ZaloApiError(0, `${endpoint}: the answer is not JSON`, { endpoint, httpStatus: response.status, cause: error });
    }
  }
}

function dataOf(json: unknown, endpoint: string): unknown {
  const answer = json as { error?: unknown; message?: unknown; data?: unknown };
  const code = typeof answer.error === 'number' ? answer.error : Number(answer.error ?? 0);
  if (code !== 0) throw new ZaloApiError(Number.isFinite(code) ? code : -1, `${endpoint}: ${String(answer.message ?? 'error')} (${code})`, { endpoint, httpStatus: 200 });
  return answer.data;
}

function messageIdOf(data: unknown): string | null {
  const id = (data as { message_id?: unknown } | undefined)?.message_id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

function toMessage(content: ZaloContent): Record<string, unknown> {
  switch (content.kind) {
    case 'text':
      return content.buttons?.length
        ? {
            text: content.text,
            attachment: {
              type: 'template',
              // oa.query.hide: the tap sends the payload back without showing it in the chat.
              payload: { buttons: content.buttons.map((b) => ({ type: 'oa.query.hide', title: b.title, payload: b.payload })) },
            },
          }
        : { text: content.text };
    case 'image':
      return {
        ...(content.caption ? { text: content.caption } : {}),
        attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: content.attachmentId }] } },
      };
    case 'file':
      return { attachment: { type: 'file', payload: { token: content.token } } };
  }
}
