import { writeFileSync } from "node:fs";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderOutcomeChart, type ChartBar, type OutcomeChartInput } from "../../src/services/outcome-chart.js";

/**
 * The chart is judged as an organiser would see it: the PNG is decoded and its pixels read. The bars are found
 * by their fill colours (the chart's palette, as a person sees it: blue funnel, green days), and the panels by
 * where they stand: the funnel in the upper part of the picture, the days in the lower.
 */

type Rgb = readonly [number, number, number];
const FUNNEL_BLUE: Rgb = [0x2f, 0x6f, 0xd6];
const DAY_GREEN: Rgb = [0x1f, 0x9d, 0x74];
const WHITE: Rgb = [0xff, 0xff, 0xff];

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const TITLE: Box = { x0: 0, y0: 0, x1: 1200, y1: 70 };
const FUNNEL_PANEL: Box = { x0: 0, y0: 70, x1: 1200, y1: 400 };
const DAYS_PANEL: Box = { x0: 0, y0: 410, x1: 1200, y1: 800 };

const bars = (pairs: [string, number][]): ChartBar[] => pairs.map(([label, value]) => ({ label, value }));

const RU: OutcomeChartInput = {
  title: "Итоги миссии",
  funnelTitle: "Запросы → выполнено",
  funnel: bars([
    ["Запросы", 120],
    ["Приняты", 84],
    ["Проведены", 61],
    ["Договорённости", 23],
    ["Выполнены", 9],
  ]),
  perDayTitle: "Встреч проведено по дням",
  perDay: bars([
    ["Чт 10 дек", 14],
    ["Пт 11 дек", 31],
    ["Сб 12 дек", 16],
  ]),
};

const EN: OutcomeChartInput = {
  title: "Mission outcomes",
  funnelTitle: "Requests → carried out",
  funnel: bars([
    ["Requests", 40],
    ["Accepted", 30],
    ["Held", 20],
    ["Agreements reached in meetings with hosts", 10],
    ["Carried out", 5],
  ]),
  perDayTitle: "Meetings held per day",
  perDay: bars([
    ["Thu 10 Dec", 3],
    ["Fri 11 Dec", 12],
    ["Sat 12 Dec", 6],
    ["Sun 13 Dec", 9],
  ]),
};

async function draw(input: OutcomeChartInput): Promise<PNG> {
  return PNG.sync.read(await renderOutcomeChart(input));
}

function rgbAt(png: PNG, x: number, y: number): Rgb {
  const i = (y * png.width + x) * 4;
  return [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0];
}

const same = (a: Rgb, b: Rgb): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

function* pixels(png: PNG, box: Box): Generator<{ x: number; y: number; rgb: Rgb }> {
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) yield { x, y, rgb: rgbAt(png, x, y) };
}

