import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as messages } from '../../src/core/messages/vi.js';
import { createInvitation } from '../../src/services/invite.js';
import { handleInbound } from '../../src/services/inbound.js';
import { INVITATION_GLOBAL_LIMIT, redeemInvitation } from '../../src/services/onboarding.js';
import { queryRows, type DatabaseHandle } from '../../src/storage/client.js';
import { touchAccount } from '../../src/storage/queries/channel-accounts.js';
import { upsertUnits } from '../../src/storage/queries/org-units.js';
import { createTestDatabase } from '../helpers/database.js';
import { SLOW_TEST_TIMEOUT_MS } from '../helpers/timeouts.js';

let handle: DatabaseHandle;
const now = new Date('2026-11-20T03:00:00Z');
const timeZone = 'Asia/Ho_Chi_Minh';

beforeAll(async () => {
  handle = await createTestDatabase();
  await upsertUnits(handle.db, [{ code: 'OB', name: 'Chi bộ Thử mã', kind: 'chi_bo', parentId: null }]);
}, SLOW_TEST_TIMEOUT_MS);
afterAll(() => handle.close());

const account = (id: number) => touchAccount(handle.db, { channel: 'telegram', externalUserId: String(id), chatId: String(id), at: now });
const redeem = async (id: number, code: string) => {
  const who = await account(id);
  return (await handle.db.transaction(async (tx) => redeemInvitation(tx, { account: who, code, now, timeZone }))).replies[0]!.text;
};

describe('invitation codes guessed by many accounts at once', () => {
  it('after many wrong codes from everyone, checks only each account\'s first try: a swarm gets one guess per account, a person with a valid code gets in', async () => {
    // A swarm: INVITATION_GLOBAL_LIMIT accounts, one wrong code each.
    for (let i = 0; i < INVITATION_GLOBAL_LIMIT; i++) expect(await redeem(61000 + i, `ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '0')}`)).toBe(messages.onboarding.invalidCode);
    // Their second guesses are not even checked, though each account is far under its own limit, even a valid code.
    const { code } = await createInvitation(handle.db, { unitCode: 'OB', role: 'leader', days: 7, now });
    expect(await redeem(61000, code)).toBe(messages.onboarding.tooManyAttempts(10));
    expect(await redeem(61001, 'YYYY-YYYY-YYYY')).toBe(messages.onboarding.tooManyAttempts(10));
    // Someone new with the right code: in.
    expect(await redeem(62000, code)).toContain('Chào mừng');
    const audit = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log where action = 'invitation.throttled' and details ->> 'scope' = 'everyone'`);
    expect(audit[0]!.n).toBe(2);
  }, SLOW_TEST_TIMEOUT_MS);
});

describe('a Zalo follower, whose name the follow event does not give', () => {
  it('is asked for the code (no link to tap) and welcomed without "đồng chí Đồng chí"', async () => {
    const { upsertModel } = await import('../../src/storage/queries/models.js');
    const ids = await upsertUnits(handle.db, [{ code: 'OB.Z', name: 'Chi bộ Zalo', kind: 'chi_bo', parentId: null }]);
    await upsertModel(handle.db, { unitId: ids.get('OB.Z')!, title: 'Vườn rau', field: 'kinh_te', startedOn: '2024-01-01', status: 'active', description: null });
    const { code } = await createInvitation(handle.db, { unitCode: 'OB.Z', role: 'secretary', days: 7, now });
    const later = new Date(now.getTime() + 3 * 3_600_000);
    const say = async (externalId: string, text: string) => {
      const outcome = await handleInbound(handle.db, { channel: 'zalo', externalId, receivedAt: later, from: { externalUserId: 'z-noname', chatId: 'z-noname' }, message: { type: 'text', text } }, { timeZone });
      return outcome.toSend.map((s) => (s.message.payload as { text: string }).text);
    };
    expect(await say('follow:z-noname:1', '/start')).toEqual([messages.onboarding.notRegisteredTypeCode]);
    expect(messages.onboarding.notRegisteredTypeCode).not.toMatch(/liên kết|bấm/);
    const [welcome] = await say('m-1', code);
    expect(welcome).toMatch(/^Chào mừng đồng chí! Đồng chí đã được ghi nhận là bí thư của Chi bộ Zalo\./);
  }, SLOW_TEST_TIMEOUT_MS);
});
