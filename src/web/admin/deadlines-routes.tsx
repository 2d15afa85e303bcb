/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { NotFoundError } from '../../core/errors.js';
import { vi } from '../../core/messages/vi.js';
import { deadlineProblemField, type DeadlineRequest } from '../../core/review-deadline.js';
import { addDeadline, cancelDeadline, DeadlineChangedError, DeadlineRefusedError, editDeadline, findDeadlineIn, listDeadlines } from '../../services/deadlines.js';
import type { ReviewDeadlineRow } from '../../storage/types.js';
import { DEADLINE_FIELDS, DeadlineCancelPage, DeadlineEditPage, DeadlinesPage, type DeadlineFormValues } from '../pages/admin/deadlines.js';
import { forbidden, NotFound, type WebEnv, type WebKit } from '../web-kit.js';
import { formVersion, requireAdmin, type FieldErrors } from './admin-kit.js';
import { adminOrganisation } from './admin-organisation.js';

const t = vi.admin.calendar.deadlines;
const f = DEADLINE_FIELDS;

/** The form as the service reads it (the same request the command line builds). */
function requestOf(form: DeadlineFormValues): DeadlineRequest {
  const title = (form[f.title] ?? '').trim();
  return {
    kind: form[f.kind] ?? '',
    due: form[f.due] ?? '',
    from: form[f.from] ?? '',
    to: form[f.to] ?? '',
    ...(title !== '' ? { title } : {}),
    noticeDays: form[f.noticeDays] ?? '',
  };
}

/** A refusal of the service next to the field it is about. */
function refusalErrors(error: DeadlineRefusedError, request: DeadlineRequest): FieldErrors {
  return { [f[deadlineProblemField(error.problem, request)]]: t.problems[error.problem] ?? error.problem };
}

/** A stored deadline as the edit form shows it. */
function valuesOf(d: ReviewDeadlineRow, timeZone: string): DeadlineFormValues {
  const due = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d.dueAt);
  return {
    [f.kind]: t.kindOf[d.kind] ?? '',
    [f.title]: d.title,
    [f.due]: due,
    [f.from]: d.coversFrom.slice(0, 7),
    [f.to]: d.coversTo.slice(0, 7),
    [f.noticeDays]: d.noticeDaysBefore?.join(', ') ?? '',
  };
}

const id = (c: Context<WebEnv>) => {
  const text = c.req.param('id') ?? '';
  if (!/^[0-9]{1,9}$/.test(text)) throw new NotFound();
  return Number(text);
};

