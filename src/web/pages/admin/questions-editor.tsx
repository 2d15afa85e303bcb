/** @jsxImportSource hono/jsx */
import { isStandardKey, rowField, type QuestionRow, type RowProblem } from '../../../core/admin/question-set-form.js';
import { QUESTION_KINDS } from '../../../core/checkin/question-set.js';
import { vi } from '../../../core/messages/vi.js';
import { monthLabel } from '../../../services/question-sets.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { OrgUnitRow } from '../../../storage/types.js';
import { Layout } from '../../layout.js';
import { DoneLine } from './org-fields.js';
import { scopeLink } from './questions.js';

const t = vi.admin.questions;
const f = t.editor.fields;

/** What the editor shows: the draft's rows (stored, or as typed), their problems, the JSON and the publish form. */
export interface EditorPageProps {
  viewer: Viewer;
  timeZone: string;
  unit: OrgUnitRow;
  title: string;
  rows: QuestionRow[];
  /** The draft's updated_at as loaded (hidden `phien-ban`). */
  version: string;
  json: string;
  jsonErrors?: string[];
  problems?: { byRow: Map<number, RowProblem[]>; general: string[]; count: number };
  currentMonth: string;
  /** The publish form's month (yyyy-mm, or what was typed). */
  publishMonth: string;
  publishError?: string;
  notice?: string;
  formError?: string;
}

function Hidden(props: { viewer: Viewer; version: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
      <input type="hidden" name="phien-ban" value={props.version} />
    </>
  );
}

