import type { GroupSummary } from '../api';
import { money, pct } from '../format';

const W = 640;
const H = 320;
const M = { top: 32, right: 24, bottom: 44, left: 56 };
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563', '#be185d'];

/** Top-1 accuracy (with its 95% CI) against mean cost, one point per doctor and protocol; hand-written SVG. */
export function AccuracyCostChart(props: { groups: GroupSummary[] }) {
  const points = props.groups.filter((g) => g.accuracy && g.cost);
  if (points.length === 0) return <p className="muted">Nothing to plot yet.</p>;
  const maxCost = Math.max(...points.map((g) => g.cost!.high), 1) * 1.1;
  const x = (c: number) => M.left + (c / maxCost) * (W - M.left - M.right);
  const y = (a: number) => H - M.bottom - a * (H - M.top - M.bottom);
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * maxCost);
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Accuracy against mean cost">
      {[0, 0.25, 0.5, 0.75, 1].map((a) => (
        <g key={a}>
          <line x1={M.left} x2={W - M.right} y1={y(a)} y2={y(a)} className="grid" />
          <text x={M.left - 8} y={y(a) + 4} textAnchor="end" className="tick">
            {pct(a)}
          </text>
        </g>
      ))}
      {xTicks.map((c) => (
        <text key={c} x={x(c)} y={H - M.bottom + 18} textAnchor="middle" className="tick">
          {money(c).replace(/\.\d\d$/, '')}
        </text>
      ))}
      <text x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle" className="axis-label">
        Mean cost per encounter (USD, 95% CI)
      </text>
      <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
        Top-1 accuracy (95% CI)
      </text>
      {points.map((g, i) => {
        const color = COLORS[i % COLORS.length];
        const cx = x(g.cost!.mean);
        const cy = y(g.accuracy!.estimate);
        // Labels of nearby points are stacked upwards so they do not overprint each other.
        const crowd = points.slice(0, i).filter((o) => Math.abs(x(o.cost!.mean) - cx) < 110 && Math.abs(y(o.accuracy!.estimate) - cy) < 16).length;
        const right = cx > W * 0.7;
        return (
          <g key={`${g.doctor}|${g.protocol}`}>
            <line x1={cx} x2={cx} y1={y(g.accuracy!.low)} y2={y(g.accuracy!.high)} stroke={color} strokeWidth={2} />
            <line x1={x(g.cost!.low)} x2={x(g.cost!.high)} y1={cy} y2={cy} stroke={color} strokeWidth={2} />
            <circle cx={cx} cy={cy} r={5} fill={color}>
              <title>{`${g.doctor} (${g.protocol}): ${pct(g.accuracy!.estimate)} at ${money(g.cost!.mean)}`}</title>
            </circle>
            <text x={right ? cx - 8 : cx + 8} y={cy - 8 - crowd * 14} textAnchor={right ? 'end' : 'start'} className="point-label" fill={color}>
              {g.doctor}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
