import type { Ctx, ParticipantCard, ParticipantRow, UnregisteredRow } from "./api.js";
import { clear, h } from "./dom.js";

const PAGE = 50;

/** The participants with search and filters; a row opens the participant's card with their meetings. */
export function participantsPage(ctx: Ctx, root: HTMLElement): { show(): void; hide(): void } {
  const { t } = ctx;
  const search = h("input", { type: "search", placeholder: t("console-search"), "aria-label": t("console-search"), name: "q" });
  const select = (name: string, label: string, options: [string, string][]) =>
    h("label", {}, h("span", {}, label), h("select", { name }, h("option", { value: "" }, t("console-any")), options.map(([value, text]) => h("option", { value }, text))));
  const yesNo: [string, string][] = [
    ["yes", t("console-yes")],
    ["no", t("console-no")],
  ];
  const regionSelect = select("region", t("console-filter-region"), []);
  const filters = h(
    "form",
    { class: "filters", onsubmit: (e: Event) => e.preventDefault() },
    search,
    select(
      "role",
      t("console-filter-role"),
      ctx.session.roles.map((r) => [r, t(`console-role-${r}`)]),
    ),
    regionSelect,
    select(
      "tag",
      t("console-filter-tag"),
      ctx.session.tags.map((tag) => [tag.id, ctx.text(tag.name)]),
    ),
    // Registered participants, or those who only wrote to the bot: no "any", the two lists differ in kind.
    h(
      "label",
      {},
      h("span", {}, t("console-filter-registered")),
      h("select", { name: "registered" }, h("option", { value: "yes" }, t("console-registered-yes")), h("option", { value: "no" }, t("console-registered-no"))),
    ),
    select("reachable", t("console-filter-reachable"), yesNo),
    select("meetings", t("console-filter-meetings"), yesNo),
  );
  const count = h("p", { class: "muted", "data-testid": "found" });
  const list = h("div", { class: "list" });
  const more = h("button", { type: "button", class: "secondary", hidden: true }, t("console-more"));
  const listView = h("div", {}, filters, count, list, more);
  const cardView = h("div", { hidden: true });
  clear(root, listView, cardView);

  let shown = 0;
  let generation = 0;
  const query = (offset: number) => {
    const q = new URLSearchParams();
    for (const el of filters.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")) if (el.value.trim() !== "") q.set(el.name, el.value.trim());
    q.set("offset", String(offset));
    q.set("limit", String(PAGE));
    return q;
  };
  const load = async (append: boolean) => {
    const mine = ++generation;
    const offset = append ? shown : 0;
    const page = await ctx.api.participants(query(offset));
    if (mine !== generation) return;
    if (!append) list.replaceChildren();
    const regionValue = regionSelect.querySelector("select")?.value ?? "";
    const regionEl = regionSelect.querySelector("select");
    if (regionEl && regionEl.options.length !== page.regions.length + 1) {
      clear(regionEl, h("option", { value: "" }, t("console-any")), page.regions.map((r) => h("option", { value: r }, r)));
      regionEl.value = regionValue;
    }
    for (const row of page.rows) list.append(rowView(row));
    shown = offset + page.rows.length;
    count.textContent = page.total === 0 ? t("console-none-found") : `${t("console-found")}: ${page.total}`;
    more.hidden = shown >= page.total;
  };
  const rowView = (p: ParticipantRow | UnregisteredRow) =>
    !p.registered
      ? h("div", { class: "row", "data-unregistered": p.id }, h("strong", {}, `Telegram ID ${p.id}`), h("span", { class: "muted" }, `${t("console-not-registered")}${p.language ? ` · ${p.language}` : ""}`))
      : h(
      "button",
      { type: "button", class: "row", "data-participant": p.id, onclick: () => void openCard(p.id) },
      h("strong", {}, p.fullName),
      h("span", {}, `${p.company} · ${p.position}`),
      h("span", { class: "muted" }, `${t(`console-role-${p.role}`)} · ${p.region}${p.reachable ? "" : " · ⛔"} · 🤝 ${p.meetings}`),
    );
  const openCard = async (id: number) => {
    let card: ParticipantCard;
    try {
      card = await ctx.api.participant(id);
    } catch (err) {
      count.textContent = err instanceof Error ? err.message : t("console-error");
      return;
    }
    listView.hidden = true;
    cardView.hidden = false;
    clear(cardView, cardViewOf(ctx, card, () => {
      cardView.hidden = true;
      listView.hidden = false;
    }));
  };

  let debounce: ReturnType<typeof setTimeout> | undefined;
  filters.addEventListener("input", () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void load(false), 250);
  });
  more.addEventListener("click", () => void load(true));
  let loaded = false;
  return {
    show() {
      root.hidden = false;
      if (!loaded) void load(false);
      loaded = true;
    },
    hide() {
      root.hidden = true;
    },
  };
}

function cardViewOf(ctx: Ctx, { participant: p, meetings }: ParticipantCard, back: () => void): HTMLElement {
  const { t } = ctx;
  const field = (key: string, value: string | undefined) => (value ? h("div", { class: "field" }, h("dt", {}, t(key)), h("dd", {}, value)) : null);
  const tags = p.tags.map((id) => ctx.text(ctx.session.tags.find((tag) => tag.id === id)?.name) || id).join(", ");
  return h(
    "article",
    { class: "card", "data-testid": "participant-card" },
    h("button", { type: "button", class: "secondary", onclick: back }, t("console-back")),
    h("h2", {}, p.fullName),
    h("p", {}, `${t(`console-role-${p.role}`)} · ${p.company} · ${p.region}`),
    h(
      "dl",
      {},
      field("console-card-position", p.position),
      field("console-card-phone", p.phone),
      field("console-card-email", p.email),
      field("console-card-username", p.username ? `@${p.username}` : undefined),
      field("console-card-industries", tags),
      field("console-card-offer", p.offer),
      field("console-card-looking-for", p.lookingFor),
      field("console-card-registered", ctx.formatAt(p.registeredAt, "date")),
    ),
    h("h3", {}, t("console-card-meetings")),
    meetings.length === 0
      ? h("p", { class: "muted" }, t("console-card-no-meetings"))
      : h(
          "ul",
          { class: "meetings" },
          meetings.map((m) =>
            h(
              "li",
              { "data-meeting": m.id },
              `${m.slot ? ctx.formatAt(m.slot.start, "date-time") : t("console-any-time")} · ${t(m.direction === "sent" ? "console-sent" : "console-received")} `,
              h("strong", {}, m.other ? `${m.other.fullName}, ${m.other.company}` : t("console-erased")),
              ` · ${t(`console-state-${m.state}`)}`,
              m.met ? ` · ${t(`console-met-${m.met}`)}` : "",
            ),
          ),
        ),
    h("p", { class: "muted" }, `${t("console-zone")} ${ctx.session.mission.zoneLabel}`),
  );
}
