import { describe, expect, it } from "vitest";
import { stem, stemEnglish } from "../../../src/domain/meetings/stem.js";

describe("stems", () => {
  it("give a Russian word's forms one stem, and keep different words apart", () => {
    const same: string[][] = [
      ["лидар", "лидары", "лидаров", "лидарами"],
      ["горнодобывающие", "горнодобывающих", "горнодобывающая"],
      ["экскаваторов", "экскаваторы", "экскаватор"],
      ["сплавы", "сплавов", "сплав"],
      ["нагревательные", "нагревательных", "нагревательный"],
      ["поставщики", "поставщиков", "поставщик"],
      ["беспилотный", "беспилотного", "беспилотные"],
      ["электроника", "электроники", "электронику"],
      ["договорённостей", "договорённости", "договоренность"],
      ["датчики", "датчиков", "датчик"],
    ];
    for (const forms of same) expect(new Set(forms.map(stem)), forms.join("/")).toEqual(new Set([stem(forms[0] ?? "")]));
    expect(stem("лидаров")).toBe("лидар");
    expect(stem("горнодобывающие")).not.toBe(stem("горный"));
    expect(stem("электроника")).not.toBe(stem("электрика"));
  });

  it("strip English plurals, -ing, -ed and a final e or y, so forms of a word meet", () => {
    const same: string[][] = [
      ["mining", "mine", "mines"],
      ["sensor", "sensors"],
      ["supply", "supplies"],
      ["shipping", "ship", "shipped"],
      ["process", "processes", "processing"],
      ["textile", "textiles"],
      ["machine", "machining"],
    ];
    for (const forms of same) expect(new Set(forms.map(stemEnglish)), forms.join("/")).toEqual(new Set([stemEnglish(forms[0] ?? "")]));
    // What must stay apart, and short words left as they are.
    expect(stemEnglish("business")).toBe("business");
    expect(stemEnglish("gas")).toBe("gas");
    expect(stemEnglish("analysis")).toBe("analysis");
    expect(stemEnglish("rolling")).toBe("roll");
  });

  it("pick the language by script and ignore case and ё", () => {
    expect(stem("Лидаров")).toBe("лидар");
    expect(stem("ЛИДАР")).toBe("лидар");
    expect(stem("Sensors")).toBe("sensor");
    expect(stem("ёлки")).toBe(stem("елки"));
  });

  it("keep words of up to three letters whole: ИИ is not the и of every sentence", () => {
    expect(stem("ИИ")).toBe("ии");
    expect(stem("и")).toBe("и");
    expect(stem("газ")).toBe("газ");
    expect(stem("газа")).toBe("газ");
    expect(stem("GPS")).toBe("gps");
  });
});
