import { eq, sql } from 'drizzle-orm';
import type { ChannelKind } from '../../core/domain.js';
import type { Db } from '../client.js';
import { channelTokens } from '../schema/index.js';
import type { ChannelTokenRow } from '../types.js';

/**
 * Makes sure a channel has its token row, seeded from the configured refresh token. A token
 * in the environment that differs from the one that seeded the row means the OA was
 * authorised again: the stored pair is replaced. The same token again changes nothing, so a
 * restart never brings back a refresh token that was already spent.
 */
export async function seedChannelToken(db: Db, params: { channel: ChannelKind; configuredRefreshToken: string }): Promise<void> {
  await db
    .insert(channelTokens)
    .values({ channel: params.channel, refreshToken: params.configuredRefreshToken, configuredRefreshToken: params.configuredRefreshToken })
    .onConflictDoUpdate({
      target: channelTokens.channel,
      set: {
        refreshToken: params.configuredRefreshToken,
        configuredRefreshToken: params.configuredRefreshToken,
        accessToken: null,
        expiresAt: null,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${channelTokens.configuredRefreshToken} <> excluded.configured_refresh_token`,
    });
}

/** The channel's current tokens, without a lock: the common read before every send. */
export async function findChannelToken(db: Db, channel: ChannelKind): Promise<ChannelTokenRow | undefined> {
  const [row] = await db.select().from(channelTokens).where(eq(channelTokens.channel, channel));
  return row;
}

/** The channel's tokens, locked until the transaction ends: only one refresh at a time, across instances. */
export async function lockChannelToken(tx: Db, channel: ChannelKind): Promise<ChannelTokenRow | undefined> {
  const [row] = await tx.select().from(channelTokens).where(eq(channelTokens.channel, channel)).for('update');
  return row;
}

/** Stores a refreshed pair in one statement: the new access token and the refresh token that replaces the spent one. */
export async function saveRefreshedToken(
  tx: Db,
  params: { channel: ChannelKind; accessToken: string; refreshToken: string; expiresAt: Date; at: Date },
): Promise<void> {
  await tx
    .update(channelTokens)
    .set({ accessToken: params.accessToken, refreshToken: params.refreshToken, expiresAt: params.expiresAt, refreshedAt: params.at, updatedAt: sql`now()` })
    .where(eq(channelTokens.channel, params.channel));
}
