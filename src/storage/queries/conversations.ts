import { and, eq, ne, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.js';
import { queryRows, type Db } from '../client.js';
import { conversations } from '../schema/index.js';
import type { ConversationRow } from '../types.js';

/** The account's open conversation, locked for this transaction so its messages apply one at a time. */
export async function lockOpenConversation(db: Db, accountId: number): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.status, 'open')))
    .for('update');
  return row;
}

/** Opens a conversation, closing any other open one of the account first. */
export async function openConversation(
  db: Db,
  params: { accountId: number; flow: string; unitId: number | null; periodId: number | null; reportId: number | null; step: string; state: unknown },
): Promise<ConversationRow> {
  await closeOpenConversations(db, params.accountId);
  const [row] = await db.insert(conversations).values(params).returning();
  if (!row) throw new Error('insert into conversations returned no row');
  return row;
}

/** Makes an existing conversation the account's open one again (closing any other), as it was. */
export async function activateConversation(db: Db, params: { id: number; accountId: number }): Promise<ConversationRow> {
  await closeOpenConversations(db, params.accountId, params.id);
  const [row] = await db
    .update(conversations)
    .set({ status: 'open', updatedAt: sql`now()` })
    .where(eq(conversations.id, params.id))
    .returning();
  if (!row) throw new Error(`conversation ${params.id} vanished`);
  return row;
}

/** At most one conversation per account is open: close the others (all, or all but `exceptId`). */
async function closeOpenConversations(db: Db, accountId: number, exceptId?: number): Promise<void> {
  await db
    .update(conversations)
    .set({ status: 'closed', updatedAt: sql`now()` })
    .where(
      and(
        eq(conversations.accountId, accountId),
        eq(conversations.status, 'open'),
        exceptId === undefined ? undefined : ne(conversations.id, exceptId),
      ),
    );
}

/**
 * A conversation changed under us. The transaction rolls back, so the message is not marked
 * processed; its channel delivers it again (Telegram redelivers on a 500), and it then applies
 * to the fresh state.
 */
export class StaleConversationError extends AppError {
  override readonly name = 'StaleConversationError';
  constructor(id: number, expectedVersion: number) {
    super('CONVERSATION_STALE', `conversation ${id} moved past version ${expectedVersion}`, {
      context: { conversationId: id, expectedVersion },
      retryable: true,
    });
  }
}

/**
 * Saves the next state only if nobody else saved one since `expectedVersion` was read
 * (optimistic concurrency); returns the new version.
 */
export async function saveConversation(
  db: Db,
  params: { id: number; expectedVersion: number; step: string; state: unknown; status?: 'open' | 'closed' },
): Promise<number> {
  const rows = await db
    .update(conversations)
    .set({
      step: params.step,
      state: params.state,
      status: params.status ?? 'open',
      version: sql`${conversations.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(conversations.id, params.id), eq(conversations.version, params.expectedVersion)))
    .returning({ version: conversations.version });
  if (rows.length === 0) throw new StaleConversationError(params.id, params.expectedVersion);
  return rows[0]!.version;
}

/** The most recent check-in of an account about a unit and period, open or not (a leader's review comment is not one). */
export async function findConversationFor(
  db: Db,
  params: { accountId: number; unitId: number; periodId: number },
): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, params.accountId), eq(conversations.unitId, params.unitId), eq(conversations.periodId, params.periodId), eq(conversations.flow, 'checkin')))
    .orderBy(sql`${conversations.id} desc`)
    .limit(1);
  return row;
}

/**
 * Closes the check-ins in progress (open or paused) of these accounts about a unit, when the role
 * behind them ended: each is marked handed over, so whoever reports for the unit next this month
 * continues from its answers. Returns the closed ones (their accounts get a word about it).
 */
export async function closeCheckinsForHandover(
  db: Db,
  p: { accountIds: readonly number[]; unitId: number; at: Date },
): Promise<{ id: number; accountId: number }[]> {
  if (p.accountIds.length === 0) return [];
  return queryRows<{ id: number; accountId: number }>(
    db,
    sql`update conversations
           set status = 'closed', updated_at = now(),
               state = state || jsonb_build_object('handedOverAt', ${p.at.toISOString()}::text)
         where account_id = any(${`{${p.accountIds.join(',')}}`}::int[]) and unit_id = ${p.unitId} and flow = 'checkin'
           and status in ('open', 'paused') and coalesce(state #>> '{checkin,phase}', '') <> 'submitted'
         returning id, account_id as "accountId"`,
  );
}

/**
 * The newest check-in about a unit and period that was handed over by a role's end and not sent:
 * the successor's check-in starts from its answers.
 */
export async function findHandedOverCheckin(db: Db, p: { unitId: number; periodId: number }): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.unitId, p.unitId),
        eq(conversations.periodId, p.periodId),
        eq(conversations.status, 'closed'),
        sql`${conversations.state} ? 'handedOverAt'`,
        sql`coalesce(${conversations.state} #>> '{checkin,phase}', '') <> 'submitted'`,
      ),
    )
    .orderBy(sql`${conversations.id} desc`)
    .limit(1);
  return row;
}

/**
 * The newest check-in (any account of the unit) about a report, open or not: a correction by
 * another account of the unit starts from the answers it was sent with.
 */
export async function findLatestConversationForReport(db: Db, reportId: number): Promise<ConversationRow | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.reportId, reportId), eq(conversations.flow, 'checkin')))
    .orderBy(sql`${conversations.id} desc`)
    .limit(1);
  return row;
}

/** Closes the account's open conversation if it is of this flow (a leader who moved on from a question). */
export async function closeOpenConversationOfFlow(db: Db, p: { accountId: number; flow: string }): Promise<void> {
  await db
    .update(conversations)
    .set({ status: 'closed', updatedAt: sql`now()` })
    .where(and(eq(conversations.accountId, p.accountId), eq(conversations.status, 'open'), eq(conversations.flow, p.flow)));
}
