/** @jsxImportSource hono/jsx */
import { MODEL_FIELDS, MODEL_STATUSES, type ModelField, type ModelStatus } from '../../core/domain.js';
import { formatCount, formatDate } from '../../core/format.js';
import { vi } from '../../core/messages/vi.js';
import { monthLabel } from '../../core/web/report-view.js';
import type { AttachmentItem } from '../../storage/queries/attachments.js';
import type { ModelListItem, ModelMonth } from '../../storage/queries/unit-directory.js';
import type { ModelCohorts } from '../../core/models/model-rules.js';
import { TrendChart } from '../chart.js';
import type { Child } from 'hono/jsx';
import { Layout, type LayoutViewer } from '../layout.js';
import { PhotoGallery } from './photo-gallery.js';

const t = vi.web;

export interface ModelFilters {
  unitId: number;
  field?: ModelField;
  status?: ModelStatus;
  /** "2026-09" as the month input gives it. */
  inactiveSince?: string;
  page: number;
}

/** Mô hình: the scope's models, filtered by field, status and "no activity since". */
export function ModelsPage(props: {
  viewer: LayoutViewer;
  unitName: string;
  filters: ModelFilters;
  total: number;
  items: ModelListItem[];
  pageSize: number;
  /** Kept / new / replicated running models of the scope (issue 17); absent: not shown. */
  cohorts?: ModelCohorts;
  /** Above the list: the proposals waiting for this viewer (issue 17), rendered by the caller. */
  proposals?: Child;
  /** What the last action did (PRG). */
  notice?: string;
}) {
  const f = props.filters;
  const query = (page: number) => {
    const q = new URLSearchParams({ 'don-vi': String(f.unitId) });
    if (f.field) q.set('linh-vuc', f.field);
    if (f.status) q.set('tinh-trang', f.status);
    if (f.inactiveSince) q.set('khong-hoat-dong-tu', f.inactiveSince);
    q.set('trang', String(page));
    return `/mo-hinh?${q.toString()}`;
  };
  return (
    <Layout title={t.models.title} viewer={props.viewer} nav="models">
      <h1>
        {t.models.title}: {props.unitName}
      </h1>
      {props.cohorts ? (
        <p class="cohorts">
          {vi.admin.models.cohorts({
            total: formatCount(props.cohorts.total),
            kept: formatCount(props.cohorts.kept),
            fresh: formatCount(props.cohorts.fresh),
            replicated: formatCount(props.cohorts.replicated),
            year: props.cohorts.year,
          })}
        </p>
      ) : null}
      {props.notice ? <p class="form-ok" role="status">{props.notice}</p> : null}
      {props.proposals ?? null}
      <form class="filters" method="get" action="/mo-hinh">
        <input type="hidden" name="don-vi" value={String(f.unitId)} />
        <label>
          {t.models.field}
          <select name="linh-vuc">
            <option value="">{t.models.all}</option>
            {MODEL_FIELDS.map((x) => (
              <option value={x} selected={f.field === x}>
                {t.fields[x]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.models.statusLabel}
          <select name="tinh-trang">
            <option value="">{t.models.all}</option>
            {MODEL_STATUSES.map((x) => (
              <option value={x} selected={f.status === x}>
                {t.modelStatuses[x]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.models.inactiveSince}
          <input type="month" name="khong-hoat-dong-tu" value={f.inactiveSince ?? ''} />
        </label>
        <button type="submit" class="primary">
          {t.models.filter}
        </button>
      </form>
      <section class="card">
        <p class="small muted">{t.models.count(formatCount(props.items.length), formatCount(props.total))}</p>
        {props.items.length === 0 ? (
          <p>{t.models.none}</p>
        ) : (
          <div class="scroll">
            <table class="stack">
              <thead>
                <tr>
                  <th>{t.models.title}</th>
                  <th>{t.models.unit}</th>
                  <th>{t.models.field}</th>
                  <th>{t.models.statusLabel}</th>
                  <th>{t.models.lastActive}</th>
                </tr>
              </thead>
              <tbody>
                {props.items.map((m) => (
                  <tr>
                    <td>
                      <a href={`/mo-hinh/${m.id}`}>{m.title}</a>
                    </td>
                    <td>
                      <a href={`/don-vi/${m.unitId}`}>{m.unitName}</a>
                    </td>
                    <td>{t.fields[m.field]}</td>
                    <td>{t.modelStatuses[m.status]}</td>
                    <td>{m.lastActiveMonth ? monthLabel(m.lastActiveMonth) : <span class="muted">–</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div class="pager">
          {f.page > 1 ? <a href={query(f.page - 1)}>{t.models.prev}</a> : null}
          {f.page * props.pageSize < props.total ? <a href={query(f.page + 1)}>{t.models.next}</a> : null}
        </div>
      </section>
    </Layout>
  );
}

/** One model: its unit, field and status, the monthly series and the photo gallery. */
export function ModelPage(props: {
  viewer: LayoutViewer;
  model: ModelListItem & { description: string | null };
  series: ModelMonth[];
  photos: AttachmentItem[];
  timeZone: string;
}) {
  const m = props.model;
  const chronological = [...props.series].reverse();
  return (
    <Layout title={m.title} viewer={props.viewer} nav="models">
      <div class="crumbs">
        <a href={`/don-vi/${m.unitId}`}>{m.unitName}</a>
      </div>
      <h1>{m.title}</h1>
      <section class="card">
        <dl class="facts">
          <dt>{t.models.unit}</dt>
          <dd>
            <a href={`/don-vi/${m.unitId}`}>{m.unitName}</a>
          </dd>
          <dt>{t.models.field}</dt>
          <dd>{t.fields[m.field]}</dd>
          <dt>{t.models.statusLabel}</dt>
          <dd>{t.modelStatuses[m.status]}</dd>
          {m.startedOn ? (
            <>
              <dt>{t.models.started}</dt>
              <dd>{formatDate(new Date(`${m.startedOn}T12:00:00Z`), props.timeZone)}</dd>
            </>
          ) : null}
        </dl>
        {m.description ? <p>{m.description}</p> : null}
      </section>
      <section class="card">
        <h2>{t.models.series}</h2>
        {props.series.length === 0 ? (
          <p class="muted">{t.models.noSeries}</p>
        ) : (
          <>
            <div class="scroll">
              <TrendChart
                title={t.models.series}
                barLabel={t.models.activities}
                formatCount={formatCount}
                points={chronological.map((s) => ({ label: monthLabel(s.month), bar: s.activities ?? 0, rate: null }))}
              />
            </div>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t.models.month}</th>
                    <th class="num">{t.models.activities}</th>
                    <th class="num">{t.models.participants}</th>
                    <th>{t.models.progress}</th>
                    <th>{t.models.results}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.series.map((s) => (
                    <tr>
                      <td>
                        <a href={`/bao-cao/${s.reportId}`}>{monthLabel(s.month)}</a>
                      </td>
                      <td class="num">{s.activities === null ? '–' : formatCount(s.activities)}</td>
                      <td class="num">{s.participants === null ? '–' : formatCount(s.participants)}</td>
                      <td>{s.progress ? (t.progress[s.progress as keyof typeof t.progress] ?? s.progress) : '–'}</td>
                      <td>{s.results ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <PhotoGallery
        title={t.models.gallery}
        photos={props.photos.map((p) => ({ id: p.id, state: p.state, alt: t.report.photoAlt(m.title), caption: <a href={`/bao-cao/${p.reportId}`}>{monthLabel(p.month)}</a> }))}
      />
    </Layout>
  );
}
