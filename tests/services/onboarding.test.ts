import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi as messages } from '../../src/core/messages/vi.js';
import { createInvitation } from '../../src/services/invite.js';
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
const redeem = async (id: number, code: string) =>
  (await handle.db.transaction(async (tx) => redeemInvitation(tx, { account: await account(id), code, now, timeZone }))).replies[0]!.text;

describe('invitation codes guessed by many accounts at once', () => {
  it('after many wrong codes from everyone, checks only each account\'s first try: a swarm gets one guess per account, a person with a valid code gets in', async () => {
    // A swarm: INVITATION_GLOBAL_LIMIT accounts, one wrong code each.
    for (let i = 0; i < INVITATION_GLOBAL_LIMIT; i++) expect(await redeem(61000 + i, `ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '0')}`)).toBe(messages.onboarding.invalidCode);
    // Their second guesses are not even checked, though each account is far under its own limit, even a valid code.
    const { code } = await createInvitation(handle.db, { unitCode: 'OB', role: 'secretary', days: 7, now });
    expect(await redeem(61000, code)).toBe(messages.onboarding.tooManyAttempts(10));
    expect(await redeem(61001, 'YYYY-YYYY-YYYY')).toBe(messages.onboarding.tooManyAttempts(10));
    // Someone new with the right code: in.
    expect(await redeem(62000, code)).toContain('Chào mừng');
    const audit = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log where action = 'invitation.throttled' and details ->> 'scope' = 'everyone'`);
    expect(audit[0]!.n).toBe(2);
  }, SLOW_TEST_TIMEOUT_MS);
});
