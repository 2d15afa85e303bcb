/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { covers } from '../../core/access.js';
import { unitCreateForm, unitEditForm, unitMoveForm } from '../../core/admin/organisation-rules.js';
import { vi } from '../../core/messages/vi.js';
import { createUnit, deactivateUnit, editUnit, moveUnit, reactivateUnit } from '../../services/admin-organisation.js';
import { countActiveBelow, findAdminUnit, findAdminUnitByCode, listGrandchildren, listTreeLevel } from '../../storage/queries/org-unit-admin.js';
import { listAncestors } from '../../storage/queries/org-units.js';
import { searchUnits } from '../../storage/queries/unit-directory.js';
import { MessagePage } from '../layout.js';
import { AdminUnitsPage } from '../pages/admin/units.js';
import type { FailedForm } from '../pages/admin/org-fields.js';
import { BadRequest, forbidden, NotFound, optionalId, type WebEnv, type WebKit } from '../web-kit.js';
import { adminRootCovering, formVersion } from './admin-kit.js';
import { actorOf, idParam, parseForm, runAdminAction } from './org-actions.js';

const t = vi.admin.units;
/** Sub-units listed under the unit in focus, and folded under each of them. */
const CHILDREN = 300;
const GRANDCHILDREN = 30;

/**
 * The admin pages «units», mounted at /quan-tri/don-vi (issue 17): the organisation's tree with
 * its counts, level by level; an admin creates, renames, moves, stops and restarts units of
 * their organisation (404 outside it); a leader reads their subtree without the forms.
 */
