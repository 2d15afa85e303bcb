/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { vi } from '../../core/messages/vi.js';
import { modelFormSchema, modelStatusSchema } from '../../core/models/model-rules.js';
import { UNIT_CODE_PATTERN } from '../../core/import/parse-import.js';
import { changeModelStatus, editModel, findModelForAdmin, registerModel, type ModelActionOutcome } from '../../services/admin-models.js';
import { listAdminModels } from '../../storage/queries/models.js';
import { AdminModelPage, AdminModelsPage, type FormState } from '../pages/admin/models.js';
import { proposalsFor } from '../model-proposal-routes.js';
import { ProposalsSection } from '../pages/model-proposals.js';
import { BadRequest, forbidden, NotFound, type WebEnv, type WebKit } from '../web-kit.js';
import { auditAdminChange, fieldErrorsOf, formVersion, requireAdmin } from './admin-kit.js';

const w = vi.admin.models;
const BASE = '/quan-tri/mo-hinh';
const LIST_LIMIT = 100;
const FORM_FIELDS = ['unitCode', 'title', 'field', 'startMonth', 'description', 'replicatedFromId', 'replicationTarget'] as const;
const STATUS_FIELDS = ['action', 'reason', 'month'] as const;

const pick = (form: Record<string, string>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, form[k] ?? '']));

/**
 * The admin pages «models», mounted at /quan-tri/mo-hinh (issue 17): the organisation's models
 * and the registration form; one model's edit and status forms (pause, complete, stop, resume,
 * with the reason and the month). One transaction and one audit entry per action; a stale
 * version is refused with 409 and the fresh data.
 */
export function createModelsAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const admin = requireAdmin(kit);
  const paths = (c: Context<WebEnv>) => c.get('viewer').adminRoots.map((r) => r.path);

  const listPage = async (c: Context<WebEnv>, extra: { form?: FormState; ok?: string; error?: string }, status: 200 | 400 = 200) => {
    const unitCode = (c.req.query('don-vi') ?? '').trim();
    if (unitCode !== '' && !UNIT_CODE_PATTERN.test(unitCode)) throw new BadRequest();
    const list = await listAdminModels(kit.db, { paths: paths(c), ...(unitCode ? { unitCode } : {}), limit: LIST_LIMIT });
    const viewer = c.get('viewer');
    const proposals = <ProposalsSection csrfToken={viewer.csrfToken} proposals={await proposalsFor(kit.db, viewer)} back={BASE} />;
    return c.html(<AdminModelsPage viewer={viewer} base={BASE} unitCode={unitCode} list={list} proposals={proposals} {...extra} />, status);
  };
  const modelPage = async (c: Context<WebEnv>, id: number, extra: { form?: FormState; statusForm?: FormState; ok?: string; error?: string }, status: 200 | 400 | 409 = 200) => {
    const model = await findModelForAdmin(kit.db, { adminPaths: paths(c), id });
    if (!model) throw new NotFound();
    return c.html(<AdminModelPage viewer={c.get('viewer')} base={BASE} model={model} {...extra} />, status);
  };
  const result = (c: Context<WebEnv>) => w.results[c.req.query('ket-qua') ?? ''];

  /** Runs an action in one transaction with its audit entry. */
  const act = (c: Context<WebEnv>, action: string, run: (tx: Parameters<Parameters<typeof kit.db.transaction>[0]>[0]) => Promise<ModelActionOutcome>) =>
    kit.db.transaction(async (tx) => {
      const outcome = await run(tx);
      if (outcome.ok) {
        await auditAdminChange(tx, { viewer: c.get('viewer'), action, entityType: 'model', entityId: outcome.modelId, unitId: outcome.unitId, before: outcome.before, after: outcome.after, at: kit.now() });
      }
      return outcome;
    });

  app.get('/', admin, (c) => {
    const ok = result(c);
    return listPage(c, ok ? { ok } : {});
  });

  app.post('/', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const values = pick(form, FORM_FIELDS);
    const parsed = modelFormSchema.safeParse(values);
    if (!parsed.success) return listPage(c, { form: { values, errors: fieldErrorsOf(parsed.error) }, error: vi.admin.formHasErrors }, 400);
    const outcome = await act(c, 'model.create', (tx) => registerModel(tx, { adminPaths: paths(c), form: parsed.data, at: kit.now() }));
    if (!outcome.ok) return listPage(c, { form: { values, errors: outcome.problem === 'fields' ? outcome.errors : {} }, error: vi.admin.formHasErrors }, 400);
    return c.redirect(`${BASE}/${outcome.modelId}?ket-qua=da-dang-ky`, 303);
  });

  app.get('/:id{[0-9]{1,9}}', admin, (c) => {
    const ok = result(c);
    return modelPage(c, Number(c.req.param('id')), ok ? { ok } : {});
  });

  app.post('/:id{[0-9]{1,9}}', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const id = Number(c.req.param('id'));
    const values = pick(form, FORM_FIELDS);
    const model = await findModelForAdmin(kit.db, { adminPaths: paths(c), id });
    if (!model) throw new NotFound();
    const parsed = modelFormSchema.safeParse({ ...values, unitCode: model.unitCode });
    if (!parsed.success) return modelPage(c, id, { form: { values, errors: fieldErrorsOf(parsed.error) }, error: vi.admin.formHasErrors }, 400);
    const outcome = await act(c, 'model.update', (tx) => editModel(tx, { adminPaths: paths(c), id, version: formVersion(form), form: parsed.data, at: kit.now() }));
    return finish(c, id, outcome, { form: { values, errors: {} } }, 'da-luu');
  });

  app.post('/:id{[0-9]{1,9}}/trang-thai', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const id = Number(c.req.param('id'));
    const values = pick(form, STATUS_FIELDS);
    const parsed = modelStatusSchema.safeParse(values);
    if (!parsed.success) {
      if (!(await findModelForAdmin(kit.db, { adminPaths: paths(c), id }))) throw new NotFound();
      return modelPage(c, id, { statusForm: { values, errors: fieldErrorsOf(parsed.error) }, error: vi.admin.formHasErrors }, 400);
    }
    const outcome = await act(c, 'model.status', (tx) => changeModelStatus(tx, { adminPaths: paths(c), id, version: formVersion(form), form: parsed.data, at: kit.now() }));
    return finish(c, id, outcome, { statusForm: { values, errors: {} } }, 'da-doi-trang-thai');
  });

  /** After an edit or a status change: 303 back (PRG), or the page with the reason (400 fields, 409 version). */
  const finish = async (c: Context<WebEnv>, id: number, outcome: ModelActionOutcome, typed: { form?: FormState; statusForm?: FormState }, done: string) => {
    if (outcome.ok) return c.redirect(`${BASE}/${id}?ket-qua=${done}`, 303);
    if (outcome.problem === 'not-found') throw new NotFound();
    if (outcome.problem === 'version') return modelPage(c, id, { error: vi.admin.versionConflict }, 409);
    const withErrors = typed.form ? { form: { ...typed.form, errors: outcome.errors } } : { statusForm: { ...typed.statusForm!, errors: outcome.errors } };
    return modelPage(c, id, { ...withErrors, error: vi.admin.formHasErrors }, 400);
  };
  return app;
}
