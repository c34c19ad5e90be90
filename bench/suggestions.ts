/**
 * `npx tsx bench/suggestions.ts`: issue 14, item 10. How many of the delegate–host pairs a person would
 * pick (test/fixtures/suggestions-40.ts: 40 participants, half writing in Russian, half in English) show
 * up in each one's "Suggested for you" (its top five), before and after matching across the two
 * languages through the programme's vocabulary (content/mission.yaml). Also how long one suggestion list
 * takes with the mission's vocabulary. Not part of `npm test`. Prints tables.
 */
import { performance } from "node:perf_hooks";
import { loadMissionFile } from "../src/content/load-mission.js";
import { suggestionRoles } from "../src/domain/meetings/directory.js";
import { matchTexts, rank, Vocabulary, type MatchProfile } from "../src/domain/meetings/suggestions.js";
import { SUGGESTIONS_SHOWN } from "../src/services/directory.js";
import { PAIRS, PARTICIPANTS, type FixtureParticipant } from "../test/fixtures/suggestions-40.js";

// ---- the algorithm before issue 14, item 10 (src/domain/meetings/suggestions.ts at cefb27f), kept for comparison ----

const OLD_STOP = new Set([
  "about", "company", "companies", "partner", "partners", "looking", "products", "services", "service", "with", "from", "that", "this", "which", "their", "your",
  "компания", "компании", "партнёр", "партнер", "партнёры", "партнеры", "ищем", "предлагаем", "продукция", "услуги", "которые", "который", "работы", "также", "наших", "наши", "нашей",
]);

function oldWords(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 4 || OLD_STOP.has(raw)) continue;
    const stem = raw.slice(0, 5);
    if (!found.has(stem)) found.set(stem, raw);
  }
  return found;
}

function oldOverlap(wanted: string, offered: string): string[] {
  const offeredStems = oldWords(offered);
  return [...oldWords(wanted)].filter(([stem]) => offeredStems.has(stem)).map(([, word]) => word);
}

function oldRank(me: MatchProfile, candidates: readonly MatchProfile[], limit: number): { id: number }[] {
  const myTags = new Set(me.tags);
  return candidates
    .filter((c) => c.id !== me.id)
    .map((c) => {
      const sharedTags = c.tags.filter((t) => myTags.has(t));
      const score = sharedTags.length * 3 + oldOverlap(me.lookingFor, c.offer).length * 2 + oldOverlap(c.lookingFor, me.offer).length;
      return { id: c.id, score };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, limit);
}

// ---- measuring ----------------------------------------------------------------------------------

type Ranker = (me: MatchProfile, candidates: readonly MatchProfile[]) => { id: number }[];

const byId = new Map(PARTICIPANTS.map((p) => [p.id, p]));

/**
 * Ids for the 40 as Telegram would give them: at random. The fixture's own ids put the Russian writers
 * first, and ties are broken by id, so a fixed set of ids would favour one language; every figure is the
 * mean over DRAWS sets of ids drawn at random (a fixed seed, so that runs compare).
 */
const DRAWS = 100;

function drawIds(seed: number): Map<number, number> {
  // mulberry32
  let a = seed;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ids = PARTICIPANTS.map((_, i) => 1_000 + i);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j] ?? 0, ids[i] ?? 0];
  }
  return new Map(PARTICIPANTS.map((p, i) => [p.id, ids[i] ?? 0]));
}

/** Everyone's top five (by fixture id), among the roles "Suggested for you" shows them, under the ids given. */
function topFives(ranker: Ranker, idOf: Map<number, number>): Map<number, Set<number>> {
  const people = PARTICIPANTS.map((p) => ({ ...p, id: idOf.get(p.id) ?? p.id }));
  const fixtureId = new Map([...idOf].map(([fixture, drawn]) => [drawn, fixture]));
  const tops = new Map<number, Set<number>>();
  for (const me of people) {
    const roles = suggestionRoles(me.role);
    const candidates = people.filter((p) => roles.includes(p.role));
    tops.set(fixtureId.get(me.id) ?? me.id, new Set(ranker(me, candidates).map((s) => fixtureId.get(s.id) ?? s.id)));
  }
  return tops;
}

interface Recall {
  pairs: number;
  /** The host in the delegate's top five. */
  delegateSide: number;
  /** The delegate in the host's top five. */
  hostSide: number;
  /** Both. */
  both: number;
}

function recall(tops: Map<number, Set<number>>, pairs: readonly (readonly [number, number])[]): Recall {
  const r: Recall = { pairs: pairs.length, delegateSide: 0, hostSide: 0, both: 0 };
  for (const [delegate, host] of pairs) {
    const d = tops.get(delegate)?.has(host) ?? false;
    const h = tops.get(host)?.has(delegate) ?? false;
    if (d) r.delegateSide++;
    if (h) r.hostSide++;
    if (d && h) r.both++;
  }
  return r;
}

/** How many of the suggestions shown are pairs a person would pick. */
function precision(tops: Map<number, Set<number>>): { shown: number; picked: number } {
  const picked = new Set(PAIRS.flatMap(([d, h]) => [`${d}:${h}`, `${h}:${d}`]));
  let shown = 0;
  let hits = 0;
  for (const [me, top] of tops) {
    for (const other of top) {
      shown++;
      if (picked.has(`${me}:${other}`)) hits++;
    }
  }
  return { shown, picked: hits };
}

const lang = (id: number): FixtureParticipant["lang"] | undefined => byId.get(id)?.lang;
const across = PAIRS.filter(([d, h]) => lang(d) !== lang(h));
const within = PAIRS.filter(([d, h]) => lang(d) === lang(h));
const noTagInCommon = across.filter(([d, h]) => !(byId.get(d)?.tags ?? []).some((t) => byId.get(h)?.tags.includes(t)));
const GROUPS = [["all", PAIRS], ["across languages", across], ["… of them with no industry in common", noTagInCommon], ["same language", within]] as const;

