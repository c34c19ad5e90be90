import { ApiError, type Ctx, type Problem, type Text } from "./api.js";
import { clear, h } from "./dom.js";
import { merge3 } from "./merge.js";

/** The parts of the programme file the editor works on; the rest of the file is sent back as it came. */
interface RawItem {
  id: string;
  start: string;
  end: string;
  kind: string;
  title: Text;
  description?: Text;
  venue?: string;
  speakers?: string[];
}
interface RawDay {
  date: string;
  title?: Text;
  items: RawItem[];
}
interface RawVenue {
  id: string;
  name: Text;
  address: Text;
}
interface RawSpeaker {
  id: string;
  name: Text;
  position: Text;
}
interface RawProgramme {
  days: RawDay[];
  venues: RawVenue[];
  speakers: RawSpeaker[];
  [section: string]: unknown;
}

/**
 * The programme as forms: days and their items, venues and speakers. Checked by the server with the
 * file's own schema; "Review changes" shows the summary a YAML upload gets; Publish does what the upload's
 * Publish does. The edit stays in the page whatever the server answers, a stale revision included.
 */
export function programmePage(ctx: Ctx, root: HTMLElement): { show(): void; hide(): void } {
  const { t } = ctx;
  let revision = "";
  let raw: RawProgramme | undefined;
  // The programme as opened: what the organiser changed is the difference between it and `raw`.
  let base: unknown;
  const form = h("div", { class: "editor" });
  const status = h("div", { class: "status", "data-testid": "editor-status", role: "status" });
  const review = h("div", { class: "review", "data-testid": "review" });
  const actions = h(
    "div",
    { class: "actions" },
    h("button", { type: "button", class: "secondary", "data-action": "check", onclick: () => void check() }, t("console-validate")),
    h("button", { type: "button", "data-action": "review", onclick: () => void doReview() }, t("console-review")),
  );
  clear(root, h("p", { class: "muted" }, t("console-programme-intro")), form, h("div", { class: "sticky" }, actions, status, review));

  const edited = () => {
    // Whatever was reviewed is not what would be published any more.
    review.replaceChildren();
  };
  const textInput = (label: string, path: string, get: () => string | undefined, set: (v: string | undefined) => void, multiline = false) => {
    const attrs = { "data-path": path, value: get() ?? "", "aria-label": label };
    const input = multiline ? h("textarea", { ...attrs, rows: 2 }) : h("input", { ...attrs, type: "text" });
    input.addEventListener("input", () => {
      set(input.value.trim() === "" ? undefined : input.value);
      edited();
    });
    return h("label", {}, h("span", {}, label), input);
  };
  const localized = (prefix: string, path: string, get: () => Text | undefined, set: (v: Text | undefined) => void, multiline = false) =>
    (["ru", "en"] as const).map((lang) =>
      textInput(
        t(`${prefix}-${lang}`),
        `${path}.${lang}`,
        () => get()?.[lang],
        (v) => {
          const next: Text = { ...get() };
          if (v === undefined) delete next[lang];
          else next[lang] = v;
          set(next.ru === undefined && next.en === undefined ? undefined : next);
        },
        multiline,
      ),
    );

  const render = () => {
    if (!raw) return;
    const p = raw;
    const venueOptions = (selected: string | undefined) => [h("option", { value: "" }, t("console-no-venue")), ...p.venues.map((v) => h("option", { value: v.id, selected: v.id === selected }, ctx.text(v.name) || v.id))];
    const itemView = (day: RawDay, d: number, item: RawItem, i: number) => {
      const path = `days[${d}].items[${i}]`;
      // Times as the file writes them (HH:mm, 24-hour): a browser's time picker would show its own locale's clock.
      const input = (key: string, field: "id" | "start" | "end") => {
        const time = field !== "id";
        const el = h("input", { type: "text", "data-path": `${path}.${field}`, value: item[field], "aria-label": t(key), ...(time ? { inputmode: "numeric", placeholder: "HH:mm", maxlength: 5 } : {}) });
        el.addEventListener("input", () => {
          item[field] = el.value;
          edited();
        });
        return h("label", {}, h("span", {}, t(key)), el);
      };
      const kind = h("select", { "data-path": `${path}.kind`, "aria-label": t("console-item-kind") }, ctx.session.kinds.map((k) => h("option", { value: k, selected: k === item.kind }, t(`console-kind-${k}`))));
      kind.addEventListener("change", () => {
        item.kind = kind.value;
        edited();
      });
      const venue = h("select", { "data-path": `${path}.venue`, "aria-label": t("console-item-venue") }, venueOptions(item.venue));
      venue.addEventListener("change", () => {
        if (venue.value === "") delete item.venue;
        else item.venue = venue.value;
        edited();
      });
      const speakers = h("select", { multiple: true, size: Math.min(4, Math.max(2, p.speakers.length)), "data-path": `${path}.speakers`, "aria-label": t("console-item-speakers") }, p.speakers.map((s) => h("option", { value: s.id, selected: item.speakers?.includes(s.id) ?? false }, ctx.text(s.name) || s.id)));
      speakers.addEventListener("change", () => {
        const chosen = [...speakers.selectedOptions].map((o) => o.value);
        if (chosen.length === 0) delete item.speakers;
        else item.speakers = chosen;
        edited();
      });
      const remove = h("button", { type: "button", class: "secondary danger", "data-action": "remove-item" }, t("console-remove-item"));
      remove.addEventListener("click", () => {
        day.items.splice(i, 1);
        edited();
        render();
      });
      return h(
        "fieldset",
        { class: "item", "data-item": item.id },
        h("div", { class: "times" }, input("console-item-start", "start"), input("console-item-end", "end"), h("label", {}, h("span", {}, t("console-item-kind")), kind), input("console-item-id", "id"), remove),
        h("div", { class: "pair" }, localized("console-item-title", `${path}.title`, () => item.title, (v) => (item.title = v ?? {}))),
        h("div", { class: "pair" }, h("label", {}, h("span", {}, t("console-item-venue")), venue), h("label", {}, h("span", {}, t("console-item-speakers")), speakers)),
        h("div", { class: "pair" }, localized(
          "console-item-description",
          `${path}.description`,
          () => item.description,
          (v) => {
            if (v === undefined) delete item.description;
            else item.description = v;
          },
          true,
        )),
      );
    };
    const dayView = (day: RawDay, d: number) => {
      const add = h("button", { type: "button", class: "secondary", "data-action": "add-item" }, t("console-add-item"));
      add.addEventListener("click", () => {
        const last = day.items.at(-1);
        let n = day.items.length + 1;
        while (p.days.some((x) => x.items.some((it) => it.id === `d${d + 1}-item-${n}`))) n++;
        day.items.push({ id: `d${d + 1}-item-${n}`, start: last?.end ?? "09:00", end: last?.end && last.end < "23:00" ? `${String(Number(last.end.slice(0, 2)) + 1).padStart(2, "0")}${last.end.slice(2)}` : "10:00", kind: "talk", title: {} });
        edited();
        render();
      });
      return h(
        "details",
        { class: "day", open: d === 0, "data-day": day.date },
        h("summary", {}, `${t("console-day")} ${d + 1} · ${day.date}${day.title ? ` · ${ctx.text(day.title)}` : ""}`),
        h("div", { class: "pair" }, localized(
          "console-day-title",
          `days[${d}].title`,
          () => day.title,
          (v) => {
            if (v === undefined) delete day.title;
            else day.title = v;
          },
        )),
        day.items.map((item, i) => itemView(day, d, item, i)),
        add,
      );
    };
    clear(
      form,
      p.days.map(dayView),
      h(
        "details",
        { class: "day" },
        h("summary", {}, t("console-venues")),
        p.venues.map((v, i) => h("fieldset", { class: "item", "data-venue": v.id }, h("p", { class: "muted" }, v.id), h("div", { class: "pair" }, localized("console-venue-name", `venues[${i}].name`, () => v.name, (x) => (v.name = x ?? {}))), h("div", { class: "pair" }, localized("console-venue-address", `venues[${i}].address`, () => v.address, (x) => (v.address = x ?? {}))))),
      ),
      h(
        "details",
        { class: "day" },
        h("summary", {}, t("console-speakers")),
        p.speakers.map((s, i) => h("fieldset", { class: "item", "data-speaker": s.id }, h("p", { class: "muted" }, s.id), h("div", { class: "pair" }, localized("console-speaker-name", `speakers[${i}].name`, () => s.name, (x) => (s.name = x ?? {}))), h("div", { class: "pair" }, localized("console-speaker-position", `speakers[${i}].position`, () => s.position, (x) => (s.position = x ?? {}))))),
      ),
    );
  };

  const say = (kind: "ok" | "error" | "info", ...children: (Node | string)[]) => {
    clear(status, h("div", { class: `note ${kind}` }, children));
  };
  const showProblems = (problems: Problem[]) => {
    for (const el of form.querySelectorAll(".invalid")) el.classList.remove("invalid");
    for (const p of problems) for (const el of form.querySelectorAll<HTMLElement>("[data-path]")) if (el.dataset.path === p.path || el.dataset.path?.startsWith(`${p.path}.`)) el.classList.add("invalid");
    say("error", h("p", {}, t("console-problems")), h("ul", { "data-testid": "problems" }, problems.map((p) => h("li", {}, p.text))));
  };
  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) return stale(err.body.message ?? t("console-programme-stale"));
    if (err instanceof ApiError && err.body.problems) return showProblems(err.body.problems);
    say("error", err instanceof ApiError && err.body.message ? err.body.message : t("console-error"));
  };
  const stale = (message: string) => {
    review.replaceChildren();
    const rebase = h("button", { type: "button", "data-action": "rebase" }, t("console-rebase"));
    rebase.addEventListener("click", () => {
      void ctx.api.programme().then(async (current) => {
        if (!raw) return;
        // The edit made on top of the programme in force now, not over it: the other organiser's changes stay.
        const merged = merge3(base, raw, current.raw);
        raw = merged.value as RawProgramme;
        base = structuredClone(current.raw);
        revision = current.revision;
        render();
        await doReview();
        if (merged.conflicts.length > 0) say("info", h("p", {}, t("console-merge-conflicts")), h("ul", { "data-testid": "conflicts" }, merged.conflicts.map((c) => h("li", {}, c))));
      }, failed);
    });
    const reload = h("button", { type: "button", class: "secondary", "data-action": "reload" }, t("console-reload"));
    reload.addEventListener("click", () => {
      if (confirm(t("console-discard-confirm"))) void open();
    });
    say("error", h("p", { "data-testid": "stale" }, message), h("div", { class: "actions" }, rebase, reload));
  };

  const check = async () => {
    if (!raw) return;
    try {
      const result = await ctx.api.validate(raw);
      if (result.ok) {
        for (const el of form.querySelectorAll(".invalid")) el.classList.remove("invalid");
        say("ok", t("console-valid"));
      } else showProblems(result.problems ?? []);
    } catch (err) {
      failed(err);
    }
  };
  const doReview = async () => {
    if (!raw) return;
    try {
      const result = await ctx.api.review(revision, raw);
      for (const el of form.querySelectorAll(".invalid")) el.classList.remove("invalid");
      status.replaceChildren();
      const summary = h("div", { class: "summary", "data-testid": "summary" });
      // The bot's own summary of an uploaded file: Telegram's HTML subset, every value escaped by the bot's views.
      summary.innerHTML = result.summaryHtml;
      const publish = (notify: boolean) => h("button", { type: "button", class: notify ? "secondary" : "", "data-action": notify ? "publish-notify" : "publish", onclick: () => void doPublish(notify) }, t(notify ? "console-publish-notify" : "console-publish"));
      clear(review, summary, h("div", { class: "actions" }, publish(false), publish(true)));
    } catch (err) {
      failed(err);
    }
  };
  const doPublish = async (notify: boolean) => {
    if (!raw) return;
    try {
      const result = await ctx.api.publish(revision, raw, notify);
      review.replaceChildren();
      await open();
      say("ok", h("p", { "data-testid": "published" }, `${t("console-published")} ${result.message}`));
    } catch (err) {
      failed(err);
    }
  };
  const open = async () => {
    const snapshot = await ctx.api.programme();
    revision = snapshot.revision;
    base = structuredClone(snapshot.raw);
    raw = snapshot.raw as RawProgramme;
    raw.days ??= [];
    raw.venues ??= [];
    raw.speakers ??= [];
    status.replaceChildren();
    review.replaceChildren();
    render();
  };

  let loaded = false;
  return {
    show() {
      root.hidden = false;
      if (!loaded) void open().catch(failed);
      loaded = true;
    },
    hide() {
      root.hidden = true;
    },
  };
}