/** «Sửa bộ câu hỏi»: every question of the draft in one form (no script), moves and removal by buttons, the checks' problems next to each question. */
export function QuestionsEditorPage(props: EditorPageProps) {
  const { unit, rows } = props;
  const saveAction = scopeLink('/nhap/luu', unit);
  const problemsOnLoad = props.problems && !props.formError;
  return (
    <Layout title={t.editor.title(unit.name)} viewer={props.viewer} nav="admin">
      <h1>{t.editor.title(unit.name)}</h1>
      <p class="muted">{t.editor.lead}</p>
      <p class="small">
        <a href={scopeLink('', unit)}>{t.editor.toOverview}</a> · <a href={scopeLink('/thu', unit)}>{t.editor.toPreview}</a>
      </p>
      <DoneLine text={props.notice} />
      {props.formError ? (
        <p class="form-error" role="alert">
          {props.formError}
        </p>
      ) : null}
      {problemsOnLoad ? (
        <p class="form-error" role="alert">
          {t.editor.problemsOnLoad(props.problems!.count)}
        </p>
      ) : null}
      {props.problems && props.problems.general.length > 0 ? (
        <ul class="form-error problems">
          {props.problems.general.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      ) : null}
      <form method="post" action={saveAction} class="question-editor">
        <Hidden viewer={props.viewer} version={props.version} />
        <input type="hidden" name="so-cau" value={String(rows.length)} />
        {/* The first submit button is what Enter in a field presses: saving, never a move. */}
        <div class="editor-bar">
          <label class="title-field">
            {t.editor.titleField}
            <input name="tieu-de" value={props.title} maxlength={200} />
          </label>
          <button type="submit" name="hanh-dong" value="luu" class="primary">
            {t.editor.save}
          </button>
        </div>
        {rows.map((row, i) => (
          <QuestionFieldset row={row} index={i} rows={rows} problems={props.problems?.byRow.get(i) ?? []} saveAction={saveAction} />
        ))}
        <div class="editor-bar">
          <button type="submit" name="hanh-dong" value="them" formaction={`${saveAction}#cau-${rows.length + 1}`}>
            {t.editor.add}
          </button>
          <button type="submit" name="hanh-dong" value="luu" class="primary">
            {t.editor.save}
          </button>
        </div>
      </form>

      <section class="card" id="ap-dung">
        <h2>{t.publish.title}</h2>
        <p class="muted small">{t.publish.lead}</p>
        <form method="post" action={scopeLink('/ap-dung', unit)} class="inline">
          <Hidden viewer={props.viewer} version={props.version} />
          <label>
            {t.publish.from}{' '}
            <input
              type="month"
              name="tu-thang"
              value={props.publishMonth}
              min={props.currentMonth.slice(0, 7)}
              aria-invalid={props.publishError ? 'true' : undefined}
              aria-describedby={props.publishError ? 'tu-thang-loi' : 'tu-thang-goi-y'}
            />
          </label>
          <button type="submit" class="primary">
            {t.publish.button}
          </button>
        </form>
        {props.publishError ? (
          <p class="field-error" id="tu-thang-loi">
            {props.publishError}
          </p>
        ) : (
          <p class="muted small" id="tu-thang-goi-y">
            {t.publish.fromHint(monthLabel(props.currentMonth))}
          </p>
        )}
      </section>

      <section class="card">
        <details open={props.jsonErrors !== undefined}>
          <summary>{t.json.title}</summary>
          <p class="muted small">{t.json.lead}</p>
          {props.jsonErrors ? (
            <ul class="field-error" id="json-loi">
              {props.jsonErrors.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          ) : null}
          <form method="post" action={scopeLink('/nhap/json', unit)} class="admin">
            <Hidden viewer={props.viewer} version={props.version} />
            <label class="wide">
              {t.json.field}
              <textarea name="json" rows={14} spellcheck={false} class="json" aria-invalid={props.jsonErrors ? 'true' : undefined} aria-describedby={props.jsonErrors ? 'json-loi' : undefined}>
                {props.json}
              </textarea>
            </label>
            <div class="actions">
              <button type="submit">{t.json.replace}</button>
            </div>
          </form>
        </details>
      </section>

      <form method="post" action={scopeLink('/nhap/bo', unit)} class="inline">
        <Hidden viewer={props.viewer} version={props.version} />
        <button type="submit" class="danger">
          {t.draft.discard}
        </button>
      </form>
    </Layout>
  );
}

function QuestionFieldset(props: { row: QuestionRow; index: number; rows: readonly QuestionRow[]; problems: RowProblem[]; saveAction: string }) {
  const { row, index: i, problems } = props;
  const standard = isStandardKey(row.key);
  const name = (field: keyof QuestionRow) => rowField(i, field);
  const errorId = `cau-${i + 1}-loi`;
  const invalid = (field: keyof QuestionRow) => (problems.some((p) => p.field === field) ? { 'aria-invalid': 'true', 'aria-describedby': errorId } : {});
  // A condition can rest only on an earlier yes/no or number question of the same scope (the publish checks say so too).
  const earlier = props.rows.slice(0, i).filter((r) => r.key.trim() !== '' && r.scope === row.scope && ['yes_no', 'count', 'number'].includes(r.kind));
  const askIfKnown = row.askIf === '' || earlier.some((r) => r.key.trim() === row.askIf);
  const moreOpen = problems.some((p) => p.field && ['min', 'max', 'unit', 'askIf', 'skipRestIfZero', 'choices'].includes(p.field));
  const tags = t.editor.tags;
  const extras = [
    row.askIf ? tags.askIf(row.askIf) : '',
    row.min ? tags.min(row.min) : '',
    row.max ? tags.max(row.max) : '',
    row.unit,
    row.skipRestIfZero === '1' ? tags.skipRest : '',
    row.showInDigest === '1' ? tags.digest : '',
  ].filter((x) => x !== '');
  return (
    <fieldset class={`question${problems.length > 0 ? ' has-problems' : ''}`} id={`cau-${i + 1}`}>
      <legend>
        {t.editor.question(i + 1)}: {row.label || '…'} <span class="muted small">({row.key || '?'})</span>
      </legend>
      {standard ? <p class="standard-note small">{t.editor.standard}</p> : null}
      {problems.length > 0 ? (
        <ul class="field-error problems" id={errorId}>
          {problems.map((p) => (
            <li>{p.message}</li>
          ))}
        </ul>
      ) : null}
      <div class="question-grid">
        {standard ? (
          <>
            <input type="hidden" name={name('key')} value={row.key} />
            <input type="hidden" name={name('scope')} value={row.scope} />
            <input type="hidden" name={name('kind')} value={row.kind} />
            <p class="wide fixed small">{t.editor.fixed(t.kinds[row.kind] ?? row.kind, t.scopes[row.scope] ?? row.scope)}</p>
          </>
        ) : (
          <>
            <label>
              {f.key}
              <input name={name('key')} value={row.key} maxlength={40} autocomplete="off" {...invalid('key')} />
            </label>
            <label>
              {f.scope}
              <select name={name('scope')} {...invalid('scope')}>
                {Object.entries(t.scopes).map(([value, label]) => (
                  <option value={value} selected={row.scope === value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {f.kind}
              <select name={name('kind')} {...invalid('kind')}>
                {QUESTION_KINDS.map((kind) => (
                  <option value={kind} selected={row.kind === kind}>
                    {t.kinds[kind]}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <label class="wide">
          {f.label}
          <input name={name('label')} value={row.label} maxlength={200} {...invalid('label')} />
        </label>
        <label class="wide">
          {f.prompt}
          <textarea name={name('prompt')} rows={2} {...invalid('prompt')}>
            {row.prompt}
          </textarea>
          <span class="muted small">{t.editor.promptHint}</span>
        </label>
        {row.kind === 'choice' ? (
          <label class="wide">
            {f.choices}
            <textarea name={name('choices')} rows={Math.max(2, row.choices.split('\n').length)} {...invalid('choices')}>
              {row.choices}
            </textarea>
            <span class="muted small">{t.editor.choicesHint}</span>
          </label>
        ) : null}
        <label>
          {f.quickReplies}
          <input name={name('quickReplies')} value={row.quickReplies} {...invalid('quickReplies')} />
        </label>
        <label class="check">
          <input type="checkbox" name={name('optional')} value="1" checked={row.optional === '1'} /> {f.optional}
        </label>
      </div>
      <details open={moreOpen}>
        <summary>
          {f.more}
          {extras.length > 0 ? <span class="muted small"> ({extras.join('; ')})</span> : null}
        </summary>
        <div class="question-grid">
          <label>
            {f.min}
            <input name={name('min')} value={row.min} inputmode="numeric" {...invalid('min')} />
          </label>
          <label>
            {f.max}
            <input name={name('max')} value={row.max} inputmode="numeric" {...invalid('max')} />
          </label>
          <label>
            {f.unit}
            <input name={name('unit')} value={row.unit} maxlength={40} {...invalid('unit')} />
          </label>
          <label>
            {f.askIf}
            <select name={name('askIf')} {...invalid('askIf')}>
              <option value="" selected={row.askIf === ''}>
                {t.editor.always}
              </option>
              {earlier.map((r) => (
                <option value={r.key.trim()} selected={row.askIf === r.key.trim()}>
                  {r.label || r.key} ({r.key})
                </option>
              ))}
              {askIfKnown ? null : (
                <option value={row.askIf} selected>
                  {row.askIf}
                </option>
              )}
            </select>
          </label>
          <label class="check">
            <input type="checkbox" name={name('skipRestIfZero')} value="1" checked={row.skipRestIfZero === '1'} {...invalid('skipRestIfZero')} /> {f.skipRestIfZero}
          </label>
          <label class="check">
            <input type="checkbox" name={name('showInDigest')} value="1" checked={row.showInDigest === '1'} /> {f.showInDigest}
          </label>
          {row.kind === 'choice' ? null : (
            <label class="wide">
              {f.choices}
              <textarea name={name('choices')} rows={2} {...invalid('choices')}>
                {row.choices}
              </textarea>
            </label>
          )}
        </div>
      </details>
      <div class="question-actions">
        <button type="submit" name="hanh-dong" value={`len-${i}`} formaction={`${props.saveAction}#cau-${Math.max(1, i)}`} disabled={i === 0}>
          ↑ {t.editor.moveUp}
        </button>
        <button type="submit" name="hanh-dong" value={`xuong-${i}`} formaction={`${props.saveAction}#cau-${Math.min(props.rows.length, i + 2)}`} disabled={i === props.rows.length - 1}>
          ↓ {t.editor.moveDown}
        </button>
        {standard ? null : (
          <button type="submit" name="hanh-dong" value={`xoa-${i}`} class="danger" formaction={`${props.saveAction}#cau-${Math.max(1, i)}`}>
            {t.editor.remove}
          </button>
        )}
      </div>
    </fieldset>
  );
}
