/** @jsxImportSource hono/jsx */
import type { ReportStage } from '../../core/review/report-review.js';
import { formatCount, formatDateTime } from '../../core/format.js';
import { vi } from '../../core/messages/vi.js';
import { monthLabel } from '../../core/web/report-view.js';
import type { ReviewCandidate, ReviewHistoryItem } from '../../storage/queries/report-review.js';
import { Layout, type LayoutViewer } from '../layout.js';

const r = vi.review;

/** A report's review as its page shows it: where it stands, what this viewer may do, its history. */
export interface ReportReviewView {
  stage: ReportStage;
  version: number;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  comment: string | null;
  /** The steps this viewer may take now (none unless they review the unit). */
  available: ('approve' | 'return')[];
  /** Whether this viewer reviews the unit's reports at all. */
  reviewer: boolean;
  history: ReviewHistoryItem[];
  /** What the last step did (after a redirect), or why it was refused. */
  notice?: string[];
  error?: string;
  /** A comment typed before a refused return, shown again. */
  draftComment?: string;
}

/** The review state as a coloured tag. */
export function ReviewBadge(props: { stage: ReportStage }) {
  const tone = props.stage === 'approved' ? 'ok' : props.stage === 'returned' ? 'bad' : 'warn';
  return <span class={`tag ${tone}`}>{r.states[props.stage]}</span>;
}

/** At the top of the report page: what the last step did or why it was refused, and the return's comment. */
export function ReviewNotices(props: { review: ReportReviewView; timeZone: string }) {
  const v = props.review;
  const when = (d: Date) => formatDateTime(d, props.timeZone).replace(' ngày ', ' ');
  return (
    <>
      {v.notice && v.notice.length > 0 ? (
        <div class="notice" role="status">
          {v.notice.map((line) => (
            <p>{line}</p>
          ))}
        </div>
      ) : null}
      {v.error ? (
        <p class="notice" role="alert">
          {v.error}
        </p>
      ) : null}
      {v.stage === 'returned' && v.comment ? (
        <section class="card">
          <h2>{r.web.lastComment}</h2>
          <p class="comment">{v.comment}</p>
          {v.reviewedBy && v.reviewedAt ? <p class="small muted">{r.web.reviewedBy(v.reviewedBy, when(v.reviewedAt))}</p> : null}
        </section>
      ) : null}
    </>
  );
}

