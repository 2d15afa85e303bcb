/** @jsxImportSource hono/jsx */
import { MODEL_FIELDS } from '../../../core/domain.js';
import { vi } from '../../../core/messages/vi.js';
import { availableStatusActions } from '../../../core/models/model-rules.js';
import { monthLabel } from '../../../core/web/report-view.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { AdminModel } from '../../../storage/queries/models.js';
import type { FieldErrors } from '../../admin/admin-kit.js';
import type { Child } from 'hono/jsx';
import { Layout } from '../../layout.js';

const w = vi.admin.models;
const t = vi.web;

/** What a form shows: the values typed (or stored) and the problems next to each field. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

const empty: FormState = { values: {}, errors: {} };

function Field(props: { name: string; label: string; state: FormState; type?: string; wide?: boolean; hint?: string; required?: boolean }) {
  const error = props.state.errors[props.name];
  const id = `f-${props.name}`;
  return (
    <label class={props.wide ? 'wide' : undefined} for={id}>
      {props.label}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.state.values[props.name] ?? ''}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-loi` : undefined}
      />
      {error ? (
        <span class="field-error" id={`${id}-loi`}>
          {error}
        </span>
      ) : props.hint ? (
        <span class="small muted">{props.hint}</span>
      ) : null}
    </label>
  );
}

function FieldSelect(props: { state: FormState }) {
  const error = props.state.errors.field;
  return (
    <label for="f-field">
      {w.field}
      <select id="f-field" name="field" aria-invalid={error ? 'true' : undefined}>
        {MODEL_FIELDS.map((f) => (
          <option value={f} selected={(props.state.values.field ?? 'khac') === f}>
            {t.fields[f]}
          </option>
        ))}
      </select>
      {error ? <span class="field-error">{error}</span> : null}
    </label>
  );
}

/** The fields of a model (register and edit share them). */
function ModelFields(props: { state: FormState; withUnit: boolean }) {
  const s = props.state;
  return (
    <>
      {props.withUnit ? <Field name="unitCode" label={w.unitCode} state={s} required /> : null}
      <Field name="title" label={w.name} state={s} wide required />
      <FieldSelect state={s} />
      <Field name="startMonth" label={w.startMonth} type="month" state={s} />
      <Field name="description" label={w.description} state={s} wide />
      <Field name="replicatedFromId" label={w.replicatedFromId} state={s} hint={w.replicationHint} />
      <Field name="replicationTarget" label={w.replicationTarget} state={s} />
    </>
  );
}

function Notice(props: { ok?: string | undefined; error?: string | undefined }) {
  if (props.error) return <p class="form-error" role="alert">{props.error}</p>;
  if (props.ok) return <p class="form-ok" role="status">{props.ok}</p>;
  return null;
}

