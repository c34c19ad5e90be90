import type { Ctx, Dashboard } from "./api.js";
import { chartIn, PALETTE, type Chart } from "./charts.js";
import { clear, h } from "./dom.js";

const EVERY_MS = 5_000;

/**
 * The mission's live picture: figures and charts, read again every few seconds while the page is shown.
 * Each number carries `data-figure` so a test (and a screen reader) finds it by name.
 */
export function dashboardPage(ctx: Ctx, root: HTMLElement): { show(): void; hide(): void } {
  const { t } = ctx;
  const figures = h("div", { class: "figures" });
  const updated = h("p", { class: "muted", "data-testid": "updated" });
  const box = (key: string, testid: string) => {
    const el = h("div", { class: "chart", "data-chart": testid });
    return { section: h("section", { class: "card" }, h("h2", {}, t(key)), el), el };
  };
  const registrations = box("console-registrations", "registrations");
  const regions = box("console-regions", "regions");
  const regionsOverTime = box("console-registrations-by-region", "registrations-by-region");
  const perDay = box("console-meetings-per-day", "meetings-per-day");
  const perSession = box("console-meetings-per-session", "meetings-per-session");
  const funnel = box("console-funnel", "funnel");
  const attendance = h("section", { class: "card", "data-testid": "attendance" });
  const broadcasts = h("section", { class: "card", "data-testid": "broadcasts" });
  clear(root, h("p", { class: "muted zone" }, `${t("console-zone")} ${ctx.session.mission.zoneLabel}`), figures, h("div", { class: "grid" }, registrations.section, regionsOverTime.section, regions.section, perDay.section, perSession.section, funnel.section, attendance, broadcasts), updated);

  let charts: Record<"registrations" | "regionsOverTime" | "regions" | "perDay" | "perSession" | "funnel", Chart> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let visible = false;

  const draw = (d: Dashboard) => {
    charts ??= { registrations: chartIn(registrations.el), regionsOverTime: chartIn(regionsOverTime.el), regions: chartIn(regions.el), perDay: chartIn(perDay.el), perSession: chartIn(perSession.el), funnel: chartIn(funnel.el) };
    const figure = (key: string, name: string, value: number) => h("div", { class: "figure" }, h("strong", { "data-figure": name }, value), h("span", {}, t(key)));
    clear(
      figures,
      figure("console-participants-total", "participants", d.participants.total),
      figure("console-reachable", "reachable", d.participants.reachable),
      figure("console-requests", "requests", d.meetings.total),
      figure("console-agreed", "agreed", d.funnel.accepted),
      figure("console-held", "held", d.funnel.held),
    );
    const grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
    const tooltip = { trigger: "axis" };
    charts.registrations.setOption({
      color: PALETTE,
      grid,
      tooltip,
      legend: { top: 0 },
      xAxis: { type: "category", data: d.registrations.days },
      yAxis: { type: "value", minInterval: 1 },
      series: ctx.session.roles.map((role) => ({ name: t(`console-role-${role}`), type: "line", stack: "all", areaStyle: {}, data: d.registrations.byRole[role] })),
    });
    const regionLines = [...d.registrations.byRegion, ...(d.registrations.other ? [{ region: t("console-other-regions"), counts: d.registrations.other }] : [])];
    charts.regionsOverTime.setOption(
      {
        color: PALETTE,
        grid,
        tooltip,
        legend: { top: 0, type: "scroll" },
        xAxis: { type: "category", data: d.registrations.days },
        yAxis: { type: "value", minInterval: 1 },
        series: regionLines.map((r) => ({ name: r.region, type: "line", data: r.counts })),
      },
      // Regions come and go from the top few: the old lines must not stay.
      { replaceMerge: ["series"] },
    );
    const topRegions = d.participants.byRegion.slice(0, 10).reverse();
    charts.regions.setOption({
      color: PALETTE,
      grid: { ...grid, top: 8 },
      tooltip,
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: topRegions.map((r) => r.region) },
      series: [{ type: "bar", data: topRegions.map((r) => r.count), label: { show: true, position: "right" } }],
    });
    const three = (rows: { requested: number; agreed: number; held: number }[]) => [
      { name: t("console-requested"), type: "bar", data: rows.map((r) => r.requested) },
      { name: t("console-agreed"), type: "bar", data: rows.map((r) => r.agreed) },
      { name: t("console-held"), type: "bar", data: rows.map((r) => r.held) },
    ];
    charts.perDay.setOption({ color: PALETTE, grid, tooltip, legend: { top: 0 }, xAxis: { type: "category", data: d.meetingsPerDay.map((r) => r.date) }, yAxis: { type: "value", minInterval: 1 }, series: three(d.meetingsPerDay) });
    charts.perSession.setOption({
      color: PALETTE,
      grid,
      tooltip,
      legend: { top: 0 },
      xAxis: { type: "category", data: d.sessions.map((s) => `${s.date.slice(5)} ${s.start}`), axisLabel: { interval: 0, rotate: d.sessions.length > 4 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: three(d.sessions),
    });
    const f = d.funnel;
    charts.funnel.setOption({
      color: PALETTE,
      tooltip: { trigger: "item" },
      series: [
        {
          type: "funnel",
          sort: "none",
          top: 8,
          bottom: 8,
          left: 8,
          width: "55%",
          minSize: "6%",
          // Outside the shapes: a step with few meetings is too narrow for its words.
          label: { show: true, position: "right", formatter: "{b}: {c}" },
          labelLine: { show: true },
          data: [
            { name: t("console-funnel-requests"), value: f.requests },
            { name: t("console-funnel-accepted"), value: f.accepted },
            { name: t("console-funnel-held"), value: f.held },
            { name: t("console-funnel-agreements"), value: f.agreements },
            { name: t("console-funnel-carried-out"), value: f.carriedOut },
          ],
        },
      ],
    });
    clear(
      attendance,
      h("h2", {}, t("console-attendance")),
      d.attendance.length === 0
        ? h("p", { class: "muted" }, t("console-attendance-none"))
        : h(
            "table",
            {},
            h("tr", {}, h("th", {}, ""), h("th", {}, ""), h("th", {}, t("console-attendance-present"))),
            d.attendance.map((a) =>
              h("tr", { "data-attendance": a.kind }, h("td", {}, a.kind === "day" ? a.date : (a.start ?? "")), h("td", {}, a.kind === "stop" ? `↳ ${ctx.text(a.title)}` : ctx.text(a.title)), h("td", {}, a.present)),
            ),
          ),
    );
    clear(
      broadcasts,
      h("h2", {}, t("console-broadcasts")),
      d.broadcasts.length === 0
        ? h("p", { class: "muted" }, t("console-broadcasts-none"))
        : d.broadcasts.map((b) =>
            h(
              "div",
              { class: "broadcast", "data-broadcast": b.id },
              h("p", {}, `#${b.id} ${b.summary}`),
              h("progress", { max: Math.max(1, b.counts.total), value: b.counts.total - b.left }),
              h("p", { class: "muted" }, `${b.counts.sent} ${t("console-broadcast-sent")} · ${b.left} ${t("console-broadcast-left")} · ${b.counts.total}`),
            ),
          ),
    );
    updated.textContent = `${t("console-updated")} ${ctx.formatAt(Date.now(), "time")}`;
  };

  const poll = async () => {
    timer = undefined;
    // Telegram keeps a minimised Mini App's page alive: nothing is asked while nobody looks.
    if (!document.hidden) {
      try {
        draw(await ctx.api.dashboard());
      } catch {
        updated.textContent = t("console-error");
      }
    }
    if (visible) timer = setTimeout(() => void poll(), EVERY_MS);
  };

  return {
    show() {
      visible = true;
      root.hidden = false;
      if (timer === undefined) void poll();
      if (charts) for (const chart of Object.values(charts)) chart.resize();
    },
    hide() {
      visible = false;
      root.hidden = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
