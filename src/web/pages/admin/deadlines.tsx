/** @jsxImportSource hono/jsx */
import { formatDate, formatMonth } from '../../../core/format.js';
import { vi } from '../../../core/messages/vi.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { ReviewDeadlineRow } from '../../../storage/types.js';
import type { FieldErrors } from '../../admin/admin-kit.js';
import { Layout } from '../../layout.js';

const t = vi.admin.calendar.deadlines;

/** The deadline form's fields as typed. */
export type DeadlineFormValues = Record<string, string>;

/** The form's field names, by what they set. */
export const DEADLINE_FIELDS = { kind: 'loai', title: 'tieu-de', due: 'han', from: 'tu', to: 'den', noticeDays: 'nhac' } as const;

const month = (iso: string) => formatMonth(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)));

function ErrorOf(props: { errors: FieldErrors; field: string }) {
  const message = props.errors[props.field];
  return message ? (
    <span class="field-error" id={`${props.field}-loi`}>
      {message}
    </span>
  ) : null;
}

const invalid = (errors: FieldErrors, field: string) => (errors[field] ? { 'aria-invalid': 'true', 'aria-describedby': `${field}-loi` } : {});

/** The add or edit form of a review deadline. */
function DeadlineForm(props: { viewer: Viewer; action: string; values: DeadlineFormValues; errors: FieldErrors; version?: string; orgNoticeDays: readonly number[]; submit: string }) {
  const f = DEADLINE_FIELDS;
  const { values, errors } = props;
  return (
    <form method="post" action={props.action} class="admin deadline">
      <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
      {props.version !== undefined ? <input type="hidden" name="phien-ban" value={props.version} /> : null}
      <label>
        {t.fields.kind}
        <select name={f.kind} {...invalid(errors, f.kind)}>
          {Object.entries(t.kinds).map(([value, label]) => (
            <option value={value} selected={values[f.kind] === value}>
              {label}
            </option>
          ))}
        </select>
        <ErrorOf errors={errors} field={f.kind} />
      </label>
      <label class="wide">
        {t.fields.title}
        <input name={f.title} value={values[f.title] ?? ''} maxlength={200} {...invalid(errors, f.title)} />
        <ErrorOf errors={errors} field={f.title} />
      </label>
      <label>
        {t.fields.from}
        <input type="month" name={f.from} value={values[f.from] ?? ''} placeholder="2026-01" {...invalid(errors, f.from)} />
        <ErrorOf errors={errors} field={f.from} />
      </label>
      <label>
        {t.fields.to}
        <input type="month" name={f.to} value={values[f.to] ?? ''} placeholder="2026-06" {...invalid(errors, f.to)} />
        <ErrorOf errors={errors} field={f.to} />
      </label>
      <label>
        {t.fields.due}
        <input type="date" name={f.due} value={values[f.due] ?? ''} placeholder="2026-07-15" {...invalid(errors, f.due)} />
        <ErrorOf errors={errors} field={f.due} />
      </label>
      <label>
        {t.fields.noticeDays}
        <input name={f.noticeDays} value={values[f.noticeDays] ?? ''} placeholder={props.orgNoticeDays.join(', ')} {...invalid(errors, f.noticeDays)} />
        <span class="small muted">{t.noticeDefault(props.orgNoticeDays)}</span>
        <ErrorOf errors={errors} field={f.noticeDays} />
      </label>
      <div class="actions">
        <button type="submit" class="primary">
          {props.submit}
        </button>
      </div>
    </form>
  );
}

