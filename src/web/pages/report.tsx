/** @jsxImportSource hono/jsx */
import { formatClock, formatCount, formatDate } from '../../core/format.js';
import { vi } from '../../core/messages/vi.js';
import { diffAnswers, formatAnswer, monthLabel, readQuestions, splitModelKey, unitAnswers, snapshotAnswers, type QuestionLabel } from '../../core/web/report-view.js';
import type { AttachmentItem } from '../../storage/queries/attachments.js';
import type { ReportDetail } from '../../storage/queries/report-detail.js';
import { Layout, type LayoutViewer } from '../layout.js';
import { PhotoGallery } from './photo-gallery.js';
import { ReviewActions, ReviewBadge, ReviewNotices, type ReportReviewView } from './review.js';

const t = vi.web;
const words = { yes: t.report.yes, no: t.report.no, skipped: t.report.skipped, photos: t.report.photosCount };

/** "m1.activities" → "Mô hình 2 · Số hoạt động"; a unit question by its label; else the key. */
function labelOf(key: string, questions: readonly QuestionLabel[], modelTitles: readonly string[]): string {
  const model = splitModelKey(key);
  const q = questions.find((x) => x.key === (model ? model.question : key));
  if (!model) return q?.label ?? key;
  return `${modelTitles[model.index] ?? `Mô hình ${model.index + 1}`} · ${q?.label ?? model.question}`;
}

/** One report as the secretary gave it, under its question-set version, with history and photos. */
export function ReportPage(props: { viewer: LayoutViewer; report: ReportDetail; photos: AttachmentItem[]; timeZone: string; review?: ReportReviewView }) {
  const r = props.report;
  const questions = readQuestions(r.questionSet.definition);
  const modelTitles = r.models.map((m) => m.title);
  const unitQuestions = questions.filter((q) => q.scope === 'unit');
  const given = unitAnswers(r.answers, r.columns, r.goodDeeds.map((g) => g.description));
  const known = new Set(questions.map((q) => q.key));
  const others = Object.keys(r.answers).filter((k) => !known.has(k) && !splitModelKey(k));
  const when = (d: Date) => `${formatClock(d, props.timeZone).replace(' ngày ', ' ')}/${formatDate(d, props.timeZone).slice(6)}`;
  return (
    <Layout title={t.report.title(r.unit.name, monthLabel(r.month))} viewer={props.viewer} nav="units">
      <div class="crumbs">
        <a href={`/don-vi/${r.unit.id}`}>{r.unit.name}</a>
      </div>
      <h1>{t.report.title(r.unit.name, monthLabel(r.month))}</h1>
      {props.review ? <ReviewNotices review={props.review} timeZone={props.timeZone} /> : null}
      <section class="card">
        <dl class="facts">
          <dt>{t.report.status}</dt>
          <dd>
            {r.status === 'submitted' && r.submittedAt ? (
              r.submittedAt.getTime() <= r.dueAt.getTime() ? (
                <span class="tag ok">{t.status.on_time}</span>
              ) : (
                <span class="tag warn">{t.status.late}</span>
              )
            ) : (
              <span class="tag bad">{t.status.draft}</span>
            )}
          </dd>
          {props.review && props.review.stage !== 'draft' ? (
            <>
              <dt>{vi.review.web.stateLabel}</dt>
              <dd>
                <ReviewBadge stage={props.review.stage} />
              </dd>
            </>
          ) : null}
          <dt>{t.report.due}</dt>
          <dd>{formatDate(r.dueAt, props.timeZone)}</dd>
          {r.submittedAt ? (
            <>
              <dt>{t.report.submittedAt}</dt>
              <dd>{when(r.submittedAt)}</dd>
            </>
          ) : null}
          {r.submittedBy ? (
            <>
              <dt>{t.report.submittedBy}</dt>
              <dd>{r.submittedBy}</dd>
            </>
          ) : null}
        </dl>
        <p class="small muted">{t.report.questionSet(r.questionSet.version, r.questionSet.title)}</p>
      </section>
      {r.status !== 'submitted' ? <p class="notice">{t.report.draft}</p> : null}
      {r.noActivity ? (
        <p class="notice">{t.report.noActivity}</p>
      ) : (
        <>
          <section class="card">
            <h2>{t.report.unitAnswers}</h2>
            <dl class="facts">
              {unitQuestions
                .filter((q) => q.key in given)
                .map((q) => (
                  <>
                    <dt>{q.label}</dt>
                    <dd>{formatAnswer(given[q.key], words)}</dd>
                  </>
                ))}
            </dl>
            {r.goodDeeds.length > 0 && !unitQuestions.some((q) => q.key === 'goodDeeds') ? (
              <>
                <h2>{t.report.goodDeeds}</h2>
                <ul>
                  {r.goodDeeds.map((g) => (
                    <li>{g.personName ? `${g.personName}: ${g.description}` : g.description}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {others.length > 0 ? (
              <>
                <h2>{t.report.otherAnswers}</h2>
                <dl class="facts">
                  {others.map((k) => (
                    <>
                      <dt>{k}</dt>
                      <dd>{formatAnswer(r.answers[k], words)}</dd>
                    </>
                  ))}
                </dl>
              </>
            ) : null}
          </section>
          <section class="card">
            <h2>{t.report.modelAnswers}</h2>
            {r.models.map((m) => (
              <div>
                <h3>
                  <a href={`/mo-hinh/${m.modelId}`}>{m.title}</a>
                </h3>
                <dl class="facts">
                  <dt>{t.models.activities}</dt>
                  <dd>{m.activities === null ? t.report.skipped : formatCount(m.activities)}</dd>
                  <dt>{t.models.participants}</dt>
                  <dd>{m.participants === null ? t.report.skipped : formatCount(m.participants)}</dd>
                  <dt>{t.models.progress}</dt>
                  <dd>{m.progress ? (t.progress[m.progress as keyof typeof t.progress] ?? m.progress) : t.report.skipped}</dd>
                  <dt>{t.models.results}</dt>
                  <dd>{m.results ?? t.report.skipped}</dd>
                  <dt>{t.overview.difficulty}</dt>
                  <dd>{m.difficulties ?? t.report.skipped}</dd>
                </dl>
              </div>
            ))}
          </section>
        </>
      )}
      <PhotoGallery
        title={t.report.photos}
        photos={props.photos.map((p) => ({ id: p.id, state: p.state, alt: t.report.photoAlt(p.modelTitle ?? r.unit.name), caption: p.modelTitle ?? undefined }))}
      />
      <section class="card">
        <h2>{t.report.versions}</h2>
        {r.versions.length === 0 ? (
          <p class="muted">{t.report.draft}</p>
        ) : (
          <ul class="plain">
            {r.versions.map((v, i) => {
              const before = i === 0 ? null : snapshotAnswers(r.versions[i - 1]!.snapshot);
              const changes = before === null ? [] : diffAnswers(before, snapshotAnswers(v.snapshot));
              return (
                <li>
                  <b>{t.report.version(v.version)}</b> · {when(v.at)}
                  {v.editedBy ? ` · ${v.editedBy}` : ''}
                  <div class="small">
                    {before === null
                      ? t.report.firstVersion
                      : changes.length === 0
                        ? t.report.noChange
                        : changes.map((c) => <div>{t.report.changed(labelOf(c.key, questions, modelTitles), formatAnswer(c.before, words), formatAnswer(c.after, words))}</div>)}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {props.review ? <ReviewActions viewer={props.viewer} reportId={r.id} review={props.review} timeZone={props.timeZone} /> : null}
    </Layout>
  );
}
