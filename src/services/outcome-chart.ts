import { createRequire } from "node:module";
import { renderAsync } from "@resvg/resvg-js";
import { BarChart, type BarSeriesOption } from "echarts/charts";
import {
  GraphicComponent,
  GridComponent,
  TitleComponent,
  type GraphicComponentOption,
  type GridComponentOption,
  type TitleComponentOption,
} from "echarts/components";
import { init, use, type ComposeOption } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

/**
 * The outcomes picture organisers get with /stats: the funnel (requests → carried out) and the meetings held
 * per day, as one PNG. ECharts lays the chart out as an SVG string on the server (no DOM), and resvg turns it
 * into pixels with a font that ships in an npm package, so the picture looks the same on a developer's
 * machine, in CI and in the slim Docker image, none of which promise system fonts (or Cyrillic ones).
 */

export interface ChartBar {
  label: string;
  value: number;
}

export interface OutcomeChartInput {
  title: string;
  funnelTitle: string;
  /** In order: requests, accepted, held, agreements, carried out (the caller decides). */
  funnel: ChartBar[];
  perDayTitle: string;
  /** One bar per mission day, its label already formatted. */
  perDay: ChartBar[];
}

// Only the parts of ECharts the picture uses: a smaller module graph to load and nothing browser-only.
use([BarChart, GridComponent, TitleComponent, GraphicComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TitleComponentOption | GraphicComponentOption>;

const WIDTH = 1200;
const HEIGHT = 800;

export const FONT_FAMILY = "DejaVu Sans";
// DejaVu covers Latin and Cyrillic; resvg needs TrueType/OpenType files, which this package ships.
const requireFromHere = createRequire(import.meta.url);
const FONT_FILES = [
  requireFromHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  requireFromHere.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
];

const BACKGROUND = "#ffffff";
const TEXT = "#1f2937";
const MUTED = "#6b7280";
const FUNNEL_COLOUR = "#2f6fd6";
const PER_DAY_COLOUR = "#1f9d74";

// Panels stacked one above the other, each the full width: on a phone the picture is shown as wide as the
// screen, so full-width panels keep the labels as large as they can be.
const FUNNEL_TOP = 124;
const FUNNEL_HEIGHT = 260;
const PER_DAY_TITLE_TOP = 418;
const PER_DAY_TOP = 474;

const LABEL_SIZE = 20;
// The longest a funnel label's line may get before it wraps onto a second line (and the second is cut with
// "…"): the bars need most of the width.
const LABEL_LINE_CHARS = 22;
// A generous average advance of DejaVu Sans, in ems, to size the funnel's label column from the labels.
const AVERAGE_ADVANCE_EM = 0.62;

/** Renders the outcomes chart as PNG bytes (1200×800). Every label comes localised from the caller. */
export async function renderOutcomeChart(input: OutcomeChartInput): Promise<Buffer> {
  return renderChartPng(chartOption(input), WIDTH, HEIGHT);
}

/** Any chart of the organisers' (this one, attendance-chart.ts) as PNG bytes, drawn the same way. */
export async function renderChartPng(option: ChartOption, width: number, height: number): Promise<Buffer> {
  const svg = chartSvg(option, width, height);
  // Rasterising is the slow part: renderAsync does it on libuv's pool, so other chats' updates go on meanwhile.
  // Only the bundled fonts: the same picture on every machine, and no scan of the system's fonts per render.
  const image = await renderAsync(svg, {
    background: BACKGROUND,
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return image.asPng();
}

function chartSvg(option: ChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function chartOption(input: OutcomeChartInput): ChartOption {
  const funnel = input.funnel.map((bar) => ({ label: wrapLabel(bar.label), value: count(bar.value) }));
  const perDay = input.perDay.map((bar) => ({ label: bar.label, value: count(bar.value) }));
  const first = funnel[0]?.value ?? 0;

  const labelColumn = Math.min(
    WIDTH * 0.4,
    Math.max(120, ...funnel.flatMap((bar) => bar.label.split("\n").map((line) => line.length * LABEL_SIZE * AVERAGE_ADVANCE_EM))),
  );
  // Many days' labels would run into each other side by side; slanted they fit.
  const slanted = perDay.length > 8;

  return {
    animation: false,
    backgroundColor: BACKGROUND,
    textStyle: { fontFamily: FONT_FAMILY, color: TEXT },
    title: [
      { text: input.title, left: "center", top: 20, textStyle: { fontSize: 32, fontWeight: "bold", color: TEXT } },
      { text: input.funnelTitle, left: 40, top: 80, textStyle: { fontSize: 24, fontWeight: "bold", color: TEXT } },
      { text: input.perDayTitle, left: 40, top: PER_DAY_TITLE_TOP, textStyle: { fontSize: 24, fontWeight: "bold", color: TEXT } },
    ],
    grid: [
      { left: 40 + labelColumn + 16, right: 170, top: FUNNEL_TOP, height: FUNNEL_HEIGHT },
      { left: 80, right: 40, top: PER_DAY_TOP, bottom: slanted ? 110 : 64 },
    ],
    xAxis: [
      { gridIndex: 0, type: "value", show: false, min: 0, max: (extent) => Math.max(extent.max, 1) },
      {
        gridIndex: 1,
        type: "category",
        data: perDay.map((bar) => bar.label),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: MUTED } },
        axisLabel: { fontSize: 20, color: TEXT, interval: 0, rotate: slanted ? 40 : 0 },
      },
    ],
    yAxis: [
      {
        gridIndex: 0,
        type: "category",
        inverse: true,
        data: funnel.map((bar) => bar.label),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: MUTED } },
        axisLabel: { fontSize: LABEL_SIZE, color: TEXT, lineHeight: 24 },
      },
      {
        gridIndex: 1,
        type: "value",
        min: 0,
        // ECharts picks a round top above the tallest column; with no meetings at all it would have no scale.
        max: perDay.some((bar) => bar.value > 0) ? undefined : 1,
        minInterval: 1,
        axisLabel: { fontSize: 18, color: MUTED },
        splitLine: { lineStyle: { color: "#e5e7eb" } },
      },
    ],
    series: [
      {
        type: "bar",
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: funnel.map((bar) => bar.value),
        barWidth: "60%",
        itemStyle: { color: FUNNEL_COLOUR },
        label: {
          show: true,
          position: "right",
          fontSize: LABEL_SIZE,
          color: TEXT,
          formatter: ({ value }) => funnelFigure(Number(value), first),
        },
      },
      {
        type: "bar",
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: perDay.map((bar) => bar.value),
        barMaxWidth: 90,
        itemStyle: { color: PER_DAY_COLOUR },
        label: { show: true, position: "top", fontSize: LABEL_SIZE, color: TEXT },
      },
    ],
    // With no mission days the per-day panel has no columns at all: a dash says "nothing" in any language.
    graphic: perDay.length
      ? []
      : [
          {
            type: "text",
            x: WIDTH / 2,
            y: (PER_DAY_TOP + HEIGHT - 64) / 2,
            style: { text: "—", fontSize: 48, fill: MUTED, align: "center", verticalAlign: "middle", fontFamily: FONT_FAMILY },
          },
        ],
  };
}

/** "45 (38%)": the count and its share of the funnel's first step; just the count when that step is 0. */
function funnelFigure(value: number, first: number): string {
  if (first <= 0) return String(value);
  return `${value} (${Math.round((value / first) * 100)}%)`;
}

/** Counts are whole and never negative; anything else the caller might pass is drawn as 0. */
function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** Breaks a long label at spaces into at most two lines, the second cut with "…" if it is still too long. */
function wrapLabel(label: string): string {
  const words = label.trim().split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + 1 + word.length > LABEL_LINE_CHARS) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  const [head = "", ...rest] = lines.map((l) => (l.length > LABEL_LINE_CHARS ? `${l.slice(0, LABEL_LINE_CHARS - 1)}…` : l));
  if (rest.length === 0) return head;
  const tail = rest.join(" ");
  return `${head}\n${tail.length > LABEL_LINE_CHARS ? `${tail.slice(0, LABEL_LINE_CHARS - 1)}…` : tail}`;
}
