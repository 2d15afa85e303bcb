import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import { writeAnswerStep } from '../../../src/storage/queries/answer-step.js';
import * as t from '../../../src/storage/schema/index.js';
import { createTestDatabase, testEngine } from '../../helpers/database.js';

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
});
afterEach(() => handle.close());

/** A secretary of a chi bộ, bound to a Telegram account, in the middle of a check-in. */
async function openConversation() {
  const [unit] = await handle.db.insert(t.orgUnits).values({ code: 'CB1', name: 'Chi bộ 1', kind: 'chi_bo' }).returning();
  const [person] = await handle.db.insert(t.people).values({ fullName: 'Lò Văn A' }).returning();
  const [role] = await handle.db.insert(t.unitRoles).values({ personId: person!.id, unitId: unit!.id, role: 'secretary' }).returning();
  const [account] = await handle.db.insert(t.channelAccounts).values({ channel: 'telegram', externalUserId: '77', chatId: '77', personId: person!.id }).returning();
  const [conversation] = await handle.db
    .insert(t.conversations)
    .values({ accountId: account!.id, unitId: unit!.id, flow: 'checkin', step: 'meetingsHeld', state: { checkin: {} } })
    .returning();
  return { account: account!, conversation: conversation!, role: role! };
}

function step(accountId: number, conversationId: number, externalId: string) {
  const at = new Date('2026-11-21T03:00:00Z');
  return {
    channel: 'telegram' as const, externalId, at, accountId, chatId: '77', displayName: null, conversationId, expectedVersion: 0,
    step: 'membersPresent', checkin: { answers: { meetingsHeld: 1 } }, replies: [{ dedupeKey: `reply:telegram:${externalId}:0`, payload: { text: 'ok' } }],
    leaseUntil: new Date(at.getTime() + 60_000), screenVersion: null,
  };
}

describe('writeAnswerStep', () => {
  it('writes the state, claims the update id and queues the reply in one statement; a redelivery writes nothing', async () => {
    const { account, conversation } = await openConversation();
    expect(await writeAnswerStep(handle.db, step(account.id, conversation.id, '500'))).toHaveLength(1);
    expect(await writeAnswerStep(handle.db, { ...step(account.id, conversation.id, '500'), expectedVersion: 1 })).toBeNull();
    const [row] = await handle.db.select().from(t.conversations);
    expect(row?.version).toBe(1);
  });

  it('writes nothing once the role has ended or the account is unbound (the careful path answers then)', async () => {
    const { account, conversation, role } = await openConversation();
    await handle.db.update(t.unitRoles).set({ endedAt: new Date('2026-11-20T00:00:00Z') }).where(sql`id = ${role.id}`);
    expect(await writeAnswerStep(handle.db, step(account.id, conversation.id, '600'))).toBeNull();
    await handle.db.update(t.unitRoles).set({ endedAt: null }).where(sql`id = ${role.id}`);
    await handle.db.update(t.channelAccounts).set({ personId: null }).where(sql`id = ${account.id}`);
    expect(await writeAnswerStep(handle.db, step(account.id, conversation.id, '601'))).toBeNull();
    const [row] = await handle.db.select().from(t.conversations);
    expect(row?.version).toBe(0);
  });

  // A race between two connections: PGlite has one connection, so it exists only on PostgreSQL.
  it.runIf(testEngine === 'postgres')('yields (null, nothing written) when the careful path claimed the same update id meanwhile', async () => {
    const { account, conversation } = await openConversation();
    const url = (await handle.db.execute(sql`select current_database() as db`)) as unknown as { rows: { db: string }[] };
    const other = new pg.Client({ connectionString: withDb(inject('postgresUrl')!, url.rows[0]!.db) });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(`insert into inbound_messages (channel, external_id, account_id, received_at) values ('telegram', '501', $1, now())`, [account.id]);
      const racing = writeAnswerStep(handle.db, step(account.id, conversation.id, '501'));
      await new Promise((r) => setTimeout(r, 200));
      await other.query('commit');
      expect(await racing).toBeNull();
      const [row] = await handle.db.select().from(t.conversations);
      expect(row?.version).toBe(0);
    } finally {
      await other.end();
    }
  });
});

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