const mission = await loadMissionFile(new URL("../content/mission.yaml", import.meta.url).pathname);
const vocabulary = new Vocabulary(mission.vocabulary);
const rankers: Record<string, Ranker> = {
  before: (me, candidates) => oldRank(me, candidates, SUGGESTIONS_SHOWN),
  "after, without a vocabulary": (me, candidates) => rank(me, candidates, { limit: SUGGESTIONS_SHOWN }),
  after: (me, candidates) => rank(me, candidates, { vocabulary, limit: SUGGESTIONS_SHOWN }),
};

const draws = Array.from({ length: DRAWS }, (_, i) => drawIds(i + 1));
const mean = (n: number, of: number) => `${(n / DRAWS).toFixed(1)}/${of} (${Math.round((100 * n) / DRAWS / of)}%)`;
const rows: Record<string, string>[] = [];
for (const [name, ranker] of Object.entries(rankers)) {
  const sums = GROUPS.map(() => ({ delegateSide: 0, hostSide: 0, both: 0, least: Infinity, most: 0 }));
  let shown = 0;
  let picked = 0;
  for (const idOf of draws) {
    const tops = topFives(ranker, idOf);
    GROUPS.forEach(([, pairs], g) => {
      const r = recall(tops, pairs);
      const sum = sums[g];
      if (!sum) return;
      sum.delegateSide += r.delegateSide;
      sum.hostSide += r.hostSide;
      sum.both += r.both;
      sum.least = Math.min(sum.least, r.delegateSide + r.hostSide);
      sum.most = Math.max(sum.most, r.delegateSide + r.hostSide);
    });
    const p = precision(tops);
    shown += p.shown;
    picked += p.picked;
  }
  GROUPS.forEach(([which, pairs], g) => {
    const sum = sums[g];
    if (!sum) return;
    rows.push({
      algorithm: name,
      pairs: `${which} (${pairs.length})`,
      "in the delegate's 5": mean(sum.delegateSide, pairs.length),
      "in the host's 5": mean(sum.hostSide, pairs.length),
      "in both": mean(sum.both, pairs.length),
      "either side, of 2 × pairs": `${mean(sum.delegateSide + sum.hostSide, 2 * pairs.length)}; ${sum.least}–${sum.most}`,
    });
  });
  rows.push({ algorithm: name, pairs: "shown that are picked pairs", "either side, of 2 × pairs": `${(picked / DRAWS).toFixed(1)} of ${(shown / DRAWS).toFixed(1)} shown (${Math.round((100 * picked) / shown)}%)` });
}
console.log(
  `Recall at ${SUGGESTIONS_SHOWN}: ${PARTICIPANTS.length} participants, ${PAIRS.length} pairs (${across.length} across languages), ` +
    `vocabulary of ${mission.vocabulary.length} entries; means over ${DRAWS} random sets of ids (least–most of "either side")`,
);
console.table(rows);

// The picked pairs left out, before and after, and in how many of the draws.
for (const name of ["before", "after"]) {
  const missedIn = new Map<string, number>();
  for (const idOf of draws) {
    const tops = topFives(rankers[name] ?? (() => []), idOf);
    for (const [d, h] of PAIRS) {
      for (const [side, hit] of [["delegate's", tops.get(d)?.has(h)], ["host's", tops.get(h)?.has(d)]] as const) {
        if (hit) continue;
        const key = `${byId.get(d)?.name} ↔ ${byId.get(h)?.name}: not in the ${side} top 5`;
        missedIn.set(key, (missedIn.get(key) ?? 0) + 1);
      }
    }
  }
  console.log(`Missed ${name}:\n  ${[...missedIn].map(([key, n]) => `${key} (${n} of ${DRAWS} draws)`).join("\n  ")}`);
}

// Time: one participant's suggestions among 40 and among 300 (the fixture repeated): before; after
// with nothing kept (the vocabulary and everyone's words stemmed for each list); after as the bot runs it
// (the vocabulary stemmed once per programme, everyone's words once per version of the participants).
// In alternating rounds, so that a busy machine weighs on all three alike.
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
for (const size of [40, 300]) {
  const people: MatchProfile[] = Array.from({ length: size }, (_, i) => {
    const p = PARTICIPANTS[i % PARTICIPANTS.length];
    if (!p) throw new Error("empty fixture");
    return { ...p, id: i + 1 };
  });
  const kept = new Map(people.map((p) => [p, matchTexts(p)]));
  const textsOf = (p: MatchProfile) => kept.get(p) ?? matchTexts(p);
  const lists = 100;
  const time = (one: (me: MatchProfile) => unknown) => {
    const start = performance.now();
    for (let i = 0; i < lists; i++) one(people[i % size] as MatchProfile);
    return (performance.now() - start) / lists;
  };
  const runs: Record<string, number[]> = { before: [], "after, nothing kept": [], "after, as the bot": [] };
  for (let round = 0; round < 10; round++) {
    runs.before?.push(time((me) => oldRank(me, people, SUGGESTIONS_SHOWN)));
    runs["after, nothing kept"]?.push(time((me) => rank(me, people, { vocabulary: new Vocabulary(mission.vocabulary), limit: SUGGESTIONS_SHOWN })));
    runs["after, as the bot"]?.push(time((me) => rank(me, people, { vocabulary, limit: SUGGESTIONS_SHOWN, textsOf })));
  }
  const figures = Object.entries(runs).map(([name, ms]) => `${name} ${median(ms).toFixed(2)} ms`);
  console.log(`One suggestion list among ${size} participants (medians of 10 rounds of ${lists}): ${figures.join(", ")}`);
}
