/**
 * echarts, trimmed to what the Stats screen draws: bar, line and heatmap series, a grid, a
 * calendar, tooltips, a legend, a continuous visual map (the heatmap's colors) and marked
 * lines (desired retention), drawn as SVG. Imported only by the lazy Stats screen, so none of
 * it is in the review screen's bundle. The Chinese locale is echarts' own.
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  CalendarComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import langZH from 'echarts/i18n/langZH-obj.js';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  HeatmapChart,
  GridComponent,
  CalendarComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapContinuousComponent,
  MarkLineComponent,
  SVGRenderer,
]);
echarts.registerLocale('ZH', langZH);

export { echarts };
export type Option = echarts.EChartsCoreOption;
