/** @jsxImportSource hono/jsx */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { applyEditorMove, editorMoveOf, problemsByRow, questionsOfRows, readEditorForm, rowsOfSet } from '../../core/admin/question-set-form.js';
import { readPreviewInputs, runPreview, type PreviewInput } from '../../core/checkin/preview.js';
import { parseQuestionSetFile, parseStoredQuestionSet, type QuestionSetFile } from '../../core/checkin/question-set-schema.js';
import { validateQuestionSet } from '../../core/checkin/validate-question-set.js';
import { parseMonth } from '../../core/figures/export-request.js';
import { vi } from '../../core/messages/vi.js';
import {
  discardQuestionSetDraft,
  draftFile,
  loadQuestionSetOverview,
  previewContext,
  publishQuestionSetDraft,
  saveQuestionSetDraft,
  startQuestionSetDraft,
} from '../../services/question-set-drafts.js';
import { monthLabel, QuestionSetFileError, QuestionSetPastMonthError, QuestionSetRefusedError } from '../../services/question-sets.js';
import { findQuestionSet } from '../../storage/queries/question-sets.js';
import { findQuestionSetDraft } from '../../storage/queries/question-set-drafts.js';
import { findUnitByCode, findUnitById } from '../../storage/queries/org-units.js';
import type { OrgUnitRow, QuestionSetDraftRow } from '../../storage/types.js';
import { QuestionsEditorPage, type EditorPageProps } from '../pages/admin/questions-editor.js';
import { QuestionsOverviewPage } from '../pages/admin/questions.js';
import { QuestionsPreviewPage } from '../pages/admin/questions-preview.js';
import { forbidden, NotFound, optionalId, tooLarge, type WebEnv, type WebKit } from '../web-kit.js';
import { adminRootCovering, auditAdminChange, formVersion, requireAdmin } from './admin-kit.js';

const t = vi.admin.questions;
const BASE = '/quan-tri/cau-hoi';

/** A whole set in one form (every question's fields, or pasted JSON) outgrows the console's 16 KB forms. */
const editorLimit = bodyLimit({ maxSize: 256 * 1024, onError: tooLarge });

/** The scope a page is about: `?don-vi=<code>` inside one of the viewer's organisations (404 outside), default their first organisation. */
async function scopeOf(kit: WebKit, c: Context<WebEnv>): Promise<{ unit: OrgUnitRow; root: OrgUnitRow; organisations: { code: string; name: string }[] }> {
  const viewer = c.get('viewer');
  const code = c.req.query('don-vi');
  const unit = code ? await findUnitByCode(kit.db, code) : await findUnitById(kit.db, viewer.adminRoots[0]?.unitId ?? 0);
  if (!unit) throw new NotFound();
  const covering = adminRootCovering(viewer, unit);
  if (!covering) throw new NotFound();
  const root = await findUnitById(kit.db, covering.unitId);
  if (!root) throw new NotFound();
  const organisations = [];
  for (const r of viewer.adminRoots) {
    const org = await findUnitById(kit.db, r.unitId);
    if (org) organisations.push({ code: org.code, name: org.name });
  }
  return { unit, root, organisations };
}

const q = (unit: OrgUnitRow) => `don-vi=${encodeURIComponent(unit.code)}`;

/** The keys and count of a set, for the audit log's before/after (the full sets are in question_sets and the draft). */
const auditShape = (questions: readonly { key: string }[]) => ({ questions: questions.length, keys: questions.map((x) => x.key) });

/**
 * The admin pages «Bộ câu hỏi báo cáo», mounted at /quan-tri/cau-hoi (issue 18): the set in
 * force and its versions, a draft edited and checked as `questions publish` checks it, tried
 * «như bí thư» with the real engine (nothing stored), and published from a month. Admins only.
 */
