// Plain SVG charts: no chart library, crisp at any size, printable.
import { yuan } from '../money.js';

export interface Bar {
  label: string;
  value: number;
}

const PALETTE = ['#1f6feb', '#2da44e', '#d4a72c', '#cf222e', '#8250df', '#1b7c83'];

export function BarChart(props: { bars: Bar[]; height?: number; money?: boolean; testId?: string; title: string }): React.JSX.Element {
  const h = props.height ?? 180;
  const w = 600;
  const pad = { l: 8, r: 8, t: 18, b: 22 };
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const bw = (w - pad.l - pad.r) / Math.max(1, props.bars.length);
  return (
    <svg className="chart" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={props.title} data-testid={props.testId}>
      <line x1={pad.l} x2={w - pad.r} y1={h - pad.b} y2={h - pad.b} stroke="#c9d1d9" />
      {props.bars.map((b, i) => {
        const bh = ((h - pad.t - pad.b) * b.value) / max;
        const x = pad.l + i * bw;
        return (
          <g key={b.label}>
            <rect x={x + bw * 0.15} y={h - pad.b - bh} width={bw * 0.7} height={bh} rx={2} fill={PALETTE[0]}>
              <title>{`${b.label}: ${props.money ? yuan(b.value) : b.value}`}</title>
            </rect>
            {b.value > 0 && (
              <text x={x + bw / 2} y={h - pad.b - bh - 4} textAnchor="middle" fontSize="10" fill="#57606a">
                {props.money ? Math.round(b.value / 100) : b.value}
              </text>
            )}
            <text x={x + bw / 2} y={h - 6} textAnchor="middle" fontSize="11" fill="#57606a">
              {b.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function DonutChart(props: { slices: Bar[]; title: string; testId?: string }): React.JSX.Element {
  const total = props.slices.reduce((s, x) => s + x.value, 0);
  const r = 60;
  const c = 2 * Math.PI * r;
  let offset = 0;
  return (
    <div className="donut" data-testid={props.testId}>
      <svg viewBox="0 0 160 160" role="img" aria-label={props.title} width="160" height="160">
        <circle cx="80" cy="80" r={r} fill="none" stroke="#eaeef2" strokeWidth="24" />
        {total > 0 &&
          props.slices.map((s, i) => {
            const len = (s.value / total) * c;
            const el = <circle key={s.label} cx="80" cy="80" r={r} fill="none" stroke={PALETTE[i % PALETTE.length]} strokeWidth="24" strokeDasharray={`${len} ${c - len}`} strokeDashoffset={-offset} transform="rotate(-90 80 80)" />;
            offset += len;
            return el;
          })}
        <text x="80" y="85" textAnchor="middle" fontSize="14" fontWeight="bold" fill="#1d2330">
          {yuan(total)}
        </text>
      </svg>
      <ul className="legend">
        {props.slices.map((s, i) => (
          <li key={s.label}>
            <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} />
            {s.label} <strong>{yuan(s.value)}</strong> <span className="muted">{total ? Math.round((s.value / total) * 100) : 0}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function HBarChart(props: { bars: Bar[]; title: string; money?: boolean; testId?: string }): React.JSX.Element {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const rowH = 26;
  const w = 420;
  const labelW = 150;
  return (
    <svg className="chart" viewBox={`0 0 ${w} ${Math.max(rowH, props.bars.length * rowH)}`} role="img" aria-label={props.title} data-testid={props.testId}>
      {props.bars.map((b, i) => {
        const bw = ((w - labelW - 80) * b.value) / max;
        return (
          <g key={b.label} transform={`translate(0 ${i * rowH})`}>
            <text x={labelW - 6} y={rowH / 2 + 4} textAnchor="end" fontSize="12" fill="#1d2330">
              {b.label}
            </text>
            <rect x={labelW} y={5} width={Math.max(1, bw)} height={rowH - 10} rx={2} fill={PALETTE[1]} />
            <text x={labelW + bw + 6} y={rowH / 2 + 4} fontSize="11" fill="#57606a">
              {props.money ? yuan(b.value) : b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
