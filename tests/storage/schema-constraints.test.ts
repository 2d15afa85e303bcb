import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { runMigrations } from '../../src/storage/migrate.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
});
afterEach(async () => {
  await handle.close();
});

async function insertUnit(code: string, parentId: number | null, kind: 'tinh' | 'xa' | 'chi_bo' = 'chi_bo') {
  const [row] = await handle.db.insert(t.orgUnits).values({ code, name: `Đơn vị ${code}`, kind, parentId }).returning();
  if (!row) throw new Error('no row');
  return row;
}

/** Postgres wraps the violated constraint's name in the error; drizzle wraps that error in turn. */
async function expectConstraint(promise: Promise<unknown>, constraint: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${constraint} to refuse the write`).toBeDefined();
  const text = `${String(error)} ${String((error as { cause?: unknown }).cause)}`;
  const cause = (error as { cause?: { constraint?: string } }).cause;
  expect(cause?.constraint ?? text).toContain(constraint);
}

describe('organisation tree', () => {
  it('keeps path and depth from parent links, so a subtree is one prefix scan', async () => {
    const tinh = await insertUnit('KT', null, 'tinh');
    const xa = await insertUnit('KT.DTL', tinh.id, 'xa');
    const chiBo = await insertUnit('KT.DTL.KL', xa.id);
    expect(tinh.path).toBe(`/${tinh.id}/`);
    expect(chiBo.path).toBe(`/${tinh.id}/${xa.id}/${chiBo.id}/`);
    expect(chiBo.depth).toBe(2);
  });

  it('rewrites the whole subtree when a unit moves (huyện abolished, xã moves under tỉnh)', async () => {
    const tinh = await insertUnit('KT', null, 'tinh');
    const huyen = await insertUnit('KT.KR', tinh.id, 'xa');
    const xa = await insertUnit('KT.KR.DTL', huyen.id, 'xa');
    const chiBo = await insertUnit('KT.KR.DTL.KL', xa.id);
    await handle.db.update(t.orgUnits).set({ parentId: tinh.id }).where(eq(t.orgUnits.id, xa.id));
    const [moved] = await handle.db.select().from(t.orgUnits).where(eq(t.orgUnits.id, chiBo.id));
    expect(moved?.path).toBe(`/${tinh.id}/${xa.id}/${chiBo.id}/`);
    expect(moved?.depth).toBe(2);
  });

  it('refuses a move that would make a cycle', async () => {
    const a = await insertUnit('A', null, 'tinh');
    const b = await insertUnit('A.B', a.id, 'xa');
    const c = await insertUnit('A.B.C', b.id);
    await expectConstraint(
      handle.db.update(t.orgUnits).set({ parentId: c.id }).where(eq(t.orgUnits.id, a.id)),
      'org_units_no_cycle',
    );
  });

  it('refuses a parent that does not exist and a duplicate code', async () => {
    await expectConstraint(insertUnit('X', 999_999), 'org_units_parent_id_org_units_id_fk');
    await insertUnit('DUP', null);
    await expectConstraint(insertUnit('DUP', null), 'org_units_code_key');
  });
});

describe('reports', () => {
  async function setupPeriod() {
    const unit = await insertUnit('CB', null);
    const [set] = await handle.db
      .insert(t.questionSets)
      .values({ version: 1, title: 'Bộ câu hỏi', definition: {} })
      .returning();
    const [period] = await handle.db
      .insert(t.periods)
      .values({
        scopeUnitId: unit.id,
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
        opensAt: new Date('2026-11-20T01:00:00Z'),
        dueAt: new Date('2026-11-25T16:59:59Z'),
      })
      .returning();
    return { unitId: unit.id, periodId: period!.id, questionSetId: set!.id };
  }

  it('allows one report per unit and period', async () => {
    const keys = await setupPeriod();
    await handle.db.insert(t.reports).values(keys);
    await expectConstraint(handle.db.insert(t.reports).values(keys), 'reports_unit_period_key');
  });

  it('refuses negative counts and more present than members', async () => {
    const keys = await setupPeriod();
    await expectConstraint(handle.db.insert(t.reports).values({ ...keys, meetingsHeld: -1 }), 'reports_meetings_non_negative');
    await expectConstraint(
      handle.db.insert(t.reports).values({ ...keys, membersPresent: 20, membersTotal: 19 }),
      'reports_present_within_total',
    );
    const [ok] = await handle.db.insert(t.reports).values({ ...keys, membersPresent: 17, membersTotal: 19 }).returning();
    expect(ok?.membersPresent).toBe(17);
  });

  it('refuses a submitted report without a submission time', async () => {
    const keys = await setupPeriod();
    await expectConstraint(handle.db.insert(t.reports).values({ ...keys, status: 'submitted' }), 'reports_submitted_has_time');
  });
});

describe('messages and conversations', () => {
  async function account() {
    const [row] = await handle.db
      .insert(t.channelAccounts)
      .values({ channel: 'telegram', externalUserId: '42', chatId: '42' })
      .returning();
    return row!;
  }

  it('records an inbound update id once per channel, so a redelivery is recognised', async () => {
    await handle.db.insert(t.inboundMessages).values({ channel: 'telegram', externalId: '1001' });
    await handle.db.insert(t.inboundMessages).values({ channel: 'zalo', externalId: '1001' });
    await expectConstraint(handle.db.insert(t.inboundMessages).values({ channel: 'telegram', externalId: '1001' }), 'inbound_messages_channel_external_id_pk');
  });

  it('never queues the same reminder twice for a recipient, purpose and period', async () => {
    const { id } = await account();
    const message = { accountId: id, purpose: 'reminder', dedupeKey: `reminder:${id}:2026-11:d-3`, payload: { text: 'Nhắc' } };
    await handle.db.insert(t.outboundMessages).values(message);
    await expectConstraint(handle.db.insert(t.outboundMessages).values(message), 'outbound_messages_dedupe_key');
  });

  it('keeps at most one open conversation per account', async () => {
    const { id } = await account();
    await handle.db.insert(t.conversations).values({ accountId: id, flow: 'checkin', step: 'meetingsHeld' });
    await handle.db.insert(t.conversations).values({ accountId: id, flow: 'checkin', step: 'done', status: 'closed' });
    await expectConstraint(
      handle.db.insert(t.conversations).values({ accountId: id, flow: 'checkin', step: 'meetingsHeld' }),
      'conversations_one_open_per_account',
    );
  });

  it('refuses an invitation that stores a plain code instead of its hash', async () => {
    const unit = await insertUnit('INV', null);
    await expectConstraint(
      handle.db.insert(t.invitations).values({ codeHash: 'ABCDEFGHJKMN', unitId: unit.id, role: 'secretary', expiresAt: new Date(Date.now() + 86_400_000) }),
      'invitations_code_hash_format',
    );
  });
});

describe('migrations', () => {
  it('a second run applies nothing and keeps the data', async () => {
    await insertUnit('KEEP', null);
    const outcome = await runMigrations(handle);
    expect(outcome).toEqual({ known: outcome.known, applied: 0 });
    expect(outcome.known).toBeGreaterThanOrEqual(2);
    const rows = await handle.db.select().from(t.orgUnits);
    expect(rows.map((r) => r.code)).toEqual(['KEEP']);
    const [applied] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied?.n).toBe(outcome.known);
  });
});
