/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { personCreateForm, personEditForm, roleGrantForm, roleTransferForm } from '../../core/admin/organisation-rules.js';
import { vi } from '../../core/messages/vi.js';
import { addPerson, adminPerson, editPerson, endRoleFromConsole, giveRoleTo, transferRole } from '../../services/admin-organisation.js';
import { NotFoundError } from '../../core/errors.js';
import { FormRefused } from '../../core/admin/form-refusal.js';
import { findRole, listOrgPeople, listPeopleToPick } from '../../storage/queries/people-admin.js';
import { AdminPeoplePage, AdminPersonPage, type TransferOffer } from '../pages/admin/people.js';
import type { FailedForm } from '../pages/admin/org-fields.js';
import { BadRequest, forbidden, NotFound, type WebEnv, type WebKit } from '../web-kit.js';
import { formVersion, requireAdmin } from './admin-kit.js';
import { actorOf, idParam, parseForm, runAdminAction } from './org-actions.js';

const t = vi.admin.people;
const PATH = '/quan-tri/can-bo';
const LIST_LIMIT = 200;
const PICKS = 500;

/**
 * The admin pages «people», mounted at /quan-tri/can-bo (issue 17): the organisation's people
 * with their roles and channels; add a person with a role, edit name and phone (versioned), give
 * a role, end one (at once, everywhere: roles.endHeldRole) or transfer it. A second secretary is
 * refused with the offer to transfer instead. Admins only; a person outside the organisation is 404.
 */
