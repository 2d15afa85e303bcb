/** @jsxImportSource hono/jsx */
import type { Context, Hono } from 'hono';
import { AdminHomePage } from '../pages/admin/home.js';
import type { WebEnv, WebKit } from '../web-kit.js';
import { requireAdmin } from './admin-kit.js';
import { createAuditAdminRoutes } from './audit-routes.js';
import { createCalendarAdminRoutes } from './calendar-routes.js';
import { createImportAdminRoutes } from './import-routes.js';
import { createInvitationsAdminRoutes } from './invitations-routes.js';
import { createModelsAdminRoutes } from './models-routes.js';
import { createPeopleAdminRoutes } from './people-routes.js';
import { createQuestionsAdminRoutes } from './questions-routes.js';
import { createUnitsAdminRoutes } from './units-routes.js';

/** Where each admin area lives; the home page and the nav link to these. */
export const ADMIN_PATHS = {
  units: '/quan-tri/don-vi',
  people: '/quan-tri/can-bo',
  invitations: '/quan-tri/loi-moi',
  models: '/quan-tri/mo-hinh',
  import: '/quan-tri/nhap-tep',
  calendar: '/quan-tri/lich',
  deadlines: '/quan-tri/lich/han',
  questions: '/quan-tri/cau-hoi',
  audit: '/quan-tri/nhat-ky',
} as const;

/**
 * The admin half of the console (issue 17) on the console's app: everything under /quan-tri
 * needs a session and every form there is an admin's (requireAdmin, here once); each area decides
 * which of its pages a leader may read (the unit tree) with requireAdmin on the others. Areas are separate modules so each stays small.
 */
export function mountAdmin(app: Hono<WebEnv>, kit: WebKit): void {
  // Every form under /quan-tri is an admin's: anyone else posting one gets 403 and an audit entry.
  const admin = requireAdmin(kit);
  const formsAreAdmins = async (c: Context<WebEnv>, next: () => Promise<void>) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : admin(c, next));
  for (const path of ['/quan-tri', '/quan-tri/*']) app.use(path, kit.signedIn, formsAreAdmins);
  app.get('/quan-tri', admin, async (c) => c.html(<AdminHomePage viewer={c.get('viewer')} paths={ADMIN_PATHS} />));
  app.route(ADMIN_PATHS.units, createUnitsAdminRoutes(kit));
  app.route(ADMIN_PATHS.people, createPeopleAdminRoutes(kit));
  app.route(ADMIN_PATHS.invitations, createInvitationsAdminRoutes(kit));
  app.route(ADMIN_PATHS.models, createModelsAdminRoutes(kit));
  app.route(ADMIN_PATHS.import, createImportAdminRoutes(kit));
  app.route(ADMIN_PATHS.calendar, createCalendarAdminRoutes(kit));
  app.route(ADMIN_PATHS.questions, createQuestionsAdminRoutes(kit));
  app.route(ADMIN_PATHS.audit, createAuditAdminRoutes(kit));
}
