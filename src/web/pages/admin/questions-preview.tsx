/** @jsxImportSource hono/jsx */
import type { PreviewInput, PreviewRun } from '../../../core/checkin/preview.js';
import { vi } from '../../../core/messages/vi.js';
import type { Viewer } from '../../../services/web-sign-in.js';
import type { OrgUnitRow } from '../../../storage/types.js';
import { Layout } from '../../layout.js';
import { scopeLink } from './questions.js';

const t = vi.admin.questions.preview;

/**
 * «Thử như bí thư»: the draft's check-in as a chat, the bot's lines and the answers so far; the
 * last message's buttons as submit buttons and a text box. What was sent travels in a hidden field.
 */
export function QuestionsPreviewPage(props: { viewer: Viewer; unit: OrgUnitRow; run: PreviewRun; inputs: readonly PreviewInput[] }) {
  const { run } = props;
  const action = `${scopeLink('/thu', props.unit)}#tra-loi`;
  const sent = JSON.stringify(props.inputs);
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
      <input type="hidden" name="da-gui" value={sent} />
    </>
  );
  return (
    <Layout title={t.title} viewer={props.viewer} nav="admin">
      <h1>
        {t.title}: {props.unit.name}
      </h1>
      <p class="muted">{t.lead}</p>
      <p class="muted small">
        {t.notSaved} <a href={scopeLink('/nhap', props.unit)}>{t.toEditor}</a>
      </p>
      <ol class="chat" aria-live="polite">
        {run.transcript.map((line, n) =>
          line.from === 'me' ? (
            <li class="me">
              <span class="who">{t.me}</span>
              <div class="bubble">{line.text}</div>
            </li>
          ) : (
            <li class="bot">
              <span class="who">{t.bot}</span>
              <div class="bubble">{line.reply.text}</div>
              {line.reply.choices && n < run.transcript.length - 1 ? (
                <div class="chips" aria-hidden="true">
                  {line.reply.choices.map((choice) => (
                    <span class="chip">{choice.label}</span>
                  ))}
                </div>
              ) : null}
            </li>
          ),
        )}
      </ol>
      <section class="card" id="tra-loi">
        {run.submitted ? <p class="form-ok" role="status">{t.submitted}</p> : null}
        {run.buttons && run.buttons.length > 0 ? (
          <form method="post" action={action} class="chat-buttons">
            {hidden}
            {run.buttons.map((choice) => (
              <button type="submit" name="nut" value={choice.value}>
                {choice.label}
              </button>
            ))}
            {run.asking?.kind === 'photos' ? (
              <button type="submit" name="anh" value="1" class="secondary">
                📷 {t.photo}
              </button>
            ) : null}
          </form>
        ) : null}
        {run.submitted ? null : (
          <form method="post" action={action} class="chat-text">
            {hidden}
            <label for="tra-loi-chu" class="visually-hidden">
              {t.answer}
            </label>
            <input id="tra-loi-chu" name="tra-loi" maxlength={1000} autocomplete="off" placeholder={t.answer} autofocus />
            <button type="submit" class="primary">
              {t.send}
            </button>
          </form>
        )}
        <form method="post" action={scopeLink('/thu', props.unit)} class="inline restart">
          <input type="hidden" name="_csrf" value={props.viewer.csrfToken} />
          <button type="submit" name="lam-lai" value="1">
            {t.restart}
          </button>
        </form>
      </section>
    </Layout>
  );
}
