import { AppError } from '../../core/errors.js';
import type { Database } from '../../storage/client.js';
import { findChannelToken, lockChannelToken, saveRefreshedToken, seedChannelToken } from '../../storage/queries/channel-tokens.js';
import type { ZaloApi } from './zalo-api.js';

/** Zalo refused our refresh token: someone must authorise the OA again and set ZALO_REFRESH_TOKEN. */
export class ZaloTokenError extends AppError {
  override readonly name = 'ZaloTokenError';
  constructor(message: string, cause?: unknown) {
    super('ZALO_TOKEN_REFUSED', message, { cause, retryable: false });
  }
}

/** A new access token is fetched this long before the old one expires (it lives about 25 hours). */
export const REFRESH_AHEAD_MS = 60 * 60_000;

/**
 * Zalo's access token, shared by every instance through the database. The refresh token is
 * single use, so a refresh happens under the token row's lock: whoever gets the lock second
 * finds the pair already renewed and uses it, instead of spending the dead refresh token.
 */
export class ZaloTokens {
  private cached: { token: string; expiresAt: number } | undefined;

  constructor(
    private readonly db: Database,
    private readonly api: ZaloApi,
    private readonly deps: { now: () => Date; configuredRefreshToken: string },
  ) {}

  /** Seeds the token row from the configuration (once per authorisation). */
  async init(): Promise<void> {
    await seedChannelToken(this.db, { channel: 'zalo', configuredRefreshToken: this.deps.configuredRefreshToken });
  }

  /** A token to call the API with, renewed ahead of its expiry. */
  async accessToken(): Promise<string> {
    const now = this.deps.now().getTime();
    if (this.cached && this.cached.expiresAt - REFRESH_AHEAD_MS > now) return this.cached.token;
    const row = await findChannelToken(this.db, 'zalo');
    if (row?.accessToken && row.expiresAt && row.expiresAt.getTime() - REFRESH_AHEAD_MS > now) {
      this.cached = { token: row.accessToken, expiresAt: row.expiresAt.getTime() };
      return row.accessToken;
    }
    return this.refresh(row?.accessToken ?? null);
  }

  /**
   * Renews the pair, unless another instance already did since `stale` was read (then its
   * token is used). Called ahead of expiry, and when Zalo says `stale` is invalid or expired.
   */
  async refresh(stale: string | null): Promise<string> {
    const token = await this.db.transaction(async (tx) => {
      let row = await lockChannelToken(tx, 'zalo');
      if (!row) {
        await seedChannelToken(tx, { channel: 'zalo', configuredRefreshToken: this.deps.configuredRefreshToken });
        row = await lockChannelToken(tx, 'zalo');
      }
      if (!row) throw new ZaloTokenError('the Zalo token row could not be created');
      const now = this.deps.now();
      const renewedMeanwhile = row.accessToken && row.accessToken !== stale && row.expiresAt && row.expiresAt.getTime() - REFRESH_AHEAD_MS > now.getTime();
      if (renewedMeanwhile) return { token: row.accessToken!, expiresAt: row.expiresAt!.getTime() };
      let grant;
      try {
        grant = await this.api.refreshAccessToken(row.refreshToken);
      } catch (error) {
        const refused = error instanceof AppError && !error.retryable;
        if (refused) throw new ZaloTokenError('Zalo refused the refresh token: authorise the Official Account again and set a new ZALO_REFRESH_TOKEN', error);
        throw error;
      }
      const expiresAt = new Date(now.getTime() + grant.expiresInSeconds * 1000);
      await saveRefreshedToken(tx, { channel: 'zalo', accessToken: grant.accessToken, refreshToken: grant.refreshToken, expiresAt, at: now });
      return { token: grant.accessToken, expiresAt: expiresAt.getTime() };
    });
    this.cached = token;
    return token.token;
  }
}
