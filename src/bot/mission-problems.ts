import type { MissionProblem } from "../domain/mission/problems.js";
import { escapeHtml } from "./html.js";
import type { Translate } from "./i18n.js";

/** What is wrong, without where. Values from the file go through `escape`. */
function problemText(t: Translate, p: MissionProblem, escape: (text: string) => string): string {
  switch (p.code) {
    case "yaml":
      return t("admin-problem-yaml", { code: p.yaml });
    case "yaml-aliases":
      return t("admin-problem-yaml-aliases", { max: p.max });
    case "wrong-type":
      return t("admin-problem-wrong-type", { expected: p.expected, received: p.received });
    case "not-one-of":
      return t("admin-problem-not-one-of", { value: escape(p.value), options: p.options.map(escape).join(", ") });
    case "too-short":
      return t("admin-problem-too-short", { min: p.min, length: p.length });
    case "too-long":
      return t("admin-problem-too-long", { max: p.max, length: p.length });
    case "too-few":
    case "too-small":
      return t(`admin-problem-${p.code}`, { min: p.min });
    case "too-many":
    case "too-big":
      return t(`admin-problem-${p.code}`, { max: p.max });
    case "format":
      return t("admin-problem-format", { format: p.format });
    case "duplicate-id":
      return t("admin-problem-duplicate-id", { what: p.what, id: escape(p.id) });
    case "outside-dates":
      return t("admin-problem-outside-dates", { date: escape(p.date), start: escape(p.start), end: escape(p.end) });
    case "unknown-venue":
    case "unknown-speaker":
      return t(`admin-problem-${p.code}`, { id: escape(p.id) });
    case "missing":
    case "empty":
    case "unknown-field":
    case "timezone":
    case "tables-not-b2b":
    case "needs-ru-or-en":
    case "end-before-start":
    case "dates-reversed":
    case "days-order":
    case "follow-up-days-order":
    case "stops-not-visit":
    case "invalid":
      return t(`admin-problem-${p.code}`);
  }
}

/**
 * One problem of a programme file as the organiser reads it: the field's path, what is wrong, the
 * line. HTML-escaped for a message by default; `main` passes plain text through for the console.
 */
export function missionProblemLine(t: Translate, p: MissionProblem, escape: (text: string) => string = escapeHtml): string {
  // A YAML syntax error belongs to no field: it is named as YAML, as the organiser's editor would.
  const where = p.path !== "" ? escape(p.path) : p.code === "yaml" || p.code === "yaml-aliases" ? "YAML" : t("admin-problem-file");
  const problem = problemText(t, p, escape);
  // The line as a string: Fluent would group a number's digits ("line 1,057").
  return p.line === undefined ? t("admin-problem", { where, problem }) : t("admin-problem-at", { where, problem, line: String(p.line) });
}