export function createQuestionsAdminRoutes(kit: WebKit): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const admin = requireAdmin(kit);
  app.use('*', admin);

  /** A form about the draft: its fields, the scope and the draft; or the answer when it is forged (403) or no draft is open (back to the set). */
  const draftPost = async (c: Context<WebEnv>) => {
    const form = await kit.checkedForm(c);
    if (!form) return { answer: forbidden(c) };
    const scope = await scopeOf(kit, c);
    const draft = await findQuestionSetDraft(kit.db, scope.unit.id);
    if (!draft) return { answer: c.redirect(`${BASE}?${q(scope.unit)}`, 303) };
    return { form, scope, draft };
  };

  app.get('/', async (c) => {
    const scope = await scopeOf(kit, c);
    const overview = await loadQuestionSetOverview(kit.db, { unit: scope.unit, root: scope.root, now: kit.now(), timeZone: kit.timeZone });
    const flag = c.req.query('ket-qua');
    let notice: string | undefined;
    if (flag === 'da-bo') notice = t.draft.discarded;
    if (flag === 'da-ap-dung') {
      const id = optionalId(c.req.query('so'));
      const row = id === undefined ? undefined : await findQuestionSet(kit.db, id);
      if (row && row.scopeUnitId === scope.unit.id && row.effectiveFrom) {
        notice = t.publish.done({ version: row.version, scope: scope.unit.name, from: monthLabel(row.effectiveFrom), questions: parseStoredQuestionSet(row.definition).questions.length });
      }
    }
    return c.html(<QuestionsOverviewPage viewer={c.get('viewer')} timeZone={kit.timeZone} unit={scope.unit} root={scope.root} organisations={scope.organisations} overview={overview} notice={notice} />);
  });

  app.post('/nhap', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    const scope = await scopeOf(kit, c);
    const viewer = c.get('viewer');
    const at = kit.now();
    await kit.db.transaction(async (tx) => {
      const started = await startQuestionSetDraft(tx, { unit: scope.unit, personId: viewer.personId, now: at, timeZone: kit.timeZone });
      if (started.created) {
        const file = draftFile(started.draft);
        await auditAdminChange(tx, { viewer, action: 'question_set_draft.create', entityType: 'question_set_draft', entityId: started.draft.id, unitId: scope.unit.id, after: auditShape(file.questions), at });
      }
    });
    return c.redirect(`${BASE}/nhap?${q(scope.unit)}&ket-qua=da-tao`, 303);
  });

  /** The editor page for the scope's draft (none: back to the overview). */
  const editor = async (c: Context<WebEnv>, scope: Awaited<ReturnType<typeof scopeOf>>, draft: QuestionSetDraftRow, extra: Partial<EditorPageProps>, status: 200 | 400 | 409 = 200) => {
    const file = draftFile(draft);
    const rows = extra.rows ?? rowsOfSet(file);
    let problems = extra.problems;
    if (!problems && !extra.rows) {
      // The stored draft's own problems (a set stored before today's checks), shown on loading it.
      const found = validateQuestionSet(file.questions);
      if (found.length > 0) problems = problemsByRow(rows, [], found);
    }
    const overview = await loadQuestionSetOverview(kit.db, { unit: scope.unit, root: scope.root, now: kit.now(), timeZone: kit.timeZone });
    const props: EditorPageProps = {
      viewer: c.get('viewer'),
      timeZone: kit.timeZone,
      unit: scope.unit,
      title: file.title ?? '',
      rows,
      version: draft.updatedAt.toISOString(),
      json: JSON.stringify(file, null, 2),
      currentMonth: overview.currentMonth,
      publishMonth: overview.currentMonth.slice(0, 7),
      ...extra,
      ...(problems ? { problems } : {}),
    };
    return c.html(<QuestionsEditorPage {...props} />, status);
  };

  app.get('/nhap', async (c) => {
    const scope = await scopeOf(kit, c);
    const draft = await findQuestionSetDraft(kit.db, scope.unit.id);
    if (!draft) return c.redirect(`${BASE}?${q(scope.unit)}`, 303);
    const flag = c.req.query('ket-qua');
    const notice = flag === 'da-tao' ? t.draft.created : flag === 'da-luu' ? t.draft.saved : flag === 'da-thay' ? t.json.replaced : undefined;
    return editor(c, scope, draft, notice ? { notice } : {});
  });

  app.post('/nhap/luu', editorLimit, async (c) => {
    const got = await draftPost(c);
    if ('answer' in got) return got.answer;
    const { form, scope, draft } = got;
    const version = formVersion(form);
    const typed = readEditorForm(form);
    const move = editorMoveOf(form['hanh-dong']);
    const versionText = form['phien-ban'] ?? '';
    if (move) {
      // A move is not a save: the page again with the rows moved, everything as typed.
      return editor(c, scope, draft, { rows: applyEditorMove(typed.rows, move), title: typed.title, version: versionText, notice: t.editor.notSavedYet });
    }
    if (!version || version.getTime() !== draft.updatedAt.getTime()) return editor(c, scope, draft, { formError: vi.admin.versionConflict }, 409);
    const read = questionsOfRows(typed.rows);
    const problems = validateQuestionSet(read.questions);
    if (read.errors.length > 0 || problems.length > 0) {
      const placed = problemsByRow(typed.rows, read.errors, problems);
      return editor(c, scope, draft, { rows: typed.rows, title: typed.title, version: versionText, problems: placed, formError: t.editor.refused(placed.count) }, 400);
    }
    const file = { ...(typed.title.trim() !== '' ? { title: typed.title.trim() } : {}), questions: read.questions };
    const saved = await saveDraft(c, scope.unit, draft, version, file);
    if (!saved) return editor(c, scope, (await findQuestionSetDraft(kit.db, scope.unit.id)) ?? draft, { formError: vi.admin.versionConflict }, 409);
    return c.redirect(`${BASE}/nhap?${q(scope.unit)}&ket-qua=da-luu`, 303);
  });

  app.post('/nhap/json', editorLimit, async (c) => {
    const got = await draftPost(c);
    if ('answer' in got) return got.answer;
    const { form, scope, draft } = got;
    const version = formVersion(form);
    if (!version || version.getTime() !== draft.updatedAt.getTime()) return editor(c, scope, draft, { formError: vi.admin.versionConflict }, 409);
    const text = form.json ?? '';
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      return editor(c, scope, draft, { json: text, jsonErrors: [t.json.notJson((error as Error).message)], formError: t.json.notJson((error as Error).message) }, 400);
    }
    const read = parseQuestionSetFile(json);
    if (!read.ok) {
      const lines = read.issues.map((i) => vi.questions.cli.shapeIssue(i.path, i.message).trim());
      return editor(c, scope, draft, { json: text, jsonErrors: [t.json.notASet, ...lines], formError: t.json.notASet }, 400);
    }
    const problems = validateQuestionSet(read.file.questions);
    if (problems.length > 0) {
      const rows = rowsOfSet(read.file);
      const placed = problemsByRow(rows, [], problems);
      return editor(c, scope, draft, { rows, title: read.file.title ?? '', json: text, problems: placed, formError: t.editor.refused(placed.count) }, 400);
    }
    const saved = await saveDraft(c, scope.unit, draft, version, read.file);
    if (!saved) return editor(c, scope, (await findQuestionSetDraft(kit.db, scope.unit.id)) ?? draft, { formError: vi.admin.versionConflict }, 409);
    return c.redirect(`${BASE}/nhap?${q(scope.unit)}&ket-qua=da-thay`, 303);
  });

  /** Stores a checked set as the draft, audited; false when the draft changed since the form was loaded. */
  const saveDraft = async (c: Context<WebEnv>, unit: OrgUnitRow, draft: QuestionSetDraftRow, version: Date, file: QuestionSetFile) => {
    const viewer = c.get('viewer');
    const at = kit.now();
    const before = draftFile(draft);
    return kit.db.transaction(async (tx) => {
      const next = await saveQuestionSetDraft(tx, { draft, version, file, now: at });
      if (!next) return false;
      await auditAdminChange(tx, { viewer, action: 'question_set_draft.update', entityType: 'question_set_draft', entityId: draft.id, unitId: unit.id, before: auditShape(before.questions), after: auditShape(file.questions), at });
      return true;
    });
  };

  app.post('/nhap/bo', kit.formLimit, async (c) => {
    const got = await draftPost(c);
    if ('answer' in got) return got.answer;
    const { form, scope, draft } = got;
    const version = formVersion(form);
    const viewer = c.get('viewer');
    const at = kit.now();
    const done = version
      ? await kit.db.transaction(async (tx) => {
          if (!(await discardQuestionSetDraft(tx, { draft, version }))) return false;
          await auditAdminChange(tx, { viewer, action: 'question_set_draft.discard', entityType: 'question_set_draft', entityId: draft.id, unitId: scope.unit.id, before: auditShape(draftFile(draft).questions), at });
          return true;
        })
      : false;
    if (!done) return editor(c, scope, draft, { formError: vi.admin.versionConflict }, 409);
    return c.redirect(`${BASE}?${q(scope.unit)}&ket-qua=da-bo`, 303);
  });

  app.post('/ap-dung', kit.formLimit, async (c) => {
    const got = await draftPost(c);
    if ('answer' in got) return got.answer;
    const { form, scope, draft } = got;
    const version = formVersion(form);
    const typedMonth = form['tu-thang'] ?? '';
    if (!version || version.getTime() !== draft.updatedAt.getTime()) return editor(c, scope, draft, { formError: vi.admin.versionConflict }, 409);
    const from = parseMonth(typedMonth);
    if (!from) return editor(c, scope, draft, { publishMonth: typedMonth, publishError: t.publish.badMonth, formError: t.publish.badMonth }, 400);
    const viewer = c.get('viewer');
    try {
      const published = await kit.db.transaction((tx) =>
        publishQuestionSetDraft(tx, { unit: scope.unit, draft, version, from, personId: viewer.personId, now: kit.now(), timeZone: kit.timeZone }),
      );
      if (!published) return editor(c, scope, (await findQuestionSetDraft(kit.db, scope.unit.id)) ?? draft, { formError: vi.admin.versionConflict }, 409);
      return c.redirect(`${BASE}?${q(scope.unit)}&ket-qua=da-ap-dung&so=${published.row.id}`, 303);
    } catch (error) {
      if (error instanceof QuestionSetPastMonthError) {
        const message = t.publish.pastMonth(error.from, error.current);
        return editor(c, scope, draft, { publishMonth: typedMonth, publishError: message, formError: message }, 400);
      }
      if (error instanceof QuestionSetRefusedError) {
        const rows = rowsOfSet(draftFile(draft));
        return editor(c, scope, draft, { problems: problemsByRow(rows, [], error.problems), formError: t.publish.refused(error.problems.length) }, 400);
      }
      if (error instanceof QuestionSetFileError) return editor(c, scope, draft, { formError: t.json.notASet }, 400);
      throw error;
    }
  });

  /** The preview: the draft's check-in replayed over what was sent so far plus the new input. */
  const preview = async (c: Context<WebEnv>, inputs: PreviewInput[]) => {
    const scope = await scopeOf(kit, c);
    const draft = await findQuestionSetDraft(kit.db, scope.unit.id);
    if (!draft) return c.redirect(`${BASE}?${q(scope.unit)}`, 303);
    const ctx = await previewContext(kit.db, { unit: scope.unit, file: draftFile(draft), now: kit.now(), timeZone: kit.timeZone });
    const run = runPreview(ctx, inputs);
    return c.html(<QuestionsPreviewPage viewer={c.get('viewer')} unit={scope.unit} run={run} inputs={inputs} />);
  };

  app.get('/thu', (c) => preview(c, []));

  app.post('/thu', kit.formLimit, async (c) => {
    const form = await kit.checkedForm(c);
    if (!form) return forbidden(c);
    if (form['lam-lai'] !== undefined) return preview(c, []);
    const sent = readPreviewInputs(form['da-gui']);
    const input: PreviewInput | null =
      form.nut !== undefined && form.nut !== ''
        ? { type: 'choice', value: form.nut.slice(0, 64) }
        : form.anh !== undefined
          ? { type: 'photo', fileRef: `anh-thu-${sent.length + 1}` }
          : (form['tra-loi'] ?? '').trim() !== ''
            ? { type: 'text', text: form['tra-loi']!.slice(0, 1000) }
            : null;
    return preview(c, input ? [...sent, input].slice(0, 200) : sent);
  });

  return app;
}
