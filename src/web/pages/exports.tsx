/** @jsxImportSource hono/jsx */
import { EXPORT_FORMATS } from '../../core/figures/export-request.js';
import { formatClock } from '../../core/format.js';
import { vi } from '../../core/messages/vi.js';
import type { UnitChoice } from '../../storage/queries/unit-directory.js';
import { Layout, type LayoutViewer } from '../layout.js';

const t = vi.web;

/** A file the person asked for: ready (with its id) or still being made, or failed. */
export interface ExportListing {
  ready: { id: number; fileName: string; createdAt: Date }[];
  pending: { fileName: string; startedAt: Date; failed: boolean }[];
}

/** What the form shows: the unit chosen (by code) or typed, the months and the format. */
export interface ExportForm {
  unitCode: string;
  /** A code typed in the text box (it wins over the select), shown back as typed. */
  typedCode: string;
  from: string;
  to: string;
  format: string;
}

/** Xuất: the form (a unit of the scope, or its code typed; months; format) and the person's files of the last days. */
export function ExportsPage(props: {
  viewer: LayoutViewer;
  form: ExportForm;
  /** The units to choose from, in tree order (listScopeUnitChoices). */
  units: readonly UnitChoice[];
  listing: ExportListing;
  error?: string;
  timeZone: string;
}) {
  const waiting = props.listing.pending.some((p) => !p.failed);
  return (
    <Layout title={t.exports.title} viewer={props.viewer} nav="exports" refreshSeconds={waiting ? 3 : undefined}>
      <h1>{t.exports.title}</h1>
      {props.error ? (
        <p class="notice" role="alert">
          {props.error}
        </p>
      ) : null}
      <section class="card">
        <form class="filters" method="post" action="/xuat">
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <label>
            {t.exports.unit}
            <select name="don-vi">
              {props.units.map((u) => (
                <option value={u.code} selected={u.code === props.form.unitCode}>
                  {`${'\u00a0\u00a0\u00a0'.repeat(u.level)}${u.name} (${u.code})`}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.exports.unitTyped}
            <input type="text" name="ma-don-vi" value={props.form.typedCode} maxlength={64} pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" title={t.exports.unitCodeFormat} autocomplete="off" />
          </label>
          <label>
            {t.exports.from}
            <input type="month" name="tu" value={props.form.from} required />
          </label>
          <label>
            {t.exports.to}
            <input type="month" name="den" value={props.form.to} required />
          </label>
          <label>
            {t.exports.format}
            <select name="dinh-dang">
              {EXPORT_FORMATS.map((f) => (
                <option value={f} selected={props.form.format === f}>
                  {t.exports.formats[f]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" class="primary">
            {t.exports.submit}
          </button>
        </form>
        <p class="small muted">{t.exports.unitHint}</p>
      </section>
      <section class="card">
        <h2>{t.exports.ready}</h2>
        {waiting ? <p role="status">{t.exports.preparing}</p> : null}
        {props.listing.pending
          .filter((p) => p.failed)
          .map((p) => (
            <p class="bad">
              {p.fileName}: {t.exports.failed}
            </p>
          ))}
        {props.listing.ready.length === 0 ? (
          <p class="muted">{t.exports.noFiles}</p>
        ) : (
          <ul class="plain">
            {props.listing.ready.map((f) => (
              <li>
                <a href={`/xuat/tep/${f.id}`} download={f.fileName}>
                  {t.exports.download} {f.fileName}
                </a>{' '}
                <span class="small muted">{formatClock(f.createdAt, props.timeZone)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
