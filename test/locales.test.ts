import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url).pathname;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

function keysOf(locale: string): Set<string> {
  const keys = new Set<string>();
  for (const file of files(join(root, "locales", locale), ".ftl")) {
    for (const match of readFileSync(file, "utf8").matchAll(/^([A-Za-z][A-Za-z0-9_-]*)\s*=/gm)) {
      const key = match[1] ?? "";
      if (keys.has(key)) throw new Error(`${locale}: key ${key} defined twice (second in ${file})`);
      keys.add(key);
    }
  }
  return keys;
}

describe("locales", () => {
  const ru = keysOf("ru");
  const en = keysOf("en");

  it("ru and en define exactly the same keys", () => {
    expect([...ru].filter((k) => !en.has(k)).sort(), "in ru only").toEqual([]);
    expect([...en].filter((k) => !ru.has(k)).sort(), "in en only").toEqual([]);
    expect(ru.size).toBeGreaterThan(10);
  });

  it("every literal key the code translates exists", () => {
    const used = new Set<string>();
    for (const file of files(join(root, "src"), ".ts")) {
      const source = readFileSync(file, "utf8");
      // t("key"), ctx.t("key"), i18n.t(locale, "key"), hears("key") and menu keys "menu-…"
      for (const m of source.matchAll(/\bt\(\s*(?:[A-Za-z_.]+,\s*)?"([a-z][a-z0-9-]*)"/g)) used.add(m[1] ?? "");
      for (const m of source.matchAll(/\bhears\(\s*"([a-z][a-z0-9-]*)"/g)) used.add(m[1] ?? "");
      for (const m of source.matchAll(/"(menu-[a-z0-9-]+)"/g)) used.add(m[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((k) => !ru.has(k)).sort()).toEqual([]);
  });
});
