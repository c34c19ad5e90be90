// ECharts, the charting library the bot already draws /stats with, in its browser build: only the
// charts and components the dashboard uses, bundled (no CDN).
import * as echarts from "echarts/core";
import { BarChart, FunnelChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, FunnelChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type Chart = echarts.EChartsType;
export type Option = echarts.EChartsCoreOption;

/** A chart in `el`, resized with the window (a phone turned, a desk screen). */
export function chartIn(el: HTMLElement): Chart {
  const chart = echarts.init(el, undefined, { renderer: "canvas" });
  new ResizeObserver(() => chart.resize()).observe(el);
  return chart;
}

export const PALETTE = ["#2f6fde", "#2ba36b", "#e0a020", "#c2417a", "#7a5bd6", "#3aa7c0"];
