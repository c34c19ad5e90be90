import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ITEM_KINDS } from "../../src/domain/mission/schema.js";
import { REQUEST_STATES } from "../../src/domain/meetings/request.js";
import { ROLES } from "../../src/domain/participant.js";

const root = new URL("../../", import.meta.url).pathname;

function consoleKeys(locale: string): Set<string> {
  const ftl = readFileSync(join(root, "locales", locale, "console.ftl"), "utf8");
  return new Set([...ftl.matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)].map((m) => m[1] ?? ""));
}

describe("the console's texts", () => {
  const ru = consoleKeys("ru");
  const en = consoleKeys("en");

  it("are the same keys in ru and en", () => {
    expect([...ru].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !ru.has(k))).toEqual([]);
  });

  it("include every key the page asks for, the ones it builds from a role, kind, state or answer too", () => {
    const used = new Set<string>();
    for (const name of readdirSync(join(root, "web", "src"))) {
      const source = readFileSync(join(root, "web", "src", name), "utf8");
      // A `{ru, en}` field's two inputs are labelled "<prefix>-ru" and "<prefix>-en" (programme.ts, localized()).
      const prefixes = new Set([...source.matchAll(/localized\(\s*"(console-[a-z0-9-]+)"/g)].map((m) => m[1] ?? ""));
      for (const m of source.matchAll(/["`](console-[a-z0-9-]+)["`]/g)) {
        const key = m[1] ?? "";
        if (prefixes.has(key)) for (const lang of ["ru", "en"]) used.add(`${key}-${lang}`);
        else used.add(key);
      }
    }
    for (const role of ROLES) used.add(`console-role-${role}`);
    for (const kind of ITEM_KINDS) used.add(`console-kind-${kind}`);
    for (const state of REQUEST_STATES) used.add(`console-state-${state}`);
    for (const answer of ["yes", "no", "later"]) used.add(`console-met-${answer}`);
    for (const tab of ["dashboard", "participants", "programme"]) used.add(`console-tab-${tab}`);
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !en.has(k)).sort()).toEqual([]);
  });
});
