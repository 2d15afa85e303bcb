/** @jsxImportSource hono/jsx */
import { CALENDAR_FIELDS, LAST_DAY_OF_MONTH, type CalendarFormValues, type CalendarPreviewLine } from '../../../core/calendar-form.js';
import { formatDateTime, formatMonth } from '../../../core/format.js';
import { vi } from '../../../core/messages/vi.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { FieldErrors } from '../../admin/admin-kit.js';
import { Layout } from '../../layout.js';

const t = vi.admin.calendar;
const f = CALENDAR_FIELDS;

/** What the calendar page shows: the organisation, the form's values, their problems, and the preview. */
export interface CalendarPageProps {
  viewer: Viewer;
  timeZone: string;
  organisation: { id: number; name: string };
  organisations: readonly { id: number; name: string }[];
  values: CalendarFormValues;
  version: string;
  errors: FieldErrors;
  notice?: string;
  preview?: { month: { year: number; month: number }; lines: CalendarPreviewLine[]; typed: boolean };
  formError?: string;
}

function ErrorOf(props: { errors: FieldErrors; field: string }) {
  const message = props.errors[props.field];
  return message ? (
    <span class="field-error" id={`${props.field}-loi`}>
      {message}
    </span>
  ) : null;
}

function invalid(errors: FieldErrors, field: string) {
  return errors[field] ? { 'aria-invalid': 'true', 'aria-describedby': `${field}-loi` } : {};
}

function HourSelect(props: { field: string; label: string; values: CalendarFormValues; errors: FieldErrors }) {
  const current = props.values[props.field] ?? '';
  return (
    <label>
      {props.label}
      <select name={props.field} {...invalid(props.errors, props.field)}>
        {Array.from({ length: 24 }, (_, h) => (
          <option value={String(h)} selected={current === String(h)}>
            {t.hourOption(h)}
          </option>
        ))}
        {/^\d+$/.test(current) && Number(current) >= 0 && Number(current) <= 23 ? null : <option value={current} selected>{current}</option>}
      </select>
      <ErrorOf errors={props.errors} field={props.field} />
    </label>
  );
}

function DaySelect(props: { field: string; label: string; values: CalendarFormValues; errors: FieldErrors }) {
  const current = props.values[props.field] ?? '';
  const days = Array.from({ length: 28 }, (_, i) => i + 1);
  const known = days.map(String).includes(current) || current === String(LAST_DAY_OF_MONTH);
  return (
    <label>
      {props.label}
      <select name={props.field} {...invalid(props.errors, props.field)}>
        {days.map((d) => (
          <option value={String(d)} selected={current === String(d)}>
            {String(d)}
          </option>
        ))}
        <option value={String(LAST_DAY_OF_MONTH)} selected={current === String(LAST_DAY_OF_MONTH)}>
          {t.lastDay}
        </option>
        {known ? null : <option value={current} selected>{current}</option>}
      </select>
      <ErrorOf errors={props.errors} field={props.field} />
    </label>
  );
}

function TextField(props: { field: string; label: string; values: CalendarFormValues; errors: FieldErrors; inputmode?: 'text' | 'numeric' }) {
  return (
    <label>
      {props.label}
      <input name={props.field} value={props.values[props.field] ?? ''} inputmode={props.inputmode ?? 'numeric'} {...invalid(props.errors, props.field)} />
      <ErrorOf errors={props.errors} field={props.field} />
    </label>
  );
}

/** «Lịch báo cáo»: the organisation's calendar in a form, «Xem trước» (the next month's dates) and «Lưu». */
export function CalendarPage(props: CalendarPageProps) {
  const { values, errors } = props;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout title={t.title} viewer={props.viewer} nav="admin">
      <h1>{t.title}</h1>
      <p class="muted">{t.lead(props.organisation.name)}</p>
      {props.organisations.length > 1 ? (
        <form method="get" action="/quan-tri/lich" class="inline">
          <label>
            {t.organisation}{' '}
            <select name="to-chuc">
              {props.organisations.map((o) => (
                <option value={String(o.id)} selected={o.id === props.organisation.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t.choose}</button>
        </form>
      ) : null}
      {props.notice ? <p class="form-ok" role="status">{props.notice}</p> : null}
      {props.formError ? <p class="form-error" role="alert">{props.formError}</p> : hasErrors ? <p class="form-error" role="alert">{vi.admin.formHasErrors}</p> : null}
      {errors._form ? <p class="form-error">{errors._form}</p> : null}
      <section class="card">
        <form method="post" action={`/quan-tri/lich?to-chuc=${props.organisation.id}`} class="admin calendar">
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <input type="hidden" name="phien-ban" value={props.version} />
          <DaySelect field={f.opensOnDay} label={t.fields.opensOnDay} values={values} errors={errors} />
          <HourSelect field={f.opensAtHour} label={t.fields.opensAtHour} values={values} errors={errors} />
          <DaySelect field={f.dueOnDay} label={t.fields.dueOnDay} values={values} errors={errors} />
          <TextField field={f.reminderDaysBefore} label={t.fields.reminderDaysBefore} values={values} errors={errors} inputmode="text" />
          <HourSelect field={f.reminderHour} label={t.fields.reminderHour} values={values} errors={errors} />
          <TextField field={f.escalateDaysAfter} label={t.fields.escalateDaysAfter} values={values} errors={errors} />
          <label>
            {t.fields.digestWeekday}
            <select name={f.digestWeekday} {...invalid(errors, f.digestWeekday)}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option value={String(d)} selected={values[f.digestWeekday] === String(d)}>
                  {t.weekdays[d]}
                </option>
              ))}
            </select>
            <ErrorOf errors={errors} field={f.digestWeekday} />
          </label>
          <TextField field={f.digestTime} label={t.fields.digestTime} values={values} errors={errors} inputmode="text" />
          <HourSelect field={f.quietFromHour} label={t.fields.quietFromHour} values={values} errors={errors} />
          <HourSelect field={f.quietUntilHour} label={t.fields.quietUntilHour} values={values} errors={errors} />
          <TextField field={f.snoozeHours} label={t.fields.snoozeHours} values={values} errors={errors} />
          <TextField field={f.reviewNoticeDaysBefore} label={t.fields.reviewNoticeDaysBefore} values={values} errors={errors} inputmode="text" />
          <TextField field={f.reviewGraceDays} label={t.fields.reviewGraceDays} values={values} errors={errors} />
          <p class="wide small muted">{t.dueRule}</p>
          <div class="actions">
            <button type="submit" name="hanh-dong" value="xem-truoc">
              {t.preview}
            </button>
            <button type="submit" name="hanh-dong" value="luu" class="primary">
              {t.save}
            </button>
          </div>
        </form>
      </section>
      {props.preview ? (
        <section class="card" id="xem-truoc">
          <h2>{(props.preview.typed ? t.previewTitle : t.previewCurrent)(formatMonth(props.preview.month.year, props.preview.month.month))}</h2>
          {props.preview.typed ? <p class="muted">{t.previewNotSaved}</p> : null}
          <table class="cards preview">
            <thead>
              <tr>
                <th scope="col">{t.previewColumns.when}</th>
                <th scope="col">{t.previewColumns.what}</th>
              </tr>
            </thead>
            <tbody>
              {props.preview.lines.map((line) => (
                <tr>
                  <td>{formatDateTime(line.at, props.timeZone)}</td>
                  <td>
                    {line.what}
                    {line.moved ? ` ${t.movedOutOfQuiet}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </Layout>
  );
}