/** The review deadlines (sơ kết, tổng kết, chuyên đề) of an organisation, at /quan-tri/lich/han: the same service and checks as `deadline add|cancel` on the command line. */
export function createDeadlineAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const admin = requireAdmin(kit);
  const actorOf = (c: Context<WebEnv>) => ({ actorKind: 'person' as const, actorPersonId: c.get('viewer').personId });
  const found = async <T,>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFound();
      throw error;
    }
  };

  const list = async (c: Context<WebEnv>, extra: { values?: DeadlineFormValues; errors?: FieldErrors; notice?: string }, status: 200 | 400 = 200) => {
    const org = await adminOrganisation(kit, c);
    const { deadlines, noticeDays } = await listDeadlines(kit.db, { orgCode: org.code });
    return c.html(
      <DeadlinesPage
        viewer={c.get('viewer')}
        timeZone={kit.timeZone}
        now={kit.now()}
        organisation={{ id: org.id, name: org.name }}
        deadlines={deadlines}
        orgNoticeDays={noticeDays}
        values={extra.values ?? { [f.kind]: 'so-ket' }}
        errors={extra.errors ?? {}}
        notice={extra.notice}
      />,
      status,
    );
  };

  app.get('/', admin, async (c) => {
    const flag = c.req.query('ket-qua');
    const notice = flag === 'da-them' ? t.added(c.req.query('ten') ?? '') : flag === 'da-sua' ? t.edited(c.req.query('ten') ?? '') : flag === 'da-huy' ? t.cancelled : undefined;
    return list(c, { notice });
  });

  app.post('/', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const org = await adminOrganisation(kit, c);
    const request = requestOf(form);
    try {
      const added = await kit.db.transaction((tx) => addDeadline(tx, { orgCode: org.code, request, now: kit.now(), timeZone: kit.timeZone, actor: actorOf(c) }));
      return c.redirect(`/quan-tri/lich/han?to-chuc=${org.id}&ket-qua=da-them&ten=${encodeURIComponent(added.title)}`, 303);
    } catch (error) {
      if (error instanceof DeadlineRefusedError) return list(c, { values: form, errors: refusalErrors(error, request) }, 400);
      throw error;
    }
  });

  const editPage = async (c: Context<WebEnv>, deadline: ReviewDeadlineRow, extra: { values?: DeadlineFormValues; errors?: FieldErrors; formError?: string }, status: 200 | 400 | 409 = 200) => {
    const org = await adminOrganisation(kit, c);
    const { noticeDays } = await listDeadlines(kit.db, { orgCode: org.code });
    const values = extra.values ?? valuesOf(deadline, kit.timeZone);
    const errors = extra.errors ?? (deadline.dueAt.getTime() <= kit.now().getTime() ? { [f.due]: t.pastNotEditable } : {});
    return c.html(
      <DeadlineEditPage viewer={c.get('viewer')} organisation={{ id: org.id }} deadline={deadline} values={values} errors={errors} version={deadline.updatedAt.toISOString()} orgNoticeDays={noticeDays} formError={extra.formError} />,
      status,
    );
  };

  app.get('/:id/sua', admin, async (c) => {
    const org = await adminOrganisation(kit, c);
    const deadline = await found(findDeadlineIn(kit.db, { id: id(c), organisationPath: org.path }));
    return editPage(c, deadline, {});
  });

  app.post('/:id/sua', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const org = await adminOrganisation(kit, c);
    const deadlineId = id(c);
    const current = await found(findDeadlineIn(kit.db, { id: deadlineId, organisationPath: org.path }));
    const version = formVersion(form);
    const request = requestOf(form);
    if (!version) return editPage(c, current, { formError: vi.admin.versionConflict }, 409);
    try {
      const saved = await kit.db.transaction((tx) =>
        editDeadline(tx, { orgCode: org.code, id: deadlineId, version, request, now: kit.now(), timeZone: kit.timeZone, actor: actorOf(c) }),
      );
      return c.redirect(`/quan-tri/lich/han?to-chuc=${org.id}&ket-qua=da-sua&ten=${encodeURIComponent(saved.title)}`, 303);
    } catch (error) {
      if (error instanceof DeadlineRefusedError) return editPage(c, current, { values: form, errors: refusalErrors(error, request) }, 400);
      if (error instanceof DeadlineChangedError) {
        const fresh = await found(findDeadlineIn(kit.db, { id: deadlineId, organisationPath: org.path }));
        return editPage(c, fresh, { formError: vi.admin.versionConflict }, 409);
      }
      if (error instanceof NotFoundError) throw new NotFound();
      throw error;
    }
  });

  app.get('/:id/huy', admin, async (c) => {
    const org = await adminOrganisation(kit, c);
    const deadline = await found(findDeadlineIn(kit.db, { id: id(c), organisationPath: org.path }));
    return c.html(<DeadlineCancelPage viewer={c.get('viewer')} organisation={{ id: org.id }} deadline={deadline} timeZone={kit.timeZone} />);
  });

  app.post('/:id/huy', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const org = await adminOrganisation(kit, c);
    const deadlineId = id(c);
    await found(kit.db.transaction((tx) => cancelDeadline(tx, { id: deadlineId, now: kit.now(), actor: actorOf(c), organisationPath: org.path })));
    return c.redirect(`/quan-tri/lich/han?to-chuc=${org.id}&ket-qua=da-huy`, 303);
  });
  return app;
}
