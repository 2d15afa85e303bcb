import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/core/errors.js';
import { normalizeInvitationCode } from '../../src/core/invitation-code.js';
import { createInvitation, hashInvitationCode, telegramDeepLink, UnsuitableUnitError } from '../../src/services/invite.js';
import type { DatabaseHandle } from '../../src/storage/client.js';
import { upsertModel } from '../../src/storage/queries/models.js';
import { upsertUnits } from '../../src/storage/queries/org-units.js';
import * as t from '../../src/storage/schema/index.js';
import { createTestDatabase } from '../helpers/database.js';

let handle: DatabaseHandle;
beforeEach(async () => {
  handle = await createTestDatabase();
  const ids = await upsertUnits(handle.db, [{ code: 'KT.KONRAY.HKL', name: 'Chi bộ Hạt Kiểm lâm', kind: 'chi_bo', parentId: null }]);
  await upsertModel(handle.db, { unitId: ids.get('KT.KONRAY.HKL')!, title: 'Nuôi ong lấy mật', field: 'kinh_te', startedOn: '2024-01-01', status: 'active', description: null });
});
afterEach(async () => {
  await handle.close();
});

const now = new Date('2026-11-21T03:00:00Z');

describe('invitations', () => {
  it('stores only the hash of a fresh single-use code that expires after the given days', async () => {
    const invitation = await createInvitation(handle.db, { unitCode: 'KT.KONRAY.HKL', role: 'secretary', days: 14, now });
    expect(normalizeInvitationCode(invitation.code)).toBe(invitation.code);
    const rows = await handle.db.select().from(t.invitations);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ codeHash: hashInvitationCode(invitation.code), role: 'secretary', usedAt: null });
    expect(JSON.stringify(rows)).not.toContain(invitation.code);
    expect(rows[0]?.expiresAt.toISOString()).toBe('2026-12-05T03:00:00.000Z');
    const audit = await handle.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'invitation.create'));
    expect(audit).toHaveLength(1);
  });

  it('gives a different code every time', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      codes.add((await createInvitation(handle.db, { unitCode: 'KT.KONRAY.HKL', role: 'leader', days: 7, now })).code);
    }
    expect(codes.size).toBe(20);
  });

  it('refuses a unit code that does not exist', async () => {
    await expect(createInvitation(handle.db, { unitCode: 'NOPE', role: 'secretary', days: 14, now })).rejects.toBeInstanceOf(NotFoundError);
    expect(await handle.db.select().from(t.invitations)).toHaveLength(0);
  });

  it('makes a Telegram deep link whose payload is the bare code', () => {
    expect(telegramDeepLink('chibo_bot', 'ABCDEFGHJKMN')).toBe('https://t.me/chibo_bot?start=ABCDEFGHJKMN');
  });

  it('refuses to invite a secretary or deputy to a committee above the chi bộ or a unit with no active mô hình, unless forced', async () => {
    await upsertUnits(handle.db, [
      { code: 'KT', name: 'Tỉnh ủy Kon Tum', kind: 'tinh', parentId: null },
      { code: 'KT.EMPTY', name: 'Chi bộ Chưa có mô hình', kind: 'chi_bo', parentId: null },
    ]);
    for (const role of ['secretary', 'deputy'] as const) {
      await expect(createInvitation(handle.db, { unitCode: 'KT', role, days: 14, now })).rejects.toThrow(UnsuitableUnitError);
      await expect(createInvitation(handle.db, { unitCode: 'KT.EMPTY', role, days: 14, now })).rejects.toThrow(/chưa có mô hình nào/);
    }
    await expect(createInvitation(handle.db, { unitCode: 'KT', role: 'secretary', days: 14, now })).rejects.toThrow(/cấp ủy cấp trên/);
    expect(await handle.db.select().from(t.invitations)).toHaveLength(0);
    // A leader leads a committee; an operator who is sure can force it.
    await createInvitation(handle.db, { unitCode: 'KT', role: 'leader', days: 14, now });
    await createInvitation(handle.db, { unitCode: 'KT.EMPTY', role: 'secretary', days: 14, now, force: true });
    expect(await handle.db.select().from(t.invitations)).toHaveLength(2);
  });
});
