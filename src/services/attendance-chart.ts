import { FONT_FAMILY, renderChartPng, type ChartBar } from "./outcome-chart.js";

/**
 * The attendance picture organisers get with /stats once someone checked in: one bar per day, item and
 * stop that had check-ins, in programme order, labelled in the organiser's language (stops indented under
 * their item by the caller). Drawn as the outcomes chart is (outcome-chart.ts: ECharts to SVG, resvg with
 * the bundled fonts).
 */
export interface AttendanceChartInput {
  title: string;
  bars: ChartBar[];
}

const WIDTH = 1200;
const TOP = 90;
const ROW = 44;
// A day's programme fits; a longer list is cut (the export has every row).
export const MAX_BARS = 30;
const LABEL_CHARS = 38;
const LABEL_SIZE = 20;
const BAR_COLOUR = "#7c3aed";
const TEXT = "#1f2937";
const MUTED = "#6b7280";

export async function renderAttendanceChart(input: AttendanceChartInput): Promise<Buffer> {
  const bars = input.bars.slice(0, MAX_BARS).map((b) => ({ label: [...b.label].length > LABEL_CHARS ? `${[...b.label].slice(0, LABEL_CHARS - 1).join("")}…` : b.label, value: Math.max(0, Math.round(b.value)) }));
  const height = TOP + 40 + Math.max(3, bars.length) * ROW;
  // The label column sized from the longest label (a generous average advance of DejaVu Sans, as outcome-chart.ts does).
  const labels = Math.min(WIDTH * 0.5, Math.max(120, ...bars.map((b) => [...b.label].length * LABEL_SIZE * 0.62)));
  return renderChartPng(
    {
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: FONT_FAMILY, color: TEXT },
      title: [{ text: input.title, left: "center", top: 20, textStyle: { fontSize: 30, fontWeight: "bold", color: TEXT } }],
      grid: [{ left: 40 + labels + 16, right: 90, top: TOP, bottom: 40 }],
      xAxis: [{ type: "value", show: false, min: 0, max: (extent) => Math.max(extent.max, 1) }],
      yAxis: [
        {
          type: "category",
          inverse: true,
          data: bars.map((b) => b.label),
          axisTick: { show: false },
          axisLine: { lineStyle: { color: MUTED } },
          axisLabel: { fontSize: LABEL_SIZE, color: TEXT },
        },
      ],
      series: [{ type: "bar", data: bars.map((b) => b.value), barWidth: "62%", itemStyle: { color: BAR_COLOUR }, label: { show: true, position: "right", fontSize: 20, color: TEXT } }],
    },
    WIDTH,
    height,
  );
}
