/** @jsxImportSource hono/jsx */
import type { ValidationIssue } from '../../../core/errors.js';
import { countChanges, type ImportChange } from '../../../core/import/import-changes.js';
import { formatIsoDate } from '../../../core/format.js';
import { vi } from '../../../core/messages/vi.js';
import type { ImportPreview } from '../../../services/import-upload.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import { Layout } from '../../layout.js';

const w = vi.admin.import;
/** A preview lists at most this many changes (the counts cover them all). */
const SHOWN_CHANGES = 500;

/** The sample files offered for download, by name (served from samples/). */
export const SAMPLE_FILES = ['to-chuc-mau.xlsx', 'don-vi.csv', 'nhan-su.csv', 'mo-hinh.csv'] as const;

/**
 * «Nhập từ tệp»: the upload form with the sample files; after an upload, the whole file's
 * problems (sheet, row, column) or the preview of its changes with «Xác nhận nhập».
 */
export function ImportPage(props: { viewer: Viewer; base: string; preview?: ImportPreview; notice?: { text: string; error?: boolean } }) {
  const p = props.preview;
  return (
    <Layout title={w.title} viewer={props.viewer} nav="admin">
      <div class="crumbs">
        <a href="/quan-tri">{vi.admin.home.title}</a>
      </div>
      <h1>{w.title}</h1>
      {props.notice ? <p class={props.notice.error ? 'form-error' : 'form-ok'} role="status">{props.notice.text}</p> : null}
      {p && !p.ok ? <Problems fileName={p.fileName} issues={p.issues} /> : null}
      {p && p.ok ? <Preview viewer={props.viewer} base={props.base} preview={p} /> : null}
      <section class="card">
        <p class="muted">{w.lead}</p>
        <form class="admin" method="post" action={`${props.base}/xem-truoc`} enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <label class="wide">
            {w.fileLabel}
            <input type="file" name="tep" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" required />
          </label>
          <div class="actions">
            <button type="submit" class="primary">
              {w.check}
            </button>
          </div>
        </form>
      </section>
      <section class="card">
        <h2>{w.samplesTitle}</h2>
        <p class="small muted">{w.samplesLead}</p>
        <ul>
          {SAMPLE_FILES.map((name) => (
            <li>
              <a href={`${props.base}/mau/${name}`} download={name}>
                {w.samples[name]}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

function Problems(props: { fileName: string; issues: readonly ValidationIssue[] }) {
  return (
    <section class="card" aria-labelledby="loi">
      <h2 id="loi" class="form-error">
        {w.problemsTitle(props.issues.length)}
      </h2>
      <p class="small muted">{props.fileName}</p>
      <table class="cards">
        <thead>
          <tr>
            <th>{w.columns.problem}</th>
            <th>{w.columns.sheet}</th>
            <th>{w.columns.row}</th>
            <th>{w.columns.column}</th>
          </tr>
        </thead>
        <tbody>
          {props.issues.map((i) => (
            <tr>
              <td>{i.message}</td>
              <td data-label={w.columns.sheet}>{i.sheet ?? '–'}</td>
              <td data-label={w.columns.row}>{i.row ?? '–'}</td>
              <td data-label={w.columns.column}>{i.column ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Preview(props: { viewer: Viewer; base: string; preview: Extract<ImportPreview, { ok: true }> }) {
  const { summary } = props.preview;
  const shown = summary.changes.slice(0, SHOWN_CHANGES);
  return (
    <section class="card" aria-labelledby="xem-truoc">
      <h2 id="xem-truoc">{w.previewTitle(props.preview.fileName)}</h2>
      <p>{w.previewLead}</p>
      <p>
        <strong>{w.counts(countChanges(summary.changes))}</strong>
      </p>
      <p class="small muted">{w.rowsRead(summary.units, summary.roles, summary.models)}</p>
      {summary.duplicates.length > 0 ? <p class="small muted">{w.duplicates(summary.duplicates.length)}</p> : null}
      {summary.changes.length === 0 ? (
        <p>{w.nothingChanges}</p>
      ) : (
        <>
          {shown.length < summary.changes.length ? <p class="small muted">{w.tooMany(shown.length, summary.changes.length)}</p> : null}
          <table class="cards">
            <thead>
              <tr>
                <th>{w.changeColumns.subject}</th>
                <th>{w.changeColumns.what}</th>
                <th>{w.changeColumns.entity}</th>
                <th>{w.changeColumns.unit}</th>
                <th>{w.changeColumns.details}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr data-change={c.kind}>
                  <td>{c.subject}</td>
                  <td data-label={w.changeColumns.what}>{w.kinds[c.kind]}</td>
                  <td data-label={w.changeColumns.entity}>{c.role ? `${w.entities[c.entity]} ${vi.roles[c.role]}` : w.entities[c.entity]}</td>
                  <td data-label={w.changeColumns.unit}>{c.unitCode}</td>
                  <td data-label={w.changeColumns.details}>{describe(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div class="actions">
        <form class="inline" method="post" action={`${props.base}/xac-nhan`}>
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <input type="hidden" name="tep" value={props.preview.token} />
          <input type="hidden" name="ban-xem-truoc" value={props.preview.digest} />
          <button type="submit" class="primary">
            {w.confirm}
          </button>
        </form>{' '}
        <form class="inline" method="post" action={`${props.base}/huy`}>
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <input type="hidden" name="tep" value={props.preview.token} />
          <button type="submit" class="link">
            {w.cancel}
          </button>
        </form>
      </div>
    </section>
  );
}

/** A changed value as people write it: a field or status by its name, a date as dd/mm/yyyy. */
function shown(field: string, value: string | null): string | null {
  if (value === null) return null;
  if (field === 'field') return (vi.web.fields as Record<string, string>)[value] ?? value;
  if (field === 'status') return (vi.web.modelStatuses as Record<string, string>)[value] ?? value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatIsoDate(value);
  return value;
}

function describe(change: ImportChange): string {
  return change.fields
    .map((f) => {
      const label = w.fields[f.field] ?? f.field;
      const [before, after] = [shown(f.field, f.before), shown(f.field, f.after)];
      if (change.kind === 'added' || change.kind === 'ended') return after === null ? '' : `${label}: ${after}`;
      return `${label}: ${before ?? w.none} → ${after ?? w.none}`;
    })
    .filter(Boolean)
    .join('; ');
}