/** «Hạn sơ kết, tổng kết»: the organisation's review deadlines and the form for a new one. */
export function DeadlinesPage(props: {
  viewer: Viewer;
  timeZone: string;
  now: Date;
  organisation: { id: number; name: string };
  deadlines: readonly ReviewDeadlineRow[];
  orgNoticeDays: readonly number[];
  values: DeadlineFormValues;
  errors: FieldErrors;
  notice?: string;
}) {
  const q = `?to-chuc=${props.organisation.id}`;
  return (
    <Layout title={t.title} viewer={props.viewer} nav="admin">
      <h1>{t.title}</h1>
      <p class="muted">
        {t.lead(props.organisation.name)} <a href={`/quan-tri/lich${q}`}>{t.toCalendar}</a>
      </p>
      {props.notice ? <p class="form-ok" role="status">{props.notice}</p> : null}
      <section class="card">
        {props.deadlines.length === 0 ? (
          <p class="muted">{t.none}</p>
        ) : (
          <table class="cards deadlines">
            <thead>
              <tr>
                <th scope="col">{t.columns.title}</th>
                <th scope="col">{t.columns.kind}</th>
                <th scope="col">{t.columns.months}</th>
                <th scope="col">{t.columns.due}</th>
                <th scope="col">{t.columns.notice}</th>
                <th scope="col">{t.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {props.deadlines.map((d) => {
                const past = d.dueAt.getTime() <= props.now.getTime();
                return (
                  <tr>
                    <td>{d.title}</td>
                    <td data-label={t.columns.kind}>{t.kinds[t.kindOf[d.kind] ?? ''] ?? d.kind}</td>
                    <td data-label={t.columns.months}>{`${month(d.coversFrom)}–${month(d.coversTo)}`}</td>
                    <td data-label={t.columns.due}>
                      {formatDate(d.dueAt, props.timeZone)}
                      {past ? ` (${t.past})` : ''}
                    </td>
                    <td data-label={t.columns.notice}>{d.noticeDaysBefore ? t.noticeDays(d.noticeDaysBefore) : t.organisationDays(props.orgNoticeDays)}</td>
                    <td>
                      {past ? null : <a href={`/quan-tri/lich/han/${d.id}/sua${q}`}>{t.edit}</a>} <a href={`/quan-tri/lich/han/${d.id}/huy${q}`}>{t.cancel}</a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section class="card" id="them">
        <h2>{t.addTitle}</h2>
        {Object.keys(props.errors).length > 0 ? <p class="form-error" role="alert">{vi.admin.formHasErrors}</p> : null}
        <DeadlineForm viewer={props.viewer} action={`/quan-tri/lich/han${q}`} values={props.values} errors={props.errors} orgNoticeDays={props.orgNoticeDays} submit={t.add} />
      </section>
    </Layout>
  );
}

/** Editing one deadline (with the version it was read at). */
export function DeadlineEditPage(props: {
  viewer: Viewer;
  organisation: { id: number };
  deadline: ReviewDeadlineRow;
  values: DeadlineFormValues;
  errors: FieldErrors;
  version: string;
  orgNoticeDays: readonly number[];
  formError?: string;
}) {
  const q = `?to-chuc=${props.organisation.id}`;
  return (
    <Layout title={t.editTitle(props.deadline.title)} viewer={props.viewer} nav="admin">
      <h1>{t.editTitle(props.deadline.title)}</h1>
      <p>
        <a href={`/quan-tri/lich/han${q}`}>{t.back}</a>
      </p>
      {props.formError ? <p class="form-error" role="alert">{props.formError}</p> : Object.keys(props.errors).length > 0 ? <p class="form-error" role="alert">{vi.admin.formHasErrors}</p> : null}
      <section class="card">
        <DeadlineForm viewer={props.viewer} action={`/quan-tri/lich/han/${props.deadline.id}/sua${q}`} values={props.values} errors={props.errors} version={props.version} orgNoticeDays={props.orgNoticeDays} submit={t.save} />
      </section>
    </Layout>
  );
}

/** «Hủy hạn»: asks once, without a script. */
export function DeadlineCancelPage(props: { viewer: Viewer; organisation: { id: number }; deadline: ReviewDeadlineRow; timeZone: string }) {
  const q = `?to-chuc=${props.organisation.id}`;
  return (
    <Layout title={t.cancel} viewer={props.viewer} nav="admin">
      <h1>{t.cancel}</h1>
      <section class="card">
        <p>{t.cancelConfirm(props.deadline.title)}</p>
        <p class="muted">{`${month(props.deadline.coversFrom)}–${month(props.deadline.coversTo)} · ${formatDate(props.deadline.dueAt, props.timeZone)}`}</p>
        <form method="post" action={`/quan-tri/lich/han/${props.deadline.id}/huy${q}`} class="inline">
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <button type="submit" class="danger">
            {t.cancelYes}
          </button>{' '}
          <a href={`/quan-tri/lich/han${q}`}>{t.back}</a>
        </form>
      </section>
    </Layout>
  );
}
