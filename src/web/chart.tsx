/** @jsxImportSource hono/jsx */

/** One month of the trend: a bar (a count) and a point on the line (a rate), either may be missing. */
export interface TrendPoint {
  label: string;
  bar: number;
  rate: number | null;
}

/**
 * The trend as an SVG drawn on the server (like the digest chart): bars for a count, a line
 * for a rate from 0 to 100%. Presentation attributes only (no style attribute, no script), so
 * it passes the console's CSP; it scales to the width of a phone.
 */
export function TrendChart(props: { points: readonly TrendPoint[]; barLabel: string; rateLabel?: string; title: string; formatCount: (n: number) => string }) {
  const width = 640;
  const height = 240;
  const left = 44;
  const right = 44;
  const top = 18;
  const bottom = 40;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = Math.max(props.points.length, 1);
  const step = plotW / n;
  const max = Math.max(1, ...props.points.map((p) => p.bar));
  const nice = niceCeiling(max);
  const x = (i: number) => left + step * i + step / 2;
  const yBar = (v: number) => top + plotH - (v / nice) * plotH;
  const yRate = (r: number) => top + plotH - r * plotH;
  const line = props.points
    .map((p, i) => (p.rate === null ? null : `${x(i).toFixed(1)},${yRate(p.rate).toFixed(1)}`))
    .filter((s): s is string => s !== null);
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title} xmlns="http://www.w3.org/2000/svg">
      <title>{props.title}</title>
      {[0, 0.5, 1].map((f) => (
        <g>
          <line x1={left} x2={width - right} y1={top + plotH * (1 - f)} y2={top + plotH * (1 - f)} stroke="#e1e4e8" stroke-width="1" />
          <text x={left - 6} y={top + plotH * (1 - f) + 4} font-size="12" text-anchor="end" fill="#5b6570">
            {props.formatCount(Math.round(nice * f))}
          </text>
          {props.rateLabel ? (
            <text x={width - right + 6} y={top + plotH * (1 - f) + 4} font-size="12" fill="#a4161a">
              {`${Math.round(f * 100)}%`}
            </text>
          ) : null}
        </g>
      ))}
      {props.points.map((p, i) => (
        <g>
          <rect x={x(i) - step * 0.3} y={yBar(p.bar)} width={step * 0.6} height={Math.max(0, top + plotH - yBar(p.bar))} fill="#7aa6d6">
            <title>{`${p.label}: ${props.barLabel} ${props.formatCount(p.bar)}`}</title>
          </rect>
          <text x={x(i)} y={height - bottom + 16} font-size="12" text-anchor="middle" fill="#1d232a">
            {p.label}
          </text>
        </g>
      ))}
      {line.length > 1 ? <polyline points={line.join(' ')} fill="none" stroke="#a4161a" stroke-width="2.5" /> : null}
      {props.points.map((p, i) => (p.rate === null ? null : <circle cx={x(i)} cy={yRate(p.rate)} r="3.5" fill="#a4161a" />))}
      <rect x={left} y={height - 16} width="12" height="10" fill="#7aa6d6" />
      <text x={left + 16} y={height - 7} font-size="12" fill="#1d232a">
        {props.barLabel}
      </text>
      {props.rateLabel ? (
        <>
          <line x1={left + 200} x2={left + 220} y1={height - 11} y2={height - 11} stroke="#a4161a" stroke-width="2.5" />
          <text x={left + 226} y={height - 7} font-size="12" fill="#1d232a">
            {props.rateLabel}
          </text>
        </>
      ) : null}
    </svg>
  );
}

/** 37 → 40, 1234 → 1500: a round top for the axis. */
function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const f of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (f * magnitude >= value) return f * magnitude;
  return 10 * magnitude;
}
