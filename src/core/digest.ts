import { attendanceRate, change, formatDelta, formatRate, parseMonthKey, submissionRate } from './figures/arithmetic.js';
import type { DigestFigures } from './figures/types.js';
import { formatCount, formatDate, formatMonth } from './format.js';
import { vi } from './messages/vi.js';

/** A bar chart as data; the reports layer draws it. */
export interface DigestChart {
  title: string;
  subtitle: string;
  bars: { label: string; rate: number; caption: string }[];
}

/** At most this many sub-units get a line (and a bar); the rest are summed in one. */
const SUBUNITS_SHOWN = 12;
const TEXTS_SHOWN = 5;

/**
 * The weekly digest of a leader's subtree, in words and as a chart: submission by sub-unit, the
 * month's totals against the month before, models with no activity for two months (the "hình
 * thức" warning), difficulties and proposals raised, and the coming deadlines. Only what the
 * figures say about the leader's own subtree: they were computed for it alone.
 */
export function composeDigest(f: DigestFigures, o: { person: string; timeZone: string }): { text: string; chart: DigestChart } {
  const D = vi.digest;
  const { year, month } = parseMonthKey(f.month);
  const period = formatMonth(year, month);
  const sub = f.submission.total;
  const cur = f.totals.current;
  const prev = f.totals.previous;
  const rate = formatRate(submissionRate(sub));

  const lines: string[] = [D.title(o.person, f.unit.name, period)];
  lines.push(
    sub.expected === 0
      ? D.noReportingUnits
      : D.submission({ submitted: formatCount(sub.submitted), expected: formatCount(sub.expected), rate, late: formatCount(sub.late), notSent: formatCount(sub.notSent) }),
  );
  // The leader's own unit, when it reports too (a xã committee with its own mô hình), comes first.
  const rows = f.submission.bySubunit.map((r) => (r.self ? { ...r, name: D.ownUnit(r.name) } : r));
  for (const r of rows.slice(0, SUBUNITS_SHOWN)) {
    lines.push(D.subunitLine({ name: r.name, submitted: formatCount(r.submitted), expected: formatCount(r.expected), rate: formatRate(submissionRate(r)) }));
  }
  if (rows.length > SUBUNITS_SHOWN) lines.push(D.moreSubunits(rows.length - SUBUNITS_SHOWN));
  if (f.review) {
    // How the month's reports stand for review, and what waits for this leader (issue 19).
    const R = vi.review.digest;
    const c = f.review.counts;
    if (c.pending + c.approved + c.returned > 0) lines.push(R.counts({ pending: formatCount(c.pending), approved: formatCount(c.approved), returned: formatCount(c.returned) }));
    const w = f.review.waiting;
    if (w.total > 0) {
      lines.push('', R.waitingTitle(w.total));
      for (const item of w.items.slice(0, TEXTS_SHOWN)) {
        const m = parseMonthKey(item.month);
        lines.push(R.waitingLine(item.unitName, formatMonth(m.year, m.month)));
      }
      if (w.total > TEXTS_SHOWN) lines.push(R.more(w.total - TEXTS_SHOWN));
      lines.push(R.howTo);
    }
  }

  lines.push('', D.totalsTitle(period));
  const meetings = change(cur.meetingsHeld, prev.meetingsHeld);
  const participants = change(cur.participants, prev.participants);
  const activities = change(cur.activities, prev.activities);
  lines.push(D.meetings(formatCount(cur.meetingsHeld), formatDelta(meetings.delta)));
  lines.push(D.activities(formatCount(cur.activities), formatDelta(activities.delta), formatCount(cur.participants), formatDelta(participants.delta)));
  const attendance = attendanceRate(cur);
  if (attendance !== null) {
    const before = attendanceRate(prev);
    lines.push(D.attendance(formatRate(attendance), formatCount(cur.membersPresent), formatCount(cur.membersTotal), before === null ? null : formatRate(before)));
  }

  // The questions a set marks «show in digest» (issue 18): a province's own, the themed session's attendance.
  if (f.questionLines && f.questionLines.length > 0) lines.push(...f.questionLines);

  if (f.inactiveModels.total > 0) {
    lines.push('', D.inactiveTitle(f.inactiveModels.total));
    for (const m of f.inactiveModels.items.slice(0, TEXTS_SHOWN)) lines.push(D.inactiveLine(m.title, m.unitName));
    if (f.inactiveModels.total > TEXTS_SHOWN) lines.push(D.more(f.inactiveModels.total - TEXTS_SHOWN));
  }
  if (f.raised.total > 0) {
    lines.push('', D.raisedTitle(f.raised.total));
    for (const r of f.raised.items.slice(0, TEXTS_SHOWN)) lines.push(D.raisedLine(r.kind === 'proposal', r.unitName, oneLine(r.text, 160)));
    if (f.raised.total > TEXTS_SHOWN) lines.push(D.more(f.raised.total - TEXTS_SHOWN));
  }
  if (f.deadlines.length > 0) {
    lines.push('', D.deadlinesTitle);
    for (const d of f.deadlines) lines.push(D.deadlineLine(d.title, formatDate(new Date(d.dueAt), o.timeZone)));
  }
  lines.push('', D.footer);

  const chart: DigestChart = {
    title: D.chartTitle(period, f.unit.name),
    subtitle: D.chartSubtitle(formatCount(sub.submitted), formatCount(sub.expected), rate),
    bars: rows.slice(0, SUBUNITS_SHOWN).map((r) => ({
      label: r.name,
      rate: submissionRate(r) ?? 0,
      caption: `${formatRate(submissionRate(r))} (${formatCount(r.submitted)}/${formatCount(r.expected)})`,
    })),
  };
  return { text: lines.join('\n'), chart };
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}
