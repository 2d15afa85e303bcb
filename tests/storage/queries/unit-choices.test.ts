import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/storage/client.js';
import { upsertUnits } from '../../../src/storage/queries/org-units.js';
import { listScopeUnitChoices } from '../../../src/storage/queries/unit-directory.js';
import { createTestDatabase } from '../../helpers/database.js';

/**
 * The Xuất page's unit select: whole levels of a scope from its root down, as many as fit, in
 * tree order (each unit followed by its own, siblings by code).
 */

let handle: DatabaseHandle;
let province = 0;
let communeB = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  province = (await upsertUnits(db, [{ code: 'P', name: 'Tỉnh P', kind: 'tinh', parentId: null }])).get('P')!;
  // Codes inserted out of order, so the order shown is the code's, not the insertion's.
  const communes = await upsertUnits(db, [
    { code: 'P.B', name: 'Xã B', kind: 'xa', parentId: province },
    { code: 'P.A', name: 'Xã A', kind: 'xa', parentId: province },
  ]);
  communeB = communes.get('P.B')!;
  await upsertUnits(db, [
    { code: 'P.B.2', name: 'Chi bộ B2', kind: 'chi_bo', parentId: communeB },
    { code: 'P.A.1', name: 'Chi bộ A1', kind: 'chi_bo', parentId: communes.get('P.A')! },
    { code: 'P.B.1', name: 'Chi bộ B1', kind: 'chi_bo', parentId: communeB },
  ]);
});
afterAll(async () => {
  await handle.close();
});

const shown = async (unitId: number, subtree: boolean, limit: number) =>
  (await listScopeUnitChoices(handle.db, { unitId, subtree, limit })).map((u) => `${'-'.repeat(u.level)}${u.code}`);

describe('listScopeUnitChoices', () => {
  it('lists every level that fits, in tree order', async () => {
    expect(await shown(province, true, 300)).toEqual(['P', '-P.A', '--P.A.1', '-P.B', '--P.B.1', '--P.B.2']);
  });

  it('leaves out a level that does not fit whole rather than half of it', async () => {
    expect(await shown(province, true, 5)).toEqual(['P', '-P.A', '-P.B']);
    expect(await shown(province, true, 2)).toEqual(['P']);
  });

  it('gives a unit alone for a scope without its subtree (a secretary), and nothing for an unknown unit', async () => {
    expect(await shown(communeB, false, 300)).toEqual(['P.B']);
    expect(await shown(999_999, true, 300)).toEqual([]);
  });
});
