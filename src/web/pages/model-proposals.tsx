/** @jsxImportSource hono/jsx */
import { vi } from '../../core/messages/vi.js';
import { monthLabel } from '../../core/web/report-view.js';
import type { ProposalView } from '../../storage/queries/model-proposals.js';

const w = vi.admin.models.proposals;

/** The proposals waiting for this viewer (/mohinh), each with «Xác nhận» and «Từ chối» (a reason needed). */
export function ProposalsSection(props: { csrfToken: string; proposals: readonly ProposalView[]; back: string; errors?: Record<number, string> }) {
  if (props.proposals.length === 0) return null;
  return (
    <section class="card" aria-labelledby="de-xuat">
      <h2 id="de-xuat">{w.title}</h2>
      <ul class="proposals">
        {props.proposals.map((p) => {
          const error = props.errors?.[p.id];
          return (
            <li>
              <strong>{p.title}</strong> <span class="small">({vi.web.fields[p.field]})</span>
              <div class="small muted">{w.line(p.unitName, monthLabel(p.startsOn.slice(0, 7)), p.proposedByName)}</div>
              <form class="inline" method="post" action={`/mo-hinh/de-xuat/${p.id}`}>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <input type="hidden" name="ve" value={props.back} />
                <button type="submit" name="quyet-dinh" value="xac-nhan" class="primary">
                  {w.confirm}
                </button>
                <label>
                  {w.reason}
                  <input name="ly-do" aria-invalid={error ? 'true' : undefined} />
                </label>
                <button type="submit" name="quyet-dinh" value="tu-choi" class="danger">
                  {w.refuse}
                </button>
                {error ? <span class="field-error">{error}</span> : null}
              </form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