/** At the end of the report page, once it is read: the forms «Đạt» and «Trả lại để sửa» for a reviewer, and the history. */
export function ReviewActions(props: { viewer: LayoutViewer; reportId: number; review: ReportReviewView; timeZone: string }) {
  const v = props.review;
  const when = (d: Date) => formatDateTime(d, props.timeZone).replace(' ngày ', ' ');
  return (
    <>
      {v.available.length > 0 ? (
        <section class="card" id="duyet">
          <h2>{r.web.formTitle}</h2>
          <p class="small muted">{r.web.formNote(v.version)}</p>
          <div class="review-forms">
            {v.available.includes('approve') ? (
              <form method="post" action={`/bao-cao/${props.reportId}/duyet`}>
                <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
                <input type="hidden" name="phien-ban" value={String(v.version)} />
                <button type="submit" class="primary">
                  {r.web.approve}
                </button>
              </form>
            ) : null}
            {v.available.includes('return') ? (
              <form method="post" action={`/bao-cao/${props.reportId}/tra-lai`} class="return">
                <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
                <input type="hidden" name="phien-ban" value={String(v.version)} />
                <label for="nhan-xet">{r.web.commentLabel}</label>
                <textarea id="nhan-xet" name="nhan-xet" rows={4} required>
                  {v.draftComment ?? ''}
                </textarea>
                <button type="submit" class="secondary">
                  {r.web.returnButton}
                </button>
              </form>
            ) : null}
          </div>
        </section>
      ) : v.stage !== 'draft' && !v.reviewer ? (
        <p class="small muted">{r.web.notReviewerNote}</p>
      ) : null}
      <section class="card">
        <h2>{r.web.history}</h2>
        {v.history.length === 0 ? (
          <p class="muted">{r.web.noHistory}</p>
        ) : (
          <ol class="history">
            {v.history.map((h) => (
              <li>
                {r.web.historyLine({ action: r.actions[h.action], version: h.version, by: h.by, at: when(h.at), via: r.via[h.via] ?? h.via })}
                {h.comment ? <p class="comment">{h.comment}</p> : null}
                {h.commentOriginal ? (
                  <details>
                    <summary class="small">{r.web.fullComment}</summary>
                    <p class="comment">{h.commentOriginal}</p>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

/** The result of a bulk «Đạt»: how many were approved, and why the others were not. */
export interface BulkResult {
  approved: number;
  refused: { unitName: string; month: string; reason: string }[];
}

/** Duyệt: a month's reports waiting for this viewer's review, to approve in bulk or open one by one. */
export function ReviewQueuePage(props: {
  viewer: LayoutViewer;
  month: string;
  items: ReviewCandidate[];
  total: number;
  timeZone: string;
  result?: BulkResult;
  error?: string;
}) {
  const title = r.web.queueTitle(monthLabel(props.month));
  return (
    <Layout title={title} viewer={props.viewer} nav="review">
      <h1>{title}</h1>
      {props.result ? (
        <div class="notice" role="status">
          {props.result.approved > 0 ? <p>{r.web.bulkDone(props.result.approved)}</p> : null}
          {props.result.refused.length > 0 ? (
            <>
              <p>{r.web.bulkRefused(props.result.refused.length)}</p>
              <ul>
                {props.result.refused.map((x) => (
                  <li>
                    {x.unitName} ({monthLabel(x.month)}): {x.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {props.error ? (
        <p class="notice" role="alert">
          {props.error}
        </p>
      ) : null}
      <form class="filters" method="get" action="/duyet">
        <label>
          {r.web.queueMonth}
          <input type="month" name="thang" value={props.month.slice(0, 7)} required />
        </label>
        <button type="submit" class="primary">
          {r.web.queueShow}
        </button>
      </form>
      <p class="small muted">{r.web.queueNote}</p>
      <section class="card">
        {props.items.length === 0 ? (
          <p>{r.web.queueEmpty}</p>
        ) : (
          <form method="post" action="/duyet">
            <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
            <input type="hidden" name="thang" value={props.month.slice(0, 7)} />
            <div class="scroll">
              <table class="stack queue">
                <thead>
                  <tr>
                    <th scope="col">{r.web.queueUnit}</th>
                    <th scope="col">{r.web.queueSent}</th>
                    <th scope="col" class="num">
                      {r.web.queueVersion}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {props.items.map((item) => (
                    <tr>
                      <td class="pick">
                        <input type="checkbox" name="bao-cao" value={`${item.reportId}:${item.version}`} aria-label={r.web.queuePickLabel(item.unitName)} />{' '}
                        <a href={`/bao-cao/${item.reportId}`}>{item.unitName}</a>
                      </td>
                      <td>
                        <span class="stack-label">{r.web.queueSent}: </span>
                        {formatDateTime(item.submittedAt, props.timeZone).replace(' ngày ', ' ')}
                      </td>
                      <td class="num">
                        <span class="stack-label">{r.web.queueVersion} </span>
                        {formatCount(item.version)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {props.total > props.items.length ? <p class="small muted">{r.web.more(props.total - props.items.length)}</p> : null}
            <p>
              <button type="submit" class="primary">
                {r.web.bulkApprove}
              </button>
            </p>
          </form>
        )}
      </section>
    </Layout>
  );
}

/** A unit's month as the «Cho phép báo cáo bổ sung» form needs it. */
export interface MonthOpeningView {
  /** What this viewer may do now: open a missed month, reopen a closed one (an admin), or nothing. */
  offer: 'supplement' | 'reopen' | null;
  /** A window already open for the unit, until then. */
  openUntil: Date | null;
  /** The deadline the form proposes, "YYYY-MM-DD". */
  defaultUntil: string;
}

/** In a unit's month row: a window already open, and the form to open the month again for the unit. */
export function MonthOpeningCell(props: { viewer: LayoutViewer; unitId: number; month: string; opening: MonthOpeningView; timeZone: string }) {
  const o = r.opening;
  return (
    <>
      {props.opening.openUntil ? <div class="small">{o.open(formatDateTime(props.opening.openUntil, props.timeZone).replace(' ngày ', ' '))}</div> : null}
      {props.opening.offer ? (
        <form method="post" action={`/don-vi/${props.unitId}/mo-thang`} class="opening">
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <input type="hidden" name="thang" value={props.month.slice(0, 7)} />
          <label>
            <span class="small muted">{o.formLabel}</span>
            <input type="date" name="han" value={props.opening.defaultUntil} required />
          </label>
          <button type="submit" class="secondary">
            {props.opening.offer === 'reopen' ? o.reopenButton : o.button}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** At the top of a unit's page: what opening a month did, or why not. */
export function MonthOpeningNotice(props: { text: string; error: boolean }) {
  return (
    <p class="notice" role={props.error ? 'alert' : 'status'}>
      {props.text}
    </p>
  );
}