export function createUnitsAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { db } = kit;

  const page = async (c: Context<WebEnv>, unitId: number | undefined, extra: { query?: string; done?: string; failed?: FailedForm } = {}, status: 200 | 400 | 409 = 200) => {
    const viewer = c.get('viewer');
    const roots = viewer.roots.filter((r) => r.subtree);
    if (roots.length === 0) return c.html(<MessagePage title={vi.admin.forbiddenTitle} lines={[vi.admin.forbidden]} viewer={viewer} homeLink />, 403);
    const unit = await findAdminUnit(db, unitId ?? roots[0]!.unitId);
    if (!unit || !roots.some((r) => covers(r, unit))) throw new NotFound();
    const canEdit = adminRootCovering(viewer, unit) !== undefined;
    const query = extra.query ?? '';
    const [level, ancestors, activeBelow, results] = await Promise.all([
      listTreeLevel(db, { unit, limit: CHILDREN }),
      listAncestors(db, unit.id),
      canEdit && !unit.dissolvedOn ? countActiveBelow(db, unit) : Promise.resolve(0),
      query !== '' ? Promise.all(roots.map((r) => searchUnits(db, { unitId: r.unitId, subtree: true, query, limit: 50 }))).then((l) => l.flat().slice(0, 50)) : Promise.resolve(null),
    ]);
    const grandchildren = await listGrandchildren(db, { parentIds: level.children.filter((ch) => ch.counts.subUnits > 0).map((ch) => ch.id), perParent: GRANDCHILDREN });
    const crumbs = ancestors
      .filter((a) => a.id !== unit.id && roots.some((r) => covers(r, a)))
      .reverse()
      .map((a) => ({ id: a.id, name: a.name }));
    return c.html(
      <AdminUnitsPage
        viewer={viewer}
        timeZone={kit.timeZone}
        data={{ unit, counts: level.self, crumbs, children: level.children, grandchildren, activeBelow, canEdit, query, results, done: extra.done, failed: extra.failed }}
      />,
      status,
    );
  };

  app.get('/', async (c) => {
    const query = (c.req.query('q') ?? '').trim();
    if (query.length > 100) throw new BadRequest();
    const done = c.req.query('ket-qua');
    return page(c, optionalId(c.req.query('don-vi')), { query, ...(done && t.done[done] ? { done: t.done[done] } : {}) });
  });

  /** One action's route: the form checked (CSRF), parsed, run with its audit entry, then PRG or the page again. */
  const action = (
    run: (c: Context<WebEnv>, form: Record<string, string>) => Promise<{ ok: true; redirectTo: number; done: string } | { ok: false; failed: FailedForm; status: 400 | 409; focus: number | undefined }>,
  ) => async (c: Context<WebEnv>) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const outcome = await run(c, form);
    if (outcome.ok) return c.redirect(`/quan-tri/don-vi?don-vi=${outcome.redirectTo}&ket-qua=${outcome.done}`, 303);
    return page(c, outcome.focus, { failed: outcome.failed }, outcome.status);
  };

  app.post(
    '/them',
    kit.formLimit,
    action(async (c, form) => {
      const viewer = c.get('viewer');
      // On a refusal the page shows the parent typed when it is the admin's, otherwise the organisation.
      const typedParent = await findAdminUnitByCode(db, (form['cap-tren'] ?? '').trim());
      const focus = typedParent && adminRootCovering(viewer, typedParent) ? typedParent.id : viewer.adminRoots[0]?.unitId;
      const parsed = parseForm(unitCreateForm, 'them', form);
      if (!parsed.ok) return { ...parsed, focus };
      const done = await runAdminAction(kit, viewer, 'them', form, (tx) =>
        createUnit(tx, actorOf(viewer), { code: parsed.data.ma, name: parsed.data.ten, kind: parsed.data.loai, parentCode: parsed.data['cap-tren'] }),
      );
      return done.ok ? { ok: true, redirectTo: done.result.entityId, done: 'created' } : { ...done, focus };
    }),
  );

  /** The routes that change one unit: they load it again on a refusal (a leader never gets here: requireAdmin). */
  const unitAction = (run: (c: Context<WebEnv>, unitId: number, values: Record<string, string>) => Promise<{ ok: true; done: string } | { ok: false; failed: FailedForm; status: 400 | 409 }>) =>
    action(async (c, values) => {
      const unitId = idParam(c);
      const outcome = await run(c, unitId, values);
      return outcome.ok ? { ok: true, redirectTo: unitId, done: outcome.done } : { ...outcome, focus: unitId };
    });

  app.post(
    '/:id{[0-9]{1,9}}/sua',
    kit.formLimit,
    unitAction(async (c, unitId, form) => {
      const viewer = c.get('viewer');
      const parsed = parseForm(unitEditForm, 'sua', form);
      if (!parsed.ok) return parsed;
      const done = await runAdminAction(kit, viewer, 'sua', form, (tx) => editUnit(tx, actorOf(viewer), { unitId, version: formVersion(form), name: parsed.data.ten, kind: parsed.data.loai }));
      return done.ok ? { ok: true, done: 'edited' } : conflictShowsFresh(done);
    }),
  );

  app.post(
    '/:id{[0-9]{1,9}}/chuyen',
    kit.formLimit,
    unitAction(async (c, unitId, form) => {
      const viewer = c.get('viewer');
      const parsed = parseForm(unitMoveForm, 'chuyen', form);
      if (!parsed.ok) return parsed;
      const done = await runAdminAction(kit, viewer, 'chuyen', form, (tx) => moveUnit(tx, actorOf(viewer), { unitId, version: formVersion(form), parentCode: parsed.data['cap-tren'] }));
      return done.ok ? { ok: true, done: 'moved' } : conflictShowsFresh(done);
    }),
  );

  app.post(
    '/:id{[0-9]{1,9}}/ngung',
    kit.formLimit,
    unitAction(async (c, unitId, form) => {
      const viewer = c.get('viewer');
      const done = await runAdminAction(kit, viewer, 'ngung', form, (tx) =>
        deactivateUnit(tx, actorOf(viewer), { unitId, version: formVersion(form), withSubtree: form['ca-cay'] === '1', now: kit.now(), timeZone: kit.timeZone }),
      );
      return done.ok ? { ok: true, done: 'deactivated' } : done;
    }),
  );

  app.post(
    '/:id{[0-9]{1,9}}/mo-lai',
    kit.formLimit,
    unitAction(async (c, unitId, form) => {
      const viewer = c.get('viewer');
      const done = await runAdminAction(kit, viewer, 'mo-lai', form, (tx) => reactivateUnit(tx, actorOf(viewer), { unitId, version: formVersion(form) }));
      return done.ok ? { ok: true, done: 'reactivated' } : done;
    }),
  );

  return app;
}

/** A version conflict shows the fresh data (the typed values dropped) with the reason; other refusals keep what was typed. */
function conflictShowsFresh(outcome: { failed: FailedForm; status: 400 | 409 }): { ok: false; failed: FailedForm; status: 400 | 409 } {
  return outcome.status === 409 ? { ok: false, failed: { ...outcome.failed, values: {} }, status: 409 } : { ok: false, ...outcome };
}
