/** @jsxImportSource hono/jsx */
import { attendanceRate, formatRate, submissionRate } from '../../core/figures/arithmetic.js';
import type { Capped, InactiveModel, MonthTotals, RaisedText, SubmissionCounts, SubunitSubmission } from '../../core/figures/types.js';
import { formatCount } from '../../core/format.js';
import { vi } from '../../core/messages/vi.js';
import { monthLabel, submissionTone } from '../../core/web/report-view.js';
import { TrendChart } from '../chart.js';
import { raw } from 'hono/html';
import { Layout, type LayoutViewer } from '../layout.js';
import type { ReviewCounts } from '../../storage/queries/report-review.js';

const t = vi.web;

export interface OverviewData {
  unit: { id: number; code: string; name: string };
  subtree: boolean;
  months: string[];
  from: string;
  to: string;
  /** Rows of the matrix: one per sub-unit (and the unit's own, `self`), each month's counts. */
  rows: { unitId: number; code: string; name: string; self: boolean; byMonth: Map<string, SubunitSubmission> }[];
  submission: SubmissionCounts;
  totals: MonthTotals;
  trend: { month: string; reports: number; activities: number; rate: number | null }[];
  inactive: Capped<InactiveModel>;
  raised: Capped<RaisedText>;
  /** The last month's sent reports by review state, per row unit (chờ duyệt / đạt / trả lại). */
  review: Map<number, ReviewCounts>;
}

/**
 * Tổng quan: the viewer's frame (the menu, the scope picker) around the figures' part, which is
 * the same for every viewer of the unit and range and so comes already rendered (and kept, see
 * renderOverviewFigures).
 */
export function OverviewPage(props: { viewer: LayoutViewer; unitName: string; roots: { unitId: number; name: string }[]; figuresHtml: string }) {
  return (
    <Layout title={t.overview.title(props.unitName)} viewer={props.viewer} nav="overview">
      <h1>{t.overview.title(props.unitName)}</h1>
      {props.roots.length > 1 ? (
        <p class="small">
          {t.overview.rootPicker}:{' '}
          {props.roots.map((r, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={`/?don-vi=${r.unitId}`}>{r.name}</a>
            </>
          ))}
        </p>
      ) : null}
      {raw(props.figuresHtml)}
    </Layout>
  );
}

/**
 * The figures' part of Tổng quan as HTML, rendered once per unit and range: a province's matrix
 * and lists are most of a request's time when the figures are kept, so the HTML is kept with them.
 */
export async function renderOverviewFigures(data: OverviewData): Promise<string> {
  return String(await (<OverviewFigures data={data} />).toString());
}

