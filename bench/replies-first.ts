import { sleep, type ApiCall } from "../test/fake-telegram/server.js";
import { previewBroadcast } from "../test/helpers/broadcast-flow.js";
import { missionOnFakeTelegram, ORGANISER } from "./broadcast.js";
import { round, summarize, type LatencySummary } from "./lib.js";

const BUDGET = 30;
// Everything Telegram counts against the bot's ~30 a second: new messages and edits alike.
const MESSAGE_METHODS = new Set(["sendMessage", "sendPhoto", "sendDocument", "sendVenue", "sendLocation", "editMessageText", "editMessageReplyMarkup", "editMessageCaption"]);

export interface RepliesFirstResult {
  recipients: number;
  timeScale: number;
  /** Interactive updates a (Telegram) second while the broadcast runs, and how many were sent. */
  updatesPerSecond: number;
  updates: number;
  /** From the update to the bot's first message or edit in that chat, real milliseconds. */
  reply: LatencySummary;
  /** Sends and edits of every kind in one of Telegram's seconds, during the interactive traffic and over the run. */
  maxPerSecondDuringTraffic: number;
  maxPerSecond: number;
  /** Telegram's seconds during the traffic, and over the run those in which it saw more than 30. */
  trafficSeconds: number;
  secondsOver: number;
  tooManyRequests: number;
  /** The broadcast's sends a (Telegram) second while replies took their share, and once they stopped. */
  broadcastPerSecondDuringTraffic: number;
  broadcastPerSecondAfter: number;
  repliesPerSecond: number;
  lost: number;
  duplicates: number;
}

/**
 * "Replies come first": a broadcast to `recipients` runs at the set rate (25/s, the default)
 * on a clock `timeScale` times faster, and while it runs, `perSecond` updates a (Telegram) second come
 * in: two thirds button presses answered by an edit (another day of the programme), one third commands
 * answered by a new message (/help). The replies go straight out; the broadcast takes what they leave.
 */
