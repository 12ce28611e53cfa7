export interface Bar {
  /** Unique per bar (the day). */
  id: string;
  /** Short axis label ("3/14"). */
  label: string;
  value: number;
  /** Optional: how much of `value`, from the baseline up, is drawn in the second tone (e.g. new cards). */
  part?: number;
  /** Tooltip and accessible text for this bar. */
  title: string;
}

/** A series drawn over the bars, one value per bar (e.g. recall doing nothing vs following a plan). */
export interface Line {
  id: string;
  values: number[];
}

interface Props {
  bars: Bar[];
  /** Accessible summary of the whole chart. */
  summary: string;
  tone: 'due' | 'reviews' | 'workload' | 'recall';
  lines?: Line[];
  /** A horizontal rule across the chart at this value (a target). */
  rule?: number;
  /** The top of the scale (default: the largest value), and how to write it. */
  max?: number;
  maxLabel?: string;
}

const W = 320;
const H = 90;
const TOP = 14;
const AXIS = 16;
const LABELS = 5;

/**
 * A small hand-drawn SVG bar chart (no chart library): bars, a baseline, a few labels, and
 * optionally lines over the bars and a dashed rule. The SVG is one image to assistive
 * technology, named by `summary`; each bar has its own tooltip; callers give the numbers as a
 * table as well.
 */
export function BarChart({ bars, summary, tone, lines = [], rule, max: top, maxLabel }: Props) {
  const max = top ?? Math.max(1, ...bars.map((b) => b.value), ...lines.flatMap((l) => l.values), rule ?? 0);
  const slot = W / Math.max(1, bars.length);
  const bar = Math.max(2, slot * 0.72);
  const y = (v: number) => TOP + H - (Math.min(v, max) / max) * H;
  const height = (v: number) => (v > 0 ? Math.max(1, Math.round((Math.min(v, max) / max) * H)) : 0);
  // About LABELS evenly spaced labels, always the first and the last.
  const step = Math.max(1, Math.ceil((bars.length - 1) / (LABELS - 1)));
  const labelled = (i: number) =>
    i === bars.length - 1 || (i % step === 0 && bars.length - 1 - i >= step / 2);
  return (
    <svg
      className={`chart chart-${tone}`}
      viewBox={`0 0 ${W} ${H + AXIS + TOP}`}
      role="img"
      aria-label={summary}
    >
      <title>{summary}</title>
      <line className="chart-axis" x1={0} x2={W} y1={TOP + H + 0.5} y2={TOP + H + 0.5} />
      <text className="chart-max" x={0} y={TOP - 4}>
        {maxLabel ?? max}
      </text>
      {bars.map((b, i) => {
        const h = height(b.value);
        const p = b.part ? Math.min(h, height(b.part)) : 0;
        const x = i * slot + (slot - bar) / 2;
        const anchor = i === 0 ? 'start' : i === bars.length - 1 ? 'end' : 'middle';
        const lx = anchor === 'start' ? x : anchor === 'end' ? x + bar : x + bar / 2;
        return (
          <g key={b.id}>
            <rect className="chart-bar" x={x} y={TOP + H - h} width={bar} height={h}>
              <title>{b.title}</title>
            </rect>
            {p > 0 && (
              <rect className="chart-part" x={x} y={TOP + H - p} width={bar} height={p}>
                <title>{b.title}</title>
              </rect>
            )}
            {labelled(i) && (
              <text className="chart-label" x={lx} y={TOP + H + AXIS - 3} textAnchor={anchor}>
                {b.label}
              </text>
            )}
          </g>
        );
      })}
      {rule !== undefined && <line className="chart-rule" x1={0} x2={W} y1={y(rule)} y2={y(rule)} />}
      {lines.map((l) => (
        <polyline
          key={l.id}
          className={`chart-line chart-line-${l.id}`}
          points={l.values.map((v, i) => `${i * slot + slot / 2},${y(v)}`).join(' ')}
        />
      ))}
      {/* Transparent full-height targets, on top, so short bars and lines still show each day's tooltip. */}
      {bars.map((b, i) => (
        <rect key={b.id} className="chart-hit" x={i * slot} y={TOP} width={slot} height={H}>
          <title>{b.title}</title>
        </rect>
      ))}
    </svg>
  );
}
