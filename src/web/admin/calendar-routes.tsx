/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { calendarFormValues, calendarPreview } from '../../core/calendar-form.js';
import { vi } from '../../core/messages/vi.js';
import { loadCalendar, previewCalendar, previewMonth, saveCalendar } from '../../services/calendar.js';
import { CalendarPage, type CalendarPageProps } from '../pages/admin/calendar.js';
import { forbidden, type WebEnv, type WebKit } from '../web-kit.js';
import { adminOrganisation } from './admin-organisation.js';
import { auditAdminChange, formVersion, requireAdmin } from './admin-kit.js';
import { createDeadlineAdminRoutes } from './deadlines-routes.js';

const t = vi.admin.calendar;

/** The admin pages «calendar», mounted at /quan-tri/lich (issue 17): the organisation's schedule rules, and its review deadlines at /han. */
export function createCalendarAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const admin = requireAdmin(kit);
  app.route('/han', createDeadlineAdminRoutes(kit));

  const render = async (c: Context<WebEnv>, org: Awaited<ReturnType<typeof adminOrganisation>>, extra: Partial<CalendarPageProps>, status: 200 | 400 | 409 = 200) => {
    const view = await loadCalendar(kit.db, org.id);
    const month = previewMonth(kit.now(), kit.timeZone);
    const props: CalendarPageProps = {
      viewer: c.get('viewer'),
      timeZone: kit.timeZone,
      organisation: { id: org.id, name: org.name },
      organisations: org.all,
      values: calendarFormValues(view.rules),
      version: view.version?.toISOString() ?? '',
      errors: {},
      preview: { month, lines: calendarPreview(month, view.rules, kit.timeZone), typed: false },
      ...extra,
    };
    return c.html(<CalendarPage {...props} />, status);
  };

  app.get('/', admin, async (c) => {
    const org = await adminOrganisation(kit, c);
    return render(c, org, { notice: c.req.query('ket-qua') === 'da-luu' ? t.saved : undefined });
  });

  app.post('/', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const org = await adminOrganisation(kit, c);
    const versionText = form['phien-ban'] ?? '';
    const version = versionText === '' ? null : formVersion(form);
    if (form['hanh-dong'] === 'xem-truoc') {
      const preview = previewCalendar(form, { now: kit.now(), timeZone: kit.timeZone });
      if ('problems' in preview) return render(c, org, { values: form, version: versionText, errors: preview.problems, preview: undefined }, 400);
      return render(c, org, { values: form, version: versionText, preview: { month: preview.month, lines: preview.lines, typed: true } });
    }
    if (versionText !== '' && version === null) return render(c, org, { formError: vi.admin.versionConflict }, 409);
    const viewer = c.get('viewer');
    const at = kit.now();
    const saved = await kit.db.transaction(async (tx) => {
      const result = await saveCalendar(tx, { scopeUnitId: org.id, form, version, at });
      if ('before' in result) {
        await auditAdminChange(tx, { viewer, action: 'calendar.update', entityType: 'schedule', entityId: org.id, unitId: org.id, before: result.before, after: result.after, at });
      }
      return result;
    });
    if ('problems' in saved) return render(c, org, { values: form, version: versionText, errors: saved.problems, preview: undefined }, 400);
    if ('conflict' in saved) return render(c, org, { formError: vi.admin.versionConflict }, 409);
    return c.redirect(`/quan-tri/lich?to-chuc=${org.id}&ket-qua=da-luu`, 303);
  });
  return app;
}
