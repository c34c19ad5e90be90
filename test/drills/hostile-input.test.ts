import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fake-telegram/server.js";
import { startHarness, type Harness } from "../helpers/harness.js";
import { KOLPAKOV } from "../helpers/meetings.js";
import { answerAll, FYODOR, LABELS, OLGA, register, seedParticipant } from "../helpers/registration.js";

/**
 * The hostile-input drill: every payload of the corpus, sent at every step of every flow, must get a calm
 * answer: no unhandled error, no Telegram 400 "can't parse entities", every reply in the user's language.
 */
const TEXTS = [
  "<b>bold</b><script>alert(1)</script>",
  "</b></i><a href='javascript:alert(1)'>x</a>",
  "*bold* _italic_ [link](http://example.org) `code`",
  "Tom & Jerry &amp; &lt;3 & < > &",
  "x".repeat(10_000),
  "\u200b\u200c\u200d\ufeff",
  "\u202eevil\u202c RTL עברית العربية",
  "😀😀😀🚀🇷🇺",
  "a\u0000b\u0000",
  "   ",
  "/start@mission_test_bot",
  "/start bad-payload-<>&",
  "/unknown_command with args",
  "/skip",
  "/cancel",
];

const CALLBACKS = ["lang:de", "lang:", "lang:ru:extra", "x".repeat(100), "💥:1", ":::", "reg:999999999999999999999"];

type Locale = "ru" | "en";
type Step = { name: string; reach: (user: FakeUser, locale: Locale) => Promise<unknown> };

const person = (locale: Locale) => (locale === "ru" ? OLGA : FYODOR);

// A host everyone in the drill may look up and ask for a meeting.
const TARGET = 8_999;
const REQUEST_LABEL = { ru: "🤝 Запросить встречу", en: "🤝 Request a meeting" } as const;
const ANY_TIME_LABEL = { ru: "🤝 В любое время — договоримся", en: "🤝 Any time — we will agree" } as const;

/** Asks the target for a meeting up to the time step (shown while the programme's B2B slots are ahead). */
async function toMeetingTime(u: FakeUser, l: Locale): Promise<void> {
  await registered(u, l);
  await u.send("/people");
  await u.pressData(`pcard:${TARGET}`);
  await u.press(REQUEST_LABEL[l]);
}

/** Past the time step, whether the programme still has slots ahead or not. */
async function toMeetingMessage(u: FakeUser, l: Locale): Promise<void> {
  await toMeetingTime(u, l);
  const offers = u.lastMessage().reply_markup;
  if (offers && "inline_keyboard" in offers && offers.inline_keyboard.flat().some((b) => b.text === ANY_TIME_LABEL[l])) await u.press(ANY_TIME_LABEL[l]);
}

/** A registered participant (stored directly: the registration has its own steps above). */
async function registered(u: FakeUser, l: Locale): Promise<void> {
  await seedParticipant(h, u.id, person(l), { language: l });
}

// Each flow's steps: how a user gets there. Features add theirs.
const STEPS: Step[] = [
  { name: "main menu", reach: (u) => u.send("/start") },
  { name: "language picker", reach: (u) => u.send("/language") },
  { name: "registration: consent", reach: (u) => u.send("/register") },
  {
    name: "registration: full name",
    reach: async (u, l) => {
      await u.send("/register");
      await u.press(LABELS[l].agree);
    },
  },
  {
    name: "registration: tags",
    reach: async (u, l) => {
      await u.send("/register");
      await u.press(LABELS[l].agree);
      for (const text of [person(l).fullName, person(l).company, person(l).position, person(l).region]) await u.send(text);
    },
  },
  {
    name: "registration: phone",
    reach: async (u, l) => {
      const a = person(l);
      await u.send("/register");
      await u.press(LABELS[l].agree);
      for (const text of [a.fullName, a.company, a.position, a.region]) await u.send(text);
      for (const tag of a.tags) await u.press(tag);
      await u.press(LABELS[l].done);
      await u.send(a.offer);
      await u.send(a.lookingFor);
    },
  },
  {
    name: "registration: summary",
    reach: async (u, l) => {
      await u.send("/register");
      await u.press(LABELS[l].agree);
      await answerAll(u, person(l), l);
    },
  },
  {
    name: "profile",
    reach: async (u, l) => {
      await register(u, person(l), l);
      await u.send("/profile");
    },
  },
  {
    name: "profile: editing the e-mail",
    reach: async (u, l) => {
      await registered(u, l);
      await u.send("/profile");
      await u.press("✏️ E-mail");
    },
  },
  {
    name: "directory",
    reach: async (u, l) => {
      await registered(u, l);
      await u.send("/people");
    },
  },
  {
    name: "participant card",
    reach: async (u, l) => {
      await registered(u, l);
      await u.send("/people");
      await u.pressData(`pcard:${TARGET}`);
    },
  },
  { name: "meeting request: time", reach: toMeetingTime },
  { name: "meeting request: message", reach: toMeetingMessage },
  {
    name: "meeting request: confirmation",
    reach: async (u, l) => {
      await toMeetingMessage(u, l);
      await u.send("<b>Hi</b> & <i>hello</i>");
    },
  },
  {
    name: "my meetings",
    reach: async (u, l) => {
      await registered(u, l);
      await u.send("/meetings");
    },
  },
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await seedParticipant(h, TARGET, KOLPAKOV, { role: "host", language: "en" });
});
afterAll(async () => {
  await h.stop();
});

