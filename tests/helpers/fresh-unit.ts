import { upsertModel } from '../../src/storage/queries/models.js';
import { findUnitIdsByCodes, upsertUnits } from '../../src/storage/queries/org-units.js';
import type { Database } from '../../src/storage/client.js';

/**
 * A chi bộ of its own under Kon Tum (demo data) with one active mô hình, so a test's secretary
 * has a unit with nothing in the demo history in the way. Returns its code.
 */
export async function createFreshUnit(db: Database, code: string): Promise<string> {
  const parents = await findUnitIdsByCodes(db, ['KT']);
  const ids = await upsertUnits(db, [{ code, name: `Chi bộ thử ${code}`, kind: 'chi_bo', parentId: parents.get('KT')! }]);
  await upsertModel(db, { unitId: ids.get(code)!, title: 'Nuôi ong lấy mật', field: 'kinh_te', startedOn: '2024-01-01', status: 'active', description: null });
  return code;
}
