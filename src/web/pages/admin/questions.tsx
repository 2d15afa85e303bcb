/** @jsxImportSource hono/jsx */
import { parseStoredQuestionSet } from '../../../core/checkin/question-set-schema.js';
import { formatDate, formatDateTime } from '../../../core/format.js';
import { vi } from '../../../core/messages/vi.js';
import type { QuestionSetOverview } from '../../../services/question-set-drafts.js';
import { monthLabel } from '../../../services/question-sets.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { OrgUnitRow } from '../../../storage/types.js';
import { Layout } from '../../layout.js';
import { DoneLine } from './org-fields.js';

const t = vi.admin.questions;
const BASE = '/quan-tri/cau-hoi';

/** The link to a scope's page. */
export const scopeLink = (path: string, unit: { code: string }) => `${BASE}${path}?don-vi=${encodeURIComponent(unit.code)}`;

/** «Bộ câu hỏi báo cáo»: the set in force for a scope, its published versions, its draft, and the subtrees with their own. */
export function QuestionsOverviewPage(props: {
  viewer: Viewer;
  timeZone: string;
  unit: OrgUnitRow;
  root: OrgUnitRow;
  organisations: readonly { code: string; name: string }[];
  overview: QuestionSetOverview;
  notice: string | undefined;
}) {
  const { unit, root, overview } = props;
  const isRoot = unit.id === root.id;
  const inForce = overview.inForce;
  return (
    <Layout title={t.title} viewer={props.viewer} nav="admin">
      <h1>{t.title}</h1>
      <p class="muted">{t.lead(unit.name)}</p>
      {props.organisations.length > 1 ? (
        <p class="small">
          {t.organisation}:{' '}
          {props.organisations.map((o, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              {o.code === root.code && isRoot ? <strong>{o.name}</strong> : <a href={scopeLink('', o)}>{o.name}</a>}
            </>
          ))}
        </p>
      ) : null}
      {isRoot ? null : (
        <p>
          <a href={scopeLink('', root)}>{t.subtree.backToOrg(root.name)}</a>
        </p>
      )}
      <DoneLine text={props.notice} />
      <section class="card">
        <h2>{t.inForce.title}</h2>
        <p>
          {inForce.scope
            ? t.inForce.line({ version: inForce.row.version, scope: inForce.scope.name, from: inForce.row.effectiveFrom ? monthLabel(inForce.row.effectiveFrom) : null })
            : t.inForce.defaultSet(inForce.row.version)}{' '}
          {t.inForce.questions(inForce.definition.questions.length)}
        </p>
        {!isRoot && inForce.scope?.id !== unit.id ? <p class="muted small">{t.inForce.inherited(inForce.scope?.name ?? root.name)}</p> : null}
        <p class="muted small">{t.inForce.month(monthLabel(overview.currentMonth))}</p>
        <ol class="question-list">
          {inForce.definition.questions.map((question) => (
            <li>
              <strong>{question.label}</strong> <span class="muted small">({t.kinds[question.kind]}, {t.scopes[question.scope]})</span>
            </li>
          ))}
        </ol>
      </section>
      <section class="card">
        <h2>{t.editor.title(unit.name)}</h2>
        {overview.draft ? (
          <>
            <p>{t.draft.exists(formatDateTime(overview.draft.updatedAt, props.timeZone))}</p>
            <p>
              <a class="button" href={scopeLink('/nhap', unit)}>
                {t.draft.open}
              </a>{' '}
              <a class="button secondary" href={scopeLink('/thu', unit)}>
                {t.editor.toPreview}
              </a>
            </p>
          </>
        ) : (
          <>
            <p class="muted">{t.draft.none}</p>
            <form method="post" action={scopeLink('/nhap', unit)} class="inline">
              <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
              <button type="submit" class="primary">
                {t.draft.start}
              </button>
            </form>
          </>
        )}
      </section>
      <section class="card">
        <h2>{t.versions.title}</h2>
        {overview.versions.length === 0 ? (
          <p class="muted">{t.versions.none}</p>
        ) : (
          <table class="cards">
            <thead>
              <tr>
                <th>{t.versions.columns.version}</th>
                <th>{t.versions.columns.from}</th>
                <th>{t.versions.columns.questions}</th>
                <th>{t.versions.columns.published}</th>
              </tr>
            </thead>
            <tbody>
              {overview.versions.map((v) => (
                <tr>
                  <td>{t.versions.columns.version} {v.version}</td>
                  <td data-label={t.versions.columns.from}>{v.effectiveFrom ? monthLabel(v.effectiveFrom) : t.versions.fromStart}</td>
                  <td data-label={t.versions.columns.questions}>{questionsIn(v.definition)}</td>
                  <td data-label={t.versions.columns.published}>{formatDate(v.createdAt, props.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {isRoot ? (
        <section class="card">
          <h2>{t.subtree.title}</h2>
          <p class="muted small">{t.subtree.lead}</p>
          <form method="get" action={BASE} class="inline">
            <label>
              {t.subtree.field} <input name="don-vi" required maxlength={60} />
            </label>
            <button type="submit">{t.subtree.open}</button>
          </form>
          {overview.overrides.length > 0 ? (
            <>
              <p class="small">{t.subtree.existing}</p>
              <ul>
                {overview.overrides.map((o) => (
                  <li>
                    <a href={scopeLink('', o)}>{o.name}</a> <span class="muted small">({o.code})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

function questionsIn(definition: unknown): string {
  try {
    return String(parseStoredQuestionSet(definition).questions.length);
  } catch {
    return '–';
  }
}
