import type { ChannelKind } from '../../core/domain.js';
import type { Db } from '../client.js';
import { inboundMessages } from '../schema/index.js';

/**
 * Claims an inbound message id inside the caller's transaction. False means it was already
 * processed (a redelivery); a concurrent duplicate waits on the key and then gets false too.
 */
export async function claimInbound(db: Db, params: { channel: ChannelKind; externalId: string; at: Date }): Promise<boolean> {
  const rows = await db
    .insert(inboundMessages)
    .values({ channel: params.channel, externalId: params.externalId, receivedAt: params.at })
    .onConflictDoNothing()
    .returning({ id: inboundMessages.externalId });
  return rows.length > 0;
}