/** The month matrix, the totals of the chosen months, the trend, the warnings. */
function OverviewFigures(props: { data: OverviewData }) {
  const d = props.data;
  const rate = attendanceRate(d.totals);
  return (
    <>
      <form class="filters" method="get" action="/">
        <input type="hidden" name="don-vi" value={String(d.unit.id)} />
        <label>
          {t.overview.from}
          <input type="month" name="tu" value={d.from.slice(0, 7)} required />
        </label>
        <label>
          {t.overview.to}
          <input type="month" name="den" value={d.to.slice(0, 7)} required />
        </label>
        <button type="submit" class="primary">
          {t.overview.show}
        </button>
      </form>

      <section class="card">
        <h2>{t.overview.totalsTitle}</h2>
        <ul class="stats">
          <li>
            {t.overview.submission}
            <b>
              {formatCount(d.submission.submitted)}/{formatCount(d.submission.expected)}
            </b>
            <span class="small muted">{formatRate(submissionRate(d.submission))}</span>
          </li>
          <li>
            {t.overview.onTime}
            <b>{formatCount(d.submission.onTime)}</b>
          </li>
          <li>
            {t.overview.late}
            <b>{formatCount(d.submission.late)}</b>
          </li>
          <li>
            {t.overview.notSent}
            <b>{formatCount(d.submission.notSent)}</b>
          </li>
          <li>
            {t.overview.meetings}
            <b>{formatCount(d.totals.meetingsHeld)}</b>
          </li>
          <li>
            {t.overview.attendance}
            <b>{formatRate(rate)}</b>
            <span class="small muted">
              {formatCount(d.totals.membersPresent)}/{formatCount(d.totals.membersTotal)}
            </span>
          </li>
          <li>
            {t.overview.activities}
            <b>{formatCount(d.totals.activities)}</b>
          </li>
          <li>
            {t.overview.participants}
            <b>{formatCount(d.totals.participants)}</b>
          </li>
        </ul>
      </section>

      <section class="card">
        <h2>{t.overview.matrixTitle}</h2>
        <p class="small muted">{t.overview.matrixNote}</p>
        <div class="legend">
          <span class="ok">{t.status.on_time}</span>
          <span class="warn">{t.status.late}</span>
          <span class="bad">{t.status.not_sent}</span>
        </div>
        {d.rows.length === 0 ? (
          <p>{t.overview.noMatrix}</p>
        ) : (
          <div class="scroll">
            <table class="matrix">
              <thead>
                <tr>
                  <th class="unit" scope="col">
                    {t.overview.unitColumn}
                  </th>
                  {d.months.map((m) => (
                    <th class="num" scope="col">
                      {monthLabel(m)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {d.rows.map((row) => (
                  <tr>
                    <td class="unit">
                      <a href={`/don-vi/${row.unitId}`}>{row.name}</a>
                      {row.self ? <div class="small muted">{t.overview.selfRow}</div> : null}
                    </td>
                    {d.months.map((m) => {
                      const c = row.byMonth.get(m);
                      if (!c) return <td class="cell none">–</td>;
                      const label = t.overview.cell({
                        submitted: formatCount(c.submitted),
                        expected: formatCount(c.expected),
                        onTime: formatCount(c.onTime),
                        late: formatCount(c.late),
                        notSent: formatCount(c.notSent),
                      });
                      return (
                        <td class={`cell ${submissionTone(c)}`} title={label}>
                          {formatCount(c.submitted)}/{formatCount(c.expected)}
                          {c.late > 0 ? <div class="small">{t.overview.lateInCell(formatCount(c.late))}</div> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ReviewStates data={d} />

      <section class="card">
        <h2>{t.overview.trendTitle}</h2>
        <div class="scroll">
        <TrendChart
          title={t.overview.trendTitle}
          barLabel={t.overview.activities}
          rateLabel={t.overview.submission}
          formatCount={formatCount}
          points={d.trend.map((p) => ({ label: monthLabel(p.month), bar: p.activities, rate: p.rate }))}
        />
        </div>
        <p class="small muted">{t.overview.trendNote}</p>
      </section>

      <section class="card">
        <h2>{t.overview.inactiveTitle(monthLabel(d.to))}</h2>
        {d.inactive.items.length === 0 ? (
          <p>{t.overview.inactiveNone}</p>
        ) : (
          <ul class="plain">
            {d.inactive.items.map((m) => (
              <li>
                <a href={`/mo-hinh/${m.modelId}`}>{m.title}</a> · <a href={`/don-vi/${m.unitId}`}>{m.unitName}</a>{' '}
                <span class="small muted">({t.overview.lastActive(m.lastActiveMonth ? monthLabel(m.lastActiveMonth) : null)})</span>
              </li>
            ))}
            {d.inactive.total > d.inactive.items.length ? <li class="muted">{t.overview.more(formatCount(d.inactive.total - d.inactive.items.length))}</li> : null}
          </ul>
        )}
      </section>

      <section class="card">
        <h2>{t.overview.raisedTitle(monthLabel(d.to))}</h2>
        {d.raised.items.length === 0 ? (
          <p>{t.overview.raisedNone}</p>
        ) : (
          <ul class="plain">
            {d.raised.items.map((r) => (
              <li>
                <span class={`tag ${r.kind === 'proposal' ? 'ok' : 'warn'}`}>{r.kind === 'proposal' ? t.overview.proposal : t.overview.difficulty}</span>{' '}
                {r.text}
                <div class="small muted">
                  {monthLabel(r.month)} · <a href={`/don-vi/${r.unitId}`}>{r.unitName}</a>
                  {r.modelTitle ? ` · ${r.modelTitle}` : ''}
                </div>
              </li>
            ))}
            {d.raised.total > d.raised.items.length ? <li class="muted">{t.overview.more(formatCount(d.raised.total - d.raised.items.length))}</li> : null}
          </ul>
        )}
      </section>
    </>
  );
}

/** Per row unit, the last month's sent reports waiting for review, approved and returned. */
function ReviewStates(props: { data: OverviewData }) {
  const d = props.data;
  const w = vi.review.web;
  const rows = d.rows.filter((row) => d.review.has(row.unitId));
  const sum = (key: keyof ReviewCounts) => [...d.review.values()].reduce((n, c) => n + c[key], 0);
  return (
    <section class="card">
      <h2>{w.overviewTitle(monthLabel(d.to))}</h2>
      <p class="small muted">{w.overviewNote}</p>
      {rows.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <div class="scroll">
          <table class="review-states">
            <thead>
              <tr>
                <th scope="col">{t.overview.unitColumn}</th>
                <th scope="col" class="num">
                  {vi.review.states.pending}
                </th>
                <th scope="col" class="num">
                  {vi.review.states.approved}
                </th>
                <th scope="col" class="num">
                  {vi.review.states.returned}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const c = d.review.get(row.unitId)!;
                return (
                  <tr>
                    <td>
                      <a href={`/don-vi/${row.unitId}`}>{row.name}</a>
                      {row.self ? <div class="small muted">{t.overview.selfRow}</div> : null}
                    </td>
                    <td class={`num${c.pending > 0 ? ' warn' : ''}`}>{formatCount(c.pending)}</td>
                    <td class="num">{formatCount(c.approved)}</td>
                    <td class={`num${c.returned > 0 ? ' bad' : ''}`}>{formatCount(c.returned)}</td>
                  </tr>
                );
              })}
              <tr>
                <th scope="row">{vi.review.web.total}</th>
                <td class="num">
                  <b>{formatCount(sum('pending'))}</b>
                </td>
                <td class="num">
                  <b>{formatCount(sum('approved'))}</b>
                </td>
                <td class="num">
                  <b>{formatCount(sum('returned'))}</b>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {sum('pending') > 0 ? (
        <p>
          <a href={`/duyet?thang=${d.to.slice(0, 7)}`}>{w.overviewOpenQueue}</a>
        </p>
      ) : null}
    </section>
  );
}
