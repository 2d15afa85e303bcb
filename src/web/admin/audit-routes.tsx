/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { covers } from '../../core/access.js';
import { UNIT_CODE_PATTERN } from '../../core/import/parse-import.js';
import { vi } from '../../core/messages/vi.js';
import { listOrgAudit } from '../../storage/queries/audit-view.js';
import { findAdminUnitByCode } from '../../storage/queries/org-unit-admin.js';
import { findOrgPerson, listOrgPeople } from '../../storage/queries/people-admin.js';
import { AdminAuditPage } from '../pages/admin/audit.js';
import { BadRequest, optionalId, type WebEnv, type WebKit } from '../web-kit.js';
import { requireAdmin } from './admin-kit.js';

const PAGE = 50;

/**
 * The admin page «audit», mounted at /quan-tri/nhat-ky (issue 17): who did what and when in the
 * admin's organisation, newest first, by keyset pages (?truoc=<id>), filtered by person, unit
 * and action. Admins only. The person is typed as a name or a phone (several matches are offered
 * to pick from); a link from an entry carries the person's id.
 */
export function createAuditAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.use('*', requireAdmin(kit));
  app.get('/', async (c) => {
    const viewer = c.get('viewer');
    const personQuery = (c.req.query('nguoi') ?? '').trim();
    if (personQuery.length > 100) throw new BadRequest();
    const beforeId = optionalId(c.req.query('truoc'));
    const unitCode = (c.req.query('don-vi') ?? '').trim();
    const action = c.req.query('viec') ?? '';
    if ((unitCode !== '' && !UNIT_CODE_PATTERN.test(unitCode)) || (action !== '' && !/^[a-z_.]{1,60}$/.test(action))) throw new BadRequest();
    const root = viewer.adminRoots[0]!;
    // A person: by the id a link carries, or by a typed name or phone (one match filters, several are offered).
    let personId = /^\d{1,9}$/.test(personQuery) ? optionalId(personQuery) : undefined;
    let personError: string | undefined;
    let personChoices: { id: number; fullName: string; units: string }[] = [];
    let personShown = personQuery;
    if (personId !== undefined) {
      const person = await findOrgPerson(kit.db, { orgPath: root.path, personId });
      if (person) personShown = person.fullName;
    } else if (personQuery !== '') {
      const found = await listOrgPeople(kit.db, { orgPath: root.path, query: personQuery, withEnded: true, limit: 11 });
      if (found.length === 1) {
        personId = found[0]!.id;
        personShown = found[0]!.fullName;
      }
      else if (found.length === 0) personError = vi.admin.audit.unknownPerson(personQuery);
      else personChoices = found.slice(0, 10).map((p) => ({ id: p.id, fullName: p.fullName, units: [...new Set(p.roles.map((r) => r.unitName))].join(', ') }));
    }
    let unitError: string | undefined;
    let unit: { id: number; code: string } | undefined;
    if (unitCode !== '') {
      const found = await findAdminUnitByCode(kit.db, unitCode);
      if (found && covers(root, found)) unit = { id: found.id, code: found.code };
      else unitError = vi.admin.audit.unknownUnit(unitCode);
    }
    const { entries, nextBeforeId } = unitError || personError || personChoices.length > 0
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
        filters={{ person: personShown, unit: unitCode, action }}
        unitError={unitError}
        personError={personError}
        personChoices={personChoices.map((p) => ({ ...p, href: query({ nguoi: String(p.id) }) }))}
        olderHref={nextBeforeId !== null ? query({ truoc: String(nextBeforeId) }) : null}
        newestHref={beforeId !== undefined ? query({}) : null}
        timeZone={kit.timeZone}
      />,
      unitError || personError ? 400 : 200,
    );
  });
  return app;
}
