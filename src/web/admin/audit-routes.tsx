/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { covers } from '../../core/access.js';
import { UNIT_CODE_PATTERN } from '../../core/import/parse-import.js';
import { vi } from '../../core/messages/vi.js';
import { listOrgAudit } from '../../storage/queries/audit-view.js';
import { findAdminUnitByCode } from '../../storage/queries/org-unit-admin.js';
import { AdminAuditPage } from '../pages/admin/audit.js';
import { BadRequest, optionalId, type WebEnv, type WebKit } from '../web-kit.js';
import { requireAdmin } from './admin-kit.js';

const PAGE = 50;

/**
 * The admin page «audit», mounted at /quan-tri/nhat-ky (issue 17): who did what and when in the
 * admin's organisation, newest first, by keyset pages (?truoc=<id>), filtered by person, unit
 * and action. Admins only.
 */
export function createAuditAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.use('*', requireAdmin(kit));
  app.get('/', async (c) => {
    const viewer = c.get('viewer');
    const personId = optionalId(c.req.query('nguoi'));
    const beforeId = optionalId(c.req.query('truoc'));
    const unitCode = (c.req.query('don-vi') ?? '').trim();
    const action = c.req.query('viec') ?? '';
    if ((unitCode !== '' && !UNIT_CODE_PATTERN.test(unitCode)) || (action !== '' && !/^[a-z_.]{1,60}$/.test(action))) throw new BadRequest();
    const root = viewer.adminRoots[0]!;
    let unitError: string | undefined;
    let unit: { id: number; code: string } | undefined;
    if (unitCode !== '') {
      const found = await findAdminUnitByCode(kit.db, unitCode);
      if (found && covers(root, found)) unit = { id: found.id, code: found.code };
      else unitError = vi.admin.audit.unknownUnit(unitCode);
    }
    const { entries, nextBeforeId } = unitError
      ? { entries: [], nextBeforeId: null }
      : await listOrgAudit(kit.db, { orgPath: root.path, ...(personId !== undefined ? { personId } : {}), ...(unit ? { unit } : {}), ...(action ? { action } : {}), ...(beforeId !== undefined ? { beforeId } : {}), limit: PAGE });
    const query = (extra: Record<string, string>) => {
      const params = new URLSearchParams({ ...(personId !== undefined ? { nguoi: String(personId) } : {}), ...(unitCode ? { 'don-vi': unitCode } : {}), ...(action ? { viec: action } : {}), ...extra });
      const text = params.toString();
      return `/quan-tri/nhat-ky${text ? `?${text}` : ''}`;
    };
    return c.html(
      <AdminAuditPage
        viewer={viewer}
        entries={entries}
        filters={{ person: personId !== undefined ? String(personId) : '', unit: unitCode, action }}
        unitError={unitError}
        olderHref={nextBeforeId !== null ? query({ truoc: String(nextBeforeId) }) : null}
        newestHref={beforeId !== undefined ? query({}) : null}
        timeZone={kit.timeZone}
      />,
      unitError ? 400 : 200,
    );
  });
  return app;
}
