export interface Bar {
  /** Unique per bar (the day). */
  id: string;
  /** Short axis label ("3/14"). */
  label: string;
  value: number;
  /** Tooltip and accessible text for this bar. */
  title: string;
}

interface Props {
  bars: Bar[];
  /** Accessible summary of the whole chart. */
  summary: string;
  tone: 'due' | 'reviews';
}

const W = 320;
const H = 90;
const TOP = 14;
const AXIS = 16;
const LABELS = 5;

/** A small hand-drawn SVG bar chart (no chart library): bars, a baseline, a few labels. */
export function BarChart({ bars, summary, tone }: Props) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = W / Math.max(1, bars.length);
  const bar = Math.max(2, slot * 0.72);
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
        {max}
      </text>
      {bars.map((b, i) => {
        const h = b.value > 0 ? Math.max(1, Math.round((b.value / max) * H)) : 0;
        const x = i * slot + (slot - bar) / 2;
        const anchor = i === 0 ? 'start' : i === bars.length - 1 ? 'end' : 'middle';
        const lx = anchor === 'start' ? x : anchor === 'end' ? x + bar : x + bar / 2;
        return (
          <g key={b.id}>
            <rect className="chart-bar" x={x} y={TOP + H - h} width={bar} height={h}>
              <title>{b.title}</title>
            </rect>
            {/* A transparent full-height target so short bars still show their tooltip. */}
            <rect className="chart-hit" x={i * slot} y={TOP} width={slot} height={H}>
              <title>{b.title}</title>
            </rect>
            {labelled(i) && (
              <text className="chart-label" x={lx} y={TOP + H + AXIS - 3} textAnchor={anchor}>
                {b.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
