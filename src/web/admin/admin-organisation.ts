import type { Context } from 'hono';
import { findUnitById } from '../../storage/queries/org-units.js';
import { NotFound, optionalId, type WebEnv, type WebKit } from '../web-kit.js';

/**
 * The organisation an admin page is about: `?to-chuc=<id>` among those the viewer administers
 * (the first by default); any other id answers 404, as everything outside the viewer's scope.
 */
export async function adminOrganisation(kit: WebKit, c: Context<WebEnv>): Promise<{ id: number; name: string; code: string; path: string; all: { id: number; name: string }[] }> {
  const viewer = c.get('viewer');
  const wanted = optionalId(c.req.query('to-chuc'));
  const root = wanted === undefined ? viewer.adminRoots[0] : viewer.adminRoots.find((r) => r.unitId === wanted);
  if (!root) throw new NotFound();
  const all = [];
  for (const r of viewer.adminRoots) {
    const unit = await findUnitById(kit.db, r.unitId);
    if (unit) all.push({ id: unit.id, name: unit.name });
  }
  const unit = await findUnitById(kit.db, root.unitId);
  if (!unit) throw new NotFound();
  return { id: unit.id, name: unit.name, code: unit.code, path: unit.path, all };
}