const CYRILLIC = /[А-Яа-яЁё]/;
let nextUser = 9_000;

describe.each(["ru", "en"] as const)("hostile input (%s)", (language) => {
  it.each(STEPS)("at $name: every payload gets a calm, localized answer", async (step) => {
    const sends: ((u: FakeUser) => Promise<unknown>)[] = [
      ...TEXTS.map((t) => (u: FakeUser) => u.send(t)),
      ...CALLBACKS.map((d) => (u: FakeUser) => u.pressData(d)),
      (u) => u.sendSticker(),
      (u) => u.sendPhoto(),
      (u) => u.sendVoice(),
      (u) => u.sendLocation(),
      (u) => u.shareContact("+79990001122", 1),
      (u) => u.sendDocument("evil.exe", "MZ"),
    ];
    // One user per payload, all at once: users are independent, and it keeps the drill fast.
    const users = sends.map(() => h.tg.user(nextUser++, { language_code: language, first_name: "<i>Eve</i> & \u202eco" }));
    await Promise.all(
      sends.map(async (send, i) => {
        const user = users[i];
        if (!user) return;
        await step.reach(user, language);
        await send(user);
      }),
    );
    for (const user of users) {
      const replies = user.messages.map((m) => m.text).concat(user.toasts.filter((t) => t !== ""));
      expect(replies.length).toBeGreaterThan(1);
      for (const text of replies) {
        if (language === "ru") expect(text, `a reply to a ru user at ${step.name}`).toMatch(CYRILLIC);
        else expect(text, `a reply to an en user at ${step.name}`).not.toMatch(/^[^a-zA-Z]*$/);
      }
    }
    const parseErrors = h.tg.calls.filter((c) => c.status === 400);
    expect(parseErrors.map((c) => `${c.method}: ${c.description ?? ""}`)).toEqual([]);
    expect(h.errors()).toEqual([]);
  });

  it("ignores updates from groups, channels and edited messages without crashing", async () => {
    const before = h.tg.calls.length;
    h.tg.pushUpdate({ message: { message_id: 1, date: 0, chat: { id: -100123, type: "supergroup", title: "Mission" }, from: { id: 77, is_bot: false, first_name: "G" }, text: "hello bot" } });
    h.tg.pushUpdate({ channel_post: { message_id: 2, date: 0, chat: { id: -100456, type: "channel", title: "News" }, text: "/start" } });
    // A button under an inline-mode message: no chat, so no session key.
    h.tg.registerCallbackQuery("inline-1", 79);
    h.tg.pushUpdate({ callback_query: { id: "inline-1", from: { id: 79, is_bot: false, first_name: "I" }, chat_instance: "ci", inline_message_id: "im-1", data: "lang:en" } });
    h.tg.pushUpdate({ edited_message: { message_id: 3, date: 0, edit_date: 1, chat: { id: 78, type: "private", first_name: "E" }, from: { id: 78, is_bot: false, first_name: "E" }, text: "/start" } });
    const probe = h.tg.user(nextUser++, { language_code: language });
    await probe.send("/help"); // updates are handled in order of arrival per chat; this one comes after
    const sentElsewhere = h.tg.calls.slice(before).filter((c) => c.method.startsWith("send") && c.params.chat_id !== probe.id);
    expect(sentElsewhere).toEqual([]);
    expect(h.errors()).toEqual([]);
  });
});