export async function repliesFirstBench(redisUrl: string, recipients: number, timeScale: number, perSecond = 20, trafficSeconds = 60): Promise<RepliesFirstResult> {
  // The app's default: bulk sends at most 25 of Telegram's 30 even when nobody is writing.
  const mission = await missionOnFakeTelegram(redisUrl, { recipients, timeScale, globalPerSecond: BUDGET, botPerSecond: 25 });
  const { tg, app } = mission;
  try {
    await app.start();

    // The people who use the bot during the broadcast (recipients too), each with the programme open.
    // Their Telegram speaks the language they are on record with: an update's language_code is what the
    // bot speaks to them from then on (LanguagesRepo), broadcasts included.
    const users = Array.from({ length: 300 }, (_, i) => recipients - i).map((id) => tg.user(id, { language_code: id % 2 ? "ru" : "en" }));
    for (const user of users) {
      user.push("/today");
      await sleep(10);
    }
    const deadline = performance.now() + 30_000;
    while (users.some((u) => !u.messages.some((m) => m.reply_markup && "inline_keyboard" in m.reply_markup))) {
      if (performance.now() > deadline) throw new Error("the programme did not open for every user");
      await sleep(50);
    }
    // A quiet (Telegram) second or two, so that the warm-up's replies are not in the budget any more.
    await sleep((3 * 1000) / timeScale);

    const org = tg.user(ORGANISER, { language_code: "en" });
    await previewBroadcast(org, "The bus to Zheleznogorsk leaves at 15:00 from the main entrance.", "Автобус в Железногорск отправляется в 15:00 от главного входа.", 60_000);
    const isBroadcast = (c: ApiCall) => c.method === "sendMessage" && Number(c.params.chat_id) > 0 && Number(c.params.chat_id) <= recipients && String(c.params.text).startsWith(Number(c.params.chat_id) % 2 ? "Автобус" : "The bus");
    void org.press("✅ Send");
    while (!tg.calls.some(isBroadcast)) await sleep(5);
    // Let the broadcast reach its rate first.
    await sleep((5 * 1000) / timeScale);

    // Open loop: updates at their times whatever the bot does; the latency is to the first message or edit in that chat.
    const pending = new Map<number, number[]>();
    const latencies: number[] = [];
    const onCall = (call: ApiCall) => {
      if (!MESSAGE_METHODS.has(call.method) || isBroadcast(call)) return;
      const queue = pending.get(Number(call.params.chat_id));
      const t = queue?.shift();
      if (t !== undefined) latencies.push(performance.now() - t);
    };
    tg.events.on("call", onCall);
    const count = Math.round(perSecond * trafficSeconds);
    const interval = 1000 / (perSecond * timeScale);
    const trafficStart = Date.now();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const due = t0 + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const user = users[i % users.length];
      if (!user) continue;
      const queue = pending.get(user.id) ?? [];
      queue.push(due);
      pending.set(user.id, queue);
      if (i % 3 === 2) {
        user.push("/help");
      } else {
        const menu = [...user.messages].reverse().find((m) => m.reply_markup && "inline_keyboard" in m.reply_markup);
        const id = `rf-${i}`;
        tg.registerCallbackQuery(id, user.id);
        tg.pushUpdate({
          callback_query: {
            id,
            from: { id: user.id, is_bot: false, first_name: `User${user.id}`, language_code: user.id % 2 ? "ru" : "en" },
            chat_instance: `ci-${user.id}`,
            data: `pday:${Math.floor(i / users.length) % 3}:0`,
            ...(menu ? { message: tg.toTelegramMessage(menu) } : {}),
          },
        });
      }
    }
    const trafficEnd = Date.now();
    const answered = performance.now() + 10_000;
    while (latencies.length < count && performance.now() < answered) await sleep(20);
    tg.events.off("call", onCall);

    const finished = performance.now() + 300_000;
    while (!org.messages.some((m) => /has gone out/.test(m.text))) {
      if (performance.now() > finished) throw new Error("the broadcast did not finish in 5 minutes");
      await sleep(50);
    }
    await sleep(200);

    const second = (at: number) => Math.floor((at * timeScale) / 1000);
    const during = (c: ApiCall) => second(c.at) >= second(trafficStart) && second(c.at) < second(trafficEnd);
    const all = tg.sendsPerSecond((c) => MESSAGE_METHODS.has(c.method));
    if (process.env.BENCH_SECONDS) console.log(JSON.stringify([...all.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n)));
    const inTraffic = tg.sendsPerSecond((c) => MESSAGE_METHODS.has(c.method) && during(c));
    const broadcastCalls = tg.calls.filter(isBroadcast);
    const trafficSecondsSeen = Math.max(1, second(trafficEnd) - second(trafficStart));
    const broadcastDuring = broadcastCalls.filter(during).length / trafficSecondsSeen;
    const after = broadcastCalls.filter((c) => c.at > trafficEnd + 2000 / timeScale);
    const afterSpan = ((after.at(-1)?.at ?? 0) - (after[0]?.at ?? 0)) / 1000;
    const repliesDuring = tg.calls.filter((c) => MESSAGE_METHODS.has(c.method) && !isBroadcast(c) && during(c) && Number(c.params.chat_id) !== ORGANISER).length / trafficSecondsSeen;
    let lost = 0;
    let duplicates = 0;
    for (let id = 1; id <= recipients; id++) {
      const got = tg.messagesIn(id).filter((m) => m.text.startsWith(id % 2 ? "Автобус" : "The bus")).length;
      if (got === 0) lost += 1;
      if (got > 1) duplicates += 1;
    }
    return {
      recipients,
      timeScale,
      updatesPerSecond: perSecond,
      updates: count,
      reply: summarize(latencies),
      maxPerSecondDuringTraffic: Math.max(...inTraffic.values()),
      maxPerSecond: Math.max(...all.values()),
      trafficSeconds: inTraffic.size,
      secondsOver: [...all.values()].filter((n) => n > BUDGET).length,
      tooManyRequests: tg.tooManyRequests,
      broadcastPerSecondDuringTraffic: round(broadcastDuring, 1),
      broadcastPerSecondAfter: afterSpan > 0 ? round((after.length - 1) / (afterSpan * timeScale), 1) : 0,
      repliesPerSecond: round(repliesDuring, 1),
      lost,
      duplicates,
    };
  } finally {
    await mission.stop();
  }
}