/** How many pixels in the box are not the white background, and how many different colours it holds. */
function ink(png: PNG, box: Box): { inked: number; colours: number } {
  let inked = 0;
  const colours = new Set<number>();
  for (const { rgb } of pixels(png, box)) {
    if (!same(rgb, WHITE)) inked++;
    colours.add((rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
  }
  return { inked, colours: colours.size };
}

/**
 * The bars of one colour in the box, in reading order: for horizontal bars (`across`) each run of rows holding
 * the colour is one bar and its size is its longest run of that colour along a row; for columns the same with
 * rows and columns swapped.
 */
function barSizes(png: PNG, box: Box, colour: Rgb, direction: "across" | "up"): number[] {
  const [outer0, outer1, inner0, inner1] = direction === "across" ? [box.y0, box.y1, box.x0, box.x1] : [box.x0, box.x1, box.y0, box.y1];
  const at = (outer: number, inner: number): Rgb => (direction === "across" ? rgbAt(png, inner, outer) : rgbAt(png, outer, inner));
  const sizes: number[] = [];
  let current: number | undefined;
  for (let o = outer0; o < outer1; o++) {
    let longest = 0;
    let run = 0;
    for (let i = inner0; i < inner1; i++) {
      run = same(at(o, i), colour) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    if (longest > 0) current = Math.max(current ?? 0, longest);
    else if (current !== undefined) {
      sizes.push(current);
      current = undefined;
    }
  }
  if (current !== undefined) sizes.push(current);
  return sizes;
}

/** Each size should be its value's share of the largest: the axes start at zero and bars share one scale. */
function expectProportional(sizes: number[], values: number[]): void {
  const maxValue = Math.max(...values);
  const maxSize = Math.max(...sizes);
  sizes.forEach((size, i) => expect(Math.abs(size - (maxSize * (values[i] ?? 0)) / maxValue), `bar ${i}: ${size}px`).toBeLessThanOrEqual(2));
}

const differingPixels = (a: PNG, b: PNG, box: Box): number => {
  let n = 0;
  for (const { x, y, rgb } of pixels(a, box)) if (!same(rgb, rgbAt(b, x, y))) n++;
  return n;
};

describe("the outcomes chart", () => {
  it("is one PNG of 1200×800 with a funnel panel and a per-day panel, both drawn", async () => {
    const bytes = await renderOutcomeChart(RU);
    writeFileSync("/tmp/outcome-chart-ru.png", bytes);
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([1200, 800]);

    for (const panel of [TITLE, FUNNEL_PANEL, DAYS_PANEL]) expect(ink(png, panel).inked).toBeGreaterThan(2_000);
    // Text is anti-aliased: a drawn panel holds many shades, a blank or single-colour one a handful.
    expect(ink(png, FUNNEL_PANEL).colours).toBeGreaterThan(20);
    expect(ink(png, DAYS_PANEL).colours).toBeGreaterThan(20);

    // One blue bar per step of the funnel in the upper panel, one green column per day in the lower.
    expect(barSizes(png, FUNNEL_PANEL, FUNNEL_BLUE, "across")).toHaveLength(5);
    expect(barSizes(png, DAYS_PANEL, DAY_GREEN, "up")).toHaveLength(3);
    expect(barSizes(png, DAYS_PANEL, FUNNEL_BLUE, "across")).toEqual([]);
  });

  it("draws each bar as long as its figure, in both languages", async () => {
    for (const input of [RU, EN]) {
      const png = await draw(input);
      expectProportional(
        barSizes(png, FUNNEL_PANEL, FUNNEL_BLUE, "across"),
        input.funnel.map((bar) => bar.value),
      );
      expectProportional(
        barSizes(png, DAYS_PANEL, DAY_GREEN, "up"),
        input.perDay.map((bar) => bar.value),
      );
    }
  });

  it("draws different data differently: a day with more meetings gets a taller column", async () => {
    const before = await draw(RU);
    const after = await draw({ ...RU, perDay: bars([["Чт 10 дек", 28], ["Пт 11 дек", 31], ["Сб 12 дек", 16]]) });
    expect(differingPixels(before, after, DAYS_PANEL)).toBeGreaterThan(1_000);
    const [thenFirst = 0, thenSecond = 0] = barSizes(before, DAYS_PANEL, DAY_GREEN, "up");
    const [nowFirst = 0, nowSecond = 0] = barSizes(after, DAYS_PANEL, DAY_GREEN, "up");
    expect(thenFirst).toBeLessThan(thenSecond / 2);
    expect(nowFirst).toBeGreaterThan(thenFirst * 1.8);
    expect(nowSecond).toBe(thenSecond);
    // The funnel did not change, and neither did its picture.
    expect(differingPixels(before, after, FUNNEL_PANEL)).toBe(0);
  });

  it("still draws a readable picture with nothing to show: all zeros and no days", async () => {
    for (const input of [RU, EN]) {
      const png = await draw({ ...input, funnel: input.funnel.map((bar) => ({ ...bar, value: 0 })), perDay: [] });
      expect([png.width, png.height]).toEqual([1200, 800]);
      // No bar of either colour, yet the titles, the steps' names with their zeros and the empty days panel are there.
      expect(barSizes(png, FUNNEL_PANEL, FUNNEL_BLUE, "across")).toEqual([]);
      expect(barSizes(png, DAYS_PANEL, DAY_GREEN, "up")).toEqual([]);
      expect(ink(png, TITLE).inked).toBeGreaterThan(2_000);
      expect(ink(png, FUNNEL_PANEL).inked).toBeGreaterThan(2_000);
      expect(ink(png, DAYS_PANEL).inked).toBeGreaterThan(1_000);
    }
    // Days with no meetings yet: the days are named, with no columns.
    const quiet = await draw({ ...EN, perDay: EN.perDay.map((bar) => ({ ...bar, value: 0 })) });
    expect(barSizes(quiet, DAYS_PANEL, DAY_GREEN, "up")).toEqual([]);
    expect(ink(quiet, DAYS_PANEL).inked).toBeGreaterThan(2_000);
  });

  it("renders Cyrillic as real glyphs, not blanks or the same missing-glyph box for every letter", async () => {
    const cyrillic = await draw(RU);
    const otherCyrillic = await draw({ ...RU, title: "Жщфюя эъыхцч" }); // as many letters as "Итоги миссии"
    const latin = await draw({ ...RU, title: "Mission res." });
    const cyrillicInk = ink(cyrillic, TITLE).inked;
    expect(cyrillicInk).toBeGreaterThan(2_000);
    expect(cyrillicInk).toBeGreaterThan(ink(latin, TITLE).inked / 2);
    // A font without Cyrillic would draw both titles as the same row of boxes (or nothing).
    expect(differingPixels(cyrillic, otherCyrillic, TITLE)).toBeGreaterThan(1_000);
    expect(differingPixels(cyrillic, latin, TITLE)).toBeGreaterThan(1_000);
  });

  it("draws labels holding markup characters as text", async () => {
    const png = await draw({ ...EN, title: "R&D <pilot> \"A\" & 'B'" });
    expect(ink(png, TITLE).inked).toBeGreaterThan(2_000);
  });
});