export function createPeopleAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { db } = kit;
  app.use('*', requireAdmin(kit));

  const orgPath = (c: Context<WebEnv>) => c.get('viewer').adminRoots[0]!.path;
  const picksFor = (c: Context<WebEnv>) => listPeopleToPick(db, { orgPath: orgPath(c), limit: PICKS });

  const offerFor = async (ask: { roleId: number; fullName: string } | undefined, values: Record<string, string>): Promise<{ offer: TransferOffer; question: string } | undefined> => {
    if (!ask) return undefined;
    const role = await findRole(db, ask.roleId);
    if (!role) return undefined;
    return { offer: { roleId: role.roleId, fromName: role.fullName, unitName: role.unitName, role: vi.roles[role.role], values }, question: t.askTransfer(role.unitName, role.fullName) };
  };

  const listPage = async (c: Context<WebEnv>, extra: { done?: string; failed?: FailedForm; ask?: { roleId: number; fullName: string } } = {}, status: 200 | 400 | 409 = 200) => {
    const viewer = c.get('viewer');
    const query = (c.req.query('q') ?? '').trim();
    if (query.length > 100) throw new BadRequest();
    const withEnded = c.req.query('tat-ca') === '1';
    const lists = await Promise.all(viewer.adminRoots.map((r) => listOrgPeople(db, { orgPath: r.path, query, withEnded, limit: LIST_LIMIT })));
    const offer = await offerFor(extra.ask, { 'ho-ten-moi': extra.failed?.values['ho-ten'] ?? '', 'dien-thoai-moi': extra.failed?.values['dien-thoai'] ?? '' });
    return c.html(
      <AdminPeoplePage
        viewer={viewer}
        people={lists.flat().slice(0, LIST_LIMIT)}
        limit={LIST_LIMIT}
        query={query}
        withEnded={withEnded}
        done={extra.done}
        failed={extra.failed}
        transfer={offer ? { ...offer, picks: await picksFor(c) } : undefined}
      />,
      status,
    );
  };

  const personPage = async (c: Context<WebEnv>, personId: number, extra: { done?: string; failed?: FailedForm; ask?: { roleId: number; fullName: string } } = {}, status: 200 | 400 | 409 = 200) => {
    const viewer = c.get('viewer');
    const person = await adminPerson(db, actorOf(viewer), personId).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new NotFound();
      throw error;
    });
    const transfer = await offerFor(extra.ask, { 'nguoi-nhan': String(personId) });
    return c.html(
      <AdminPersonPage viewer={viewer} person={person} picks={await picksFor(c)} timeZone={kit.timeZone} done={extra.done} failed={extra.failed} transfer={transfer} />,
      status,
    );
  };

  const doneText = (c: Context<WebEnv>) => {
    const key = c.req.query('ket-qua');
    return key && t.done[key] ? t.done[key] : undefined;
  };

  app.get('/', async (c) => listPage(c, { ...(doneText(c) ? { done: doneText(c)! } : {}) }));
  app.get('/:id{[0-9]{1,9}}', async (c) => personPage(c, idParam(c), { ...(doneText(c) ? { done: doneText(c)! } : {}) }));

  app.post('/them', kit.formLimit, async (c) => {
    const viewer = c.get('viewer');
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const parsed = parseForm(personCreateForm, 'them', form);
    if (!parsed.ok) return listPage(c, { failed: parsed.failed }, 400);
    const d = parsed.data;
    const done = await runAdminAction(kit, viewer, 'them', form, (tx) =>
      addPerson(tx, actorOf(viewer), { fullName: d['ho-ten'], phone: d['dien-thoai'], unitCode: d['don-vi'], role: d['vai-tro'], title: d['chuc-vu'] }),
    );
    if (!done.ok) return listPage(c, { failed: done.failed, ...(done.askTransfer ? { ask: done.askTransfer } : {}) }, done.status);
    return c.redirect(`${PATH}/${done.result.entityId}?ket-qua=added`, 303);
  });

  app.post('/:id{[0-9]{1,9}}/sua', kit.formLimit, async (c) => {
    const viewer = c.get('viewer');
    const personId = idParam(c);
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const parsed = parseForm(personEditForm, 'sua', form);
    if (!parsed.ok) return personPage(c, personId, { failed: parsed.failed }, 400);
    const done = await runAdminAction(kit, viewer, 'sua', form, (tx) =>
      editPerson(tx, actorOf(viewer), { personId, version: formVersion(form), fullName: parsed.data['ho-ten'], phone: parsed.data['dien-thoai'] }),
    );
    if (!done.ok) return personPage(c, personId, { failed: done.status === 409 ? { ...done.failed, values: {} } : done.failed }, done.status);
    return c.redirect(`${PATH}/${personId}?ket-qua=edited`, 303);
  });

  app.post('/:id{[0-9]{1,9}}/vai-tro', kit.formLimit, async (c) => {
    const viewer = c.get('viewer');
    const personId = idParam(c);
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const parsed = parseForm(roleGrantForm, 'giao', form);
    if (!parsed.ok) return personPage(c, personId, { failed: parsed.failed }, 400);
    const done = await runAdminAction(kit, viewer, 'giao', form, (tx) =>
      giveRoleTo(tx, actorOf(viewer), { personId, unitCode: parsed.data['don-vi'], role: parsed.data['vai-tro'], title: parsed.data['chuc-vu'] }),
    );
    if (!done.ok) return personPage(c, personId, { failed: done.failed, ...(done.askTransfer ? { ask: done.askTransfer } : {}) }, done.status);
    return c.redirect(`${PATH}/${personId}?ket-qua=given`, 303);
  });

  app.post('/vai-tro/:id{[0-9]{1,9}}/thoi', kit.formLimit, async (c) => {
    const viewer = c.get('viewer');
    const roleId = idParam(c);
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    try {
      // roles.endHeldRole writes the audit entry (role.end, with the unit), as from the command line.
      const ended = await db.transaction((tx) => endRoleFromConsole(tx, actorOf(viewer), { roleId, now: kit.now() }));
      return c.redirect(`${PATH}/${ended.personId}?ket-qua=ended`, 303);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFound();
      if (error instanceof FormRefused) {
        const role = await findRole(db, roleId);
        if (!role) throw new NotFound();
        return personPage(c, role.personId, { failed: { form: 'thoi', values: {}, errors: error.fields } }, 400);
      }
      throw error;
    }
  });

  app.post('/vai-tro/:id{[0-9]{1,9}}/chuyen', kit.formLimit, async (c) => {
    const viewer = c.get('viewer');
    const roleId = idParam(c);
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const role = await findRole(db, roleId);
    if (!role || !viewer.adminRoots.some((r) => role.unitPath.startsWith(r.path))) throw new NotFound();
    const key = `chuyen-${roleId}`;
    const parsed = parseForm(roleTransferForm, key, form);
    if (!parsed.ok) return personPage(c, role.personId, { failed: parsed.failed }, 400);
    const d = parsed.data;
    const done = await runAdminAction(kit, viewer, key, form, (tx) =>
      transferRole(tx, actorOf(viewer), { roleId, toPersonId: d['nguoi-nhan'] === '' ? null : Number(d['nguoi-nhan']), newName: d['ho-ten-moi'], newPhone: d['dien-thoai-moi'], now: kit.now() }),
    );
    if (!done.ok) {
      const failed = done.failed.errors._form ? { ...done.failed, form: 'thoi' } : done.failed;
      return personPage(c, role.personId, { failed }, done.status);
    }
    return c.redirect(`${PATH}/${done.result.entityId}?ket-qua=transferred`, 303);
  });

  return app;
}
