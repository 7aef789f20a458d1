// Charts drawn as SVG by React: grouped bars and lines over month or account labels, with an optional right-hand
// axis for shares. Every label is a text node and every tooltip a <title>, so names from reports can never inject
// markup. (Charting libraries that patch prototypes at load time break under the app's frozen prototypes.)
import { useEffect, useRef, useState } from "react";

export interface Series {
  name: string;
  kind: "bar" | "line";
  values: (number | null)[];
  /** Plotted against the right-hand axis (a share between 0 and 1). */
  right?: boolean;
}

const COLOURS = ["var(--accent)", "var(--text-faint)", "var(--ok)", "var(--warn)"];

/** Round axis steps: 1, 2 or 5 times a power of ten. */
export function niceMax(max: number, ticks = 4): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return { top: step * Math.ceil(max / step), step };
}

export function Chart(props: {
  labels: string[];
  series: Series[];
  format: (v: number) => string;
  formatRight?: (v: number) => string;
  height?: number;
  testId?: string;
  ariaLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    if (!box.current) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.max(200, Math.floor(entries[0].contentRect.width))));
    observer.observe(box.current);
    return () => observer.disconnect();
  }, []);

  const height = props.height ?? 240;
  const left = props.series.filter((s) => !s.right);
  const bars = props.series.filter((s) => s.kind === "bar" && !s.right);
  const maxLeft = Math.max(0, ...left.flatMap((s) => s.values.map((v) => v ?? 0)));
  const { top, step } = niceMax(maxLeft);
  const leftTicks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const axisWidth = Math.max(...leftTicks.map((v) => props.format(v).length)) * 6.5 + 8;
  const rightWidth = props.formatRight ? 40 : 8;
  const plot = { x: axisWidth, y: 24, w: Math.max(10, width - axisWidth - rightWidth), h: height - 24 - 22 };
  const n = Math.max(1, props.labels.length);
  const slot = plot.w / n;
  const barWidth = Math.min(28, (slot * 0.8) / Math.max(1, bars.length));
  const yLeft = (v: number) => plot.y + plot.h - (v / top) * plot.h;
  const yRight = (v: number) => plot.y + plot.h - Math.min(1, Math.max(0, v)) * plot.h;
  const centre = (i: number) => plot.x + slot * i + slot / 2;
  const labelEvery = Math.ceil(n / Math.max(1, Math.floor(plot.w / 96)));
  const short = (s: string) => (s.length > 12 ? `${s.slice(0, 11)}…` : s);

  return (
    <div ref={box} className="chart" data-testid={props.testId}>
      <svg width={width} height={height} role="img" aria-label={props.ariaLabel}>
        {leftTicks.map((v) => (
          <g key={v}>
            <line x1={plot.x} x2={plot.x + plot.w} y1={yLeft(v)} y2={yLeft(v)} className="grid-line" />
            <text x={plot.x - 6} y={yLeft(v) + 4} textAnchor="end" className="axis-label">
              {props.format(v)}
            </text>
          </g>
        ))}
        {props.formatRight &&
          [0, 0.5, 1].map((v) => (
            <text key={v} x={plot.x + plot.w + 4} y={yRight(v) + 4} className="axis-label">
              {props.formatRight!(v)}
            </text>
          ))}
        {props.labels.map((label, i) => (
          <g key={i}>
            <title>{[label, ...props.series.map((s) => `${s.name}: ${s.values[i] === null ? "—" : (s.right && props.formatRight ? props.formatRight : props.format)(s.values[i]!)}`)].join("\n")}</title>
            <rect x={plot.x + slot * i} y={plot.y} width={slot} height={plot.h} className="hover-slot" />
            {bars.map((s, k) => {
              const v = s.values[i] ?? 0;
              const x = centre(i) - (bars.length * barWidth) / 2 + k * barWidth;
              return <rect key={s.name} x={x} y={yLeft(Math.max(0, v))} width={Math.max(1, barWidth - 1)} height={Math.abs(yLeft(0) - yLeft(v))} fill={COLOURS[props.series.indexOf(s) % COLOURS.length]} rx={1} />;
            })}
            {i % labelEvery === 0 && (
              <text x={centre(i)} y={height - 6} textAnchor="middle" className="axis-label">
                {short(label)}
              </text>
            )}
          </g>
        ))}
        {props.series
          .filter((s) => s.kind === "line")
          .map((s) => {
            const y = s.right ? yRight : yLeft;
            const points = s.values.map((v, i) => (v === null ? null : `${centre(i)},${y(v)}`)).filter(Boolean);
            const colour = COLOURS[props.series.indexOf(s) % COLOURS.length];
            return <polyline key={s.name} points={points.join(" ")} fill="none" stroke={colour} strokeWidth={2} />;
          })}
        <g className="legend">
          {props.series.map((s, k) => {
            const x = width - rightWidth - (props.series.length - k) * 120;
            return (
              <g key={s.name} transform={`translate(${Math.max(plot.x, x)}, 6)`}>
                <rect width={10} height={10} rx={2} fill={COLOURS[k % COLOURS.length]} />
                <text x={14} y={9} className="axis-label">
                  {short(s.name)}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </div>
  );
}
