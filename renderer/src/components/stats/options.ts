/**
 * The Stats screen's charts as echarts options, with the same numbers as tables. Pure: data,
 * dictionary and palette in, {option, table} out.
 */
import type { MethodResult } from '../../client/index.ts';
import type { Dict } from '../../i18n/index.tsx';
import type { Table } from './Chart.tsx';
import type { Option } from './echarts.ts';
import { mix, type Palette } from './theme.ts';

export type Screen = MethodResult<'stats.screen'>;
type Reviews = Screen['reviews'];
type Cards = Screen['cards'];
export interface Built {
  option: Option;
  table: Table;
}

export const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`;
const minutes = (ms: number) => Math.round(ms / 6000) / 10;

/** Axis, grid and tooltip in the theme's colors, shared by the cartesian charts. */
function frame(p: Palette, categories: string[], extra: object = {}) {
  const axisLine = { lineStyle: { color: p.border } };
  return {
    textStyle: { color: p.text, fontFamily: p.font },
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      backgroundColor: p.panel,
      borderColor: p.border,
      textStyle: { color: p.text },
    },
    legend: { top: 0, textStyle: { color: p.text }, inactiveColor: p.muted },
    xAxis: { type: 'category', data: categories, axisLine, axisLabel: { color: p.muted, hideOverlap: true } },
    yAxis: {
      type: 'value',
      axisLabel: { color: p.muted },
      splitLine: { lineStyle: { color: p.border } },
    },
    ...extra,
  };
}

export function calendarChart(r: Reviews, t: Dict, p: Palette, narrow: boolean): Built {
  const days = r.days;
  const max = Math.max(1, ...days.map((d) => d.reviews));
  const active = days.filter((d) => d.reviews > 0);
  return {
    option: {
      textStyle: { color: p.text, fontFamily: p.font },
      tooltip: { backgroundColor: p.panel, borderColor: p.border, textStyle: { color: p.text } },
      visualMap: {
        show: false,
        min: 0,
        max,
        inRange: { color: [mix(p.panel, p.accent, 0.15), p.accent] },
      },
      calendar: {
        range: [days[0]!.day, days.at(-1)!.day],
        orient: narrow ? 'vertical' : 'horizontal',
        cellSize: narrow ? [14, 14] : ['auto', 14],
        left: narrow ? 48 : 40,
        right: 8,
        top: 24,
        itemStyle: { color: p.panel, borderColor: p.border, borderWidth: 1 },
        splitLine: { lineStyle: { color: p.muted } },
        dayLabel: { color: p.muted, firstDay: 1 },
        monthLabel: { color: p.muted },
        yearLabel: { show: false },
      },
      series: [
        {
          type: 'heatmap',
          coordinateSystem: 'calendar',
          data: active.map((d) => [d.day, d.reviews]),
        },
      ],
    },
    table: { head: [t.stats.day, t.stats.total], rows: active.map((d) => [d.day, d.reviews]) },
  };
}

export function forecastChart(c: Cards, t: Dict, p: Palette): Built {
  const days = c.forecast.days;
  return {
    option: {
      ...frame(
        p,
        days.map((d) => d.day.slice(5)),
      ),
      legend: { show: false },
      series: [
        { type: 'bar', name: t.stats.due, data: days.map((d) => d.due), itemStyle: { color: p.review } },
      ],
    },
    table: { head: [t.stats.day, t.stats.due], rows: days.map((d) => [d.day, d.due]) },
  };
}

const KINDS = ['learning', 'relearning', 'young', 'mature', 'cram'] as const;

function kindColors(p: Palette): Record<(typeof KINDS)[number], string> {
  return {
    learning: p.new,
    relearning: p.again,
    young: mix(p.review, p.panel, 0.45),
    mature: p.review,
    cram: p['flag-7'],
  };
}

export function reviewsChart(r: Reviews, period: number, t: Dict, p: Palette): Built {
  const days = r.days.slice(-period);
  const colors = kindColors(p);
  return {
    option: {
      ...frame(
        p,
        days.map((d) => d.day.slice(5)),
      ),
      series: KINDS.map((k) => ({
        type: 'bar',
        stack: 'reviews',
        name: t.stats.kinds[k],
        data: days.map((d) => d[k]),
        itemStyle: { color: colors[k] },
      })),
    },
    table: {
      head: [t.stats.day, ...KINDS.map((k) => t.stats.kinds[k]!), t.stats.total],
      rows: days.filter((d) => d.reviews).map((d) => [d.day, ...KINDS.map((k) => d[k]), d.reviews]),
    },
  };
}

export function timeChart(r: Reviews, period: number, t: Dict, p: Palette): Built {
  const days = r.days.slice(-period);
  return {
    option: {
      ...frame(
        p,
        days.map((d) => d.day.slice(5)),
      ),
      legend: { show: false },
      series: [
        {
          type: 'bar',
          name: t.stats.timePeriod,
          data: days.map((d) => minutes(d.timeMs)),
          itemStyle: { color: p.accent },
        },
      ],
    },
    table: {
      head: [t.stats.day, t.stats.timePeriod],
      rows: days.filter((d) => d.timeMs).map((d) => [d.day, t.stats.minutes(minutes(d.timeMs))]),
    },
  };
}

export function buttonsChart(period: Reviews['periods'][number], t: Dict, p: Palette): Built {
  const groups = ['learning', 'young', 'mature'] as const;
  const colors = [p.again, p.hard, p.good, p.easy];
  return {
    option: {
      ...frame(
        p,
        groups.map((g) => t.stats.kinds[g]!),
      ),
      series: t.stats.buttonNames.map((name, i) => ({
        type: 'bar',
        name,
        data: groups.map((g) => period.buttons[g][i]),
        itemStyle: { color: colors[i] },
      })),
    },
    table: {
      head: [t.stats.cardsColumn, ...t.stats.buttonNames, t.stats.passRate],
      rows: groups.map((g) => {
        const b = period.buttons[g];
        const all = b.reduce((s, n) => s + n, 0);
        return [t.stats.kinds[g]!, ...b, pct(all ? (all - b[0]) / all : null)];
      }),
    },
  };
}

export function hoursChart(period: Reviews['periods'][number], t: Dict, p: Palette): Built {
  const hours = period.hours ?? [];
  return {
    option: {
      ...frame(
        p,
        hours.map((h) => String(h.hour)),
        {
          yAxis: [
            { type: 'value', axisLabel: { color: p.muted }, splitLine: { lineStyle: { color: p.border } } },
            {
              type: 'value',
              min: 0,
              max: 100,
              axisLabel: { color: p.muted, formatter: '{value}%' },
              splitLine: { show: false },
            },
          ],
        },
      ),
      series: [
        {
          type: 'bar',
          name: t.stats.answersPeriod,
          data: hours.map((h) => h.reviews),
          itemStyle: { color: p.new },
        },
        {
          type: 'line',
          name: t.stats.passRate,
          yAxisIndex: 1,
          data: hours.map((h) => (h.reviews ? Math.round((h.passed / h.reviews) * 1000) / 10 : null)),
          itemStyle: { color: p.good },
          lineStyle: { color: p.good },
        },
      ],
    },
    table: {
      head: [t.stats.hour, t.stats.answersPeriod, t.stats.passRate],
      rows: hours.filter((h) => h.reviews).map((h) => [`${h.hour}:00`, h.reviews, pct(h.passed / h.reviews)]),
    },
  };
}

export type Granularity = 'day' | 'week' | 'month';

export function retentionChart(r: Reviews, c: Cards, by: Granularity, t: Dict, p: Palette): Built {
  const rows = by === 'day' ? r.retention.byDay : by === 'week' ? r.retention.byWeek : r.retention.byMonth;
  const label = (x: (typeof rows)[number]) =>
    by === 'month' ? x.from.slice(0, 7) : by === 'week' ? x.to.slice(5) : x.from.slice(5);
  const value = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const desired = c.desiredRetention.map((d) => ({
    yAxis: Math.round(d.desiredRetention * 1000) / 10,
    name: t.stats.desired(pct(d.desiredRetention, 0), d.name),
  }));
  const line = (name: string, data: (number | null)[], color: string, marks = false) => ({
    type: 'line',
    name,
    data,
    connectNulls: true,
    itemStyle: { color },
    lineStyle: { color },
    ...(marks && desired.length
      ? {
          markLine: {
            symbol: 'none',
            data: desired,
            lineStyle: { color: p.muted, type: 'dashed' },
            label: { color: p.muted, formatter: '{b}', position: 'insideEndTop' },
          },
        }
      : {}),
  });
  return {
    option: {
      ...frame(p, rows.map(label), {
        yAxis: {
          type: 'value',
          min: (v: { min: number }) =>
            Math.max(0, Math.floor(Math.min(v.min, ...desired.map((d) => d.yAxis)) / 10) * 10),
          max: 100,
          axisLabel: { color: p.muted, formatter: '{value}%' },
          splitLine: { lineStyle: { color: p.border } },
        },
      }),
      series: [
        line(
          t.stats.youngMature.total,
          rows.map((x) => value(x.total)),
          p.accent,
          true,
        ),
        line(
          t.stats.youngMature.young,
          rows.map((x) => value(x.young)),
          mix(p.review, p.panel, 0.45),
        ),
        line(
          t.stats.youngMature.mature,
          rows.map((x) => value(x.mature)),
          p.review,
        ),
      ],
    },
    table: {
      head: [
        t.stats[by],
        t.stats.youngMature.young,
        t.stats.youngMature.mature,
        t.stats.youngMature.total,
        t.stats.passFailHead,
      ],
      rows: rows
        .filter((x) => x.total !== null)
        .map((x) => [
          x.from === x.to ? x.from : `${x.from} – ${x.to}`,
          pct(x.young),
          pct(x.mature),
          pct(x.total),
          t.stats.passFail(x.youngPassed + x.maturePassed, x.youngFailed + x.matureFailed),
        ]),
    },
  };
}

export function countsChart(c: Cards, t: Dict, p: Palette): Built {
  const kinds = ['new', 'learning', 'relearning', 'young', 'mature', 'suspended', 'buried'] as const;
  const colors = [p.new, p.learning, p.again, mix(p.review, p.panel, 0.45), p.review, p.muted, p.hard];
  const base = frame(
    p,
    kinds.map((k) => t.stats.kinds[k]!),
  );
  // Lying bars: seven names stay readable at any width.
  return {
    option: {
      ...base,
      grid: { ...base.grid, right: 40 },
      legend: { show: false },
      xAxis: base.yAxis,
      yAxis: { ...base.xAxis, inverse: true, axisLabel: { color: p.muted } },
      series: [
        {
          type: 'bar',
          name: t.stats.cardsColumn,
          data: kinds.map((k, i) => ({ value: c.counts[k], itemStyle: { color: colors[i] } })),
          label: { show: true, position: 'right', color: p.text },
        },
      ],
    },
    table: {
      head: [t.stats.cardsColumn, t.stats.total],
      rows: kinds.map((k) => [t.stats.kinds[k]!, c.counts[k]]),
    },
  };
}

type Distribution = Cards['stability'];

export function distributionChart(
  d: Distribution,
  unit: '' | '%',
  t: Dict,
  p: Palette,
  color: string,
): Built {
  const name = (b: Distribution['bins'][number]) =>
    b.to === null ? `${b.from}${unit}+` : `${b.from}–${b.to}${unit}`;
  return {
    option: {
      ...frame(p, d.bins.map(name)),
      legend: { show: false },
      series: [
        { type: 'bar', name: t.stats.cardsColumn, data: d.bins.map((b) => b.cards), itemStyle: { color } },
      ],
    },
    table: {
      head: [t.stats.range, t.stats.cardsColumn],
      rows: d.bins.filter((b) => b.cards).map((b) => [name(b), b.cards]),
    },
  };
}
