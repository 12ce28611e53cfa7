import { type ReactNode, useEffect, useRef } from 'react';
import { useLang, useT } from '../../i18n/index.tsx';
import { echarts, type Option } from './echarts.ts';

export interface Table {
  head: string[];
  rows: (string | number)[][];
}

interface Props {
  title: string;
  /** One sentence saying what the chart shows, for assistive technology. */
  summary: string;
  option: Option;
  table: Table;
  height?: number;
  testId?: string;
  /** Controls shown beside the title (a period or granularity picker). */
  controls?: ReactNode;
  /** Nothing to draw: say so in words instead of an empty scale. */
  empty?: boolean;
}

/**
 * One echarts chart in a panel: the chart is one image to assistive technology (named by its
 * summary), and its numbers are a real table under "Show as table", reachable from the keyboard.
 */
export function Chart({ title, summary, option, table, height = 220, testId, controls, empty }: Props) {
  const t = useT();
  const lang = useLang();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const latest = useRef(option);
  latest.current = option;

  // A new instance per language (echarts takes the locale at init); resized with its box.
  useEffect(() => {
    const el = box.current!;
    const instance = echarts.init(el, null, { renderer: 'svg', locale: lang === 'zh' ? 'ZH' : 'EN' });
    chart.current = instance;
    instance.setOption(latest.current);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <figure className="panel stats-chart" data-testid={testId}>
      <div className="stats-chart-head">
        <figcaption>{title}</figcaption>
        {controls}
      </div>
      {empty && <p className="muted">{t.stats.empty}</p>}
      <div
        ref={box}
        className="stats-canvas"
        style={{ height, display: empty ? 'none' : undefined }}
        role="img"
        aria-label={summary}
      />
      <details className="stats-table">
        <summary>{t.stats.showTable}</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={String(r[0])}>
                  {r.map((cell, i) =>
                    i === 0 ? (
                      <th key={table.head[i]} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={table.head[i]} className="num">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