/** «Mô hình» (admin): the organisation's models, newest first, and the registration form. */
export function AdminModelsPage(props: {
  viewer: Viewer;
  base: string;
  unitCode: string;
  list: { total: number; items: AdminModel[] };
  form?: FormState;
  ok?: string;
  error?: string;
  /** The proposals waiting for confirmation (rendered by the caller). */
  proposals?: Child;
}) {
  const form = props.form ?? empty;
  return (
    <Layout title={w.title} viewer={props.viewer} nav="admin">
      <div class="crumbs">
        <a href="/quan-tri">{vi.admin.home.title}</a>
      </div>
      <h1>{w.title}</h1>
      <p class="muted">{w.lead}</p>
      <Notice ok={props.ok} error={props.error} />
      {props.proposals ?? null}
      <section class="card">
        <h2>{w.registerTitle}</h2>
        <form class="admin" method="post" action={props.base} novalidate>
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <ModelFields state={form} withUnit />
          <div class="actions">
            <button type="submit" class="primary">
              {w.register}
            </button>
          </div>
        </form>
      </section>
      <section class="card">
        <h2>{w.listTitle}</h2>
        <form class="filters" method="get" action={props.base}>
          <label>
            {w.searchUnit}
            <input name="don-vi" value={props.unitCode} />
          </label>
          <button type="submit">{w.filter}</button>
        </form>
        <p class="small muted">{w.shown(props.list.items.length, props.list.total)}</p>
        {props.list.items.length === 0 ? (
          <p>{w.none}</p>
        ) : (
          <table class="cards">
            <thead>
              <tr>
                <th>{w.name}</th>
                <th>{w.number}</th>
                <th>{w.unit}</th>
                <th>{w.field}</th>
                <th>{w.status}</th>
                <th>{w.started}</th>
              </tr>
            </thead>
            <tbody>
              {props.list.items.map((m) => (
                <tr>
                  <td>
                    <a href={`${props.base}/${m.id}`}>{m.title}</a>
                    {m.replicatedFromTitle ? <div class="small muted">{w.replicatedFrom(m.replicatedFromTitle, m.replicationTarget)}</div> : null}
                  </td>
                  <td data-label={w.number}>{m.id}</td>
                  <td data-label={w.unit}>
                    {m.unitName} <span class="small muted">({m.unitCode})</span>
                  </td>
                  <td data-label={w.field}>{t.fields[m.field]}</td>
                  <td data-label={w.status}>{t.modelStatuses[m.status]}</td>
                  <td data-label={w.started}>{m.startedOn ? monthLabel(m.startedOn) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}

/** One model (admin): the edit form and the status form, each with the version it was loaded with. */
export function AdminModelPage(props: { viewer: Viewer; base: string; model: AdminModel; form?: FormState; statusForm?: FormState; ok?: string; error?: string }) {
  const m = props.model;
  const version = m.updatedAt.toISOString();
  const form = props.form ?? { values: modelValues(m), errors: {} };
  const statusForm = props.statusForm ?? empty;
  const actions = availableStatusActions(m.status);
  return (
    <Layout title={w.editTitle(m.title)} viewer={props.viewer} nav="admin">
      <div class="crumbs">
        <a href="/quan-tri">{vi.admin.home.title}</a> › <a href={props.base}>{w.title}</a>
      </div>
      <h1>{w.editTitle(m.title)}</h1>
      <p class="muted">
        {m.unitName} ({m.unitCode}) · <a href={`/mo-hinh/${m.id}`}>{t.models.series}</a>
      </p>
      <Notice ok={props.ok} error={props.error} />
      <section class="card">
        <form class="admin" method="post" action={`${props.base}/${m.id}`} novalidate>
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <input type="hidden" name="phien-ban" value={version} />
          <ModelFields state={form} withUnit={false} />
          <div class="actions">
            <button type="submit" class="primary">
              {w.save}
            </button>
          </div>
        </form>
      </section>
      <section class="card">
        <h2>{w.statusTitle}</h2>
        <p>{w.statusNow(t.modelStatuses[m.status], m.statusMonth ? monthLabel(m.statusMonth) : null, m.statusReason)}</p>
        {actions.length === 0 ? (
          <p class="muted">{w.noStatusAction}</p>
        ) : (
          <form class="admin" method="post" action={`${props.base}/${m.id}/trang-thai`} novalidate>
            <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
            <input type="hidden" name="phien-ban" value={version} />
            <label for="f-action">
              {w.action}
              <select id="f-action" name="action" aria-invalid={statusForm.errors.action ? 'true' : undefined}>
                {actions.map((a) => (
                  <option value={a} selected={statusForm.values.action === a}>
                    {w.actions[a]}
                  </option>
                ))}
              </select>
              {statusForm.errors.action ? <span class="field-error">{statusForm.errors.action}</span> : null}
            </label>
            <Field name="month" label={w.month} type="month" state={statusForm} required />
            <Field name="reason" label={w.reason} state={statusForm} wide />
            <div class="actions">
              <button type="submit" class="primary">
                {w.applyStatus}
              </button>
            </div>
          </form>
        )}
      </section>
    </Layout>
  );
}

/** A stored model as the edit form's values. */
export function modelValues(m: AdminModel): Record<string, string> {
  return {
    title: m.title,
    field: m.field,
    startMonth: m.startedOn ? m.startedOn.slice(0, 7) : '',
    description: m.description ?? '',
    replicatedFromId: m.replicatedFromId === null ? '' : String(m.replicatedFromId),
    replicationTarget: m.replicationTarget ?? '',
  };
}
