import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { renderAttendanceChart } from "../../src/services/attendance-chart.js";

// The bars' fill (attendance-chart.ts), as a person sees it.
const PURPLE = [0x7c, 0x3a, 0xed] as const;

/** The bars as drawn: for each band of rows holding the bar colour, the width of its longest run. */
function barsOf(png: Buffer): number[] {
  const image = PNG.sync.read(png);
  const isBar = (x: number, y: number) => {
    const i = (y * image.width + x) * 4;
    return PURPLE.every((c, k) => Math.abs((image.data[i + k] ?? 0) - c) < 12);
  };
  const widths: number[] = [];
  let inBand = false;
  for (let y = 0; y < image.height; y++) {
    let run = 0;
    for (let x = 0; x < image.width; x++) if (isBar(x, y)) run++;
    if (run > 0 && !inBand) widths.push(run);
    else if (run > 0) widths[widths.length - 1] = Math.max(widths.at(-1) ?? 0, run);
    inBand = run > 0;
  }
  return widths;
}

describe("the attendance chart", () => {
  it("draws one bar per place, in order, as long as its count, with Cyrillic labels", async () => {
    const png = await renderAttendanceChart({
      title: "Отметки по QR-коду",
      bars: [
        { label: "День 11 дек.", value: 1 },
        { label: "10:00 Посещение промышленных площадок Железногорска", value: 4 },
        { label: "↳ Промышленный парк", value: 2 },
      ],
    });
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([1200, 262]);
    const widths = barsOf(png);
    expect(widths).toHaveLength(3);
    const [one = 0, four = 0, two = 0] = widths;
    expect(four / one).toBeCloseTo(4, 0);
    expect(four / two).toBeCloseTo(2, 0);
  });

  it("grows with the number of places, up to a day's worth", async () => {
    const bars = Array.from({ length: 40 }, (_, i) => ({ label: `Stop ${i + 1}`, value: i + 1 }));
    const png = await renderAttendanceChart({ title: "Check-ins", bars });
    expect(PNG.sync.read(png).height).toBe(90 + 40 + 30 * 44);
    expect(barsOf(png)).toHaveLength(30);
  });
});
