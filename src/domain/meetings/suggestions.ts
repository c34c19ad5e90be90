import type { Locale } from "../locale.js";
import { localize, type VocabularyEntry } from "../mission/schema.js";
import { stem } from "./stem.js";

/**
 * "Suggested for you": the people worth meeting, best first, each with the reason. Pure.
 *
 * Registration asks for interest tags (a fixed list) and free-text "what I offer" / "what I am looking
 * for", so a match is: shared tags, and what I look for found in what they offer (and the other way
 * round, weighing less). A word meets another in two ways:
 * - through the programme's ru↔en vocabulary: both are words of one entry, in either language, compared
 *   by their stems, so "лидаров" meets "lidar" and "датчики" meets "sensors";
 * - as before, by their first five letters: Russian words change their endings, and people write words
 *   the vocabulary does not have.
 */
export interface MatchProfile {
  id: number;
  tags: readonly string[];
  offer: string;
  lookingFor: string;
}

/** One thing matched, as the reason names it in each language (a plain word is the same in both). */
export type Term = Readonly<Record<Locale, string>>;

export interface Suggestion {
  id: number;
  score: number;
  /** Tag ids both have. */
  sharedTags: string[];
  /** What of my "looking for" their "offer" answers. */
  theyOffer: Term[];
  /** What of their "looking for" my "offer" answers. */
  youOffer: Term[];
}

/** The programme's ru↔en word list, looked up by stem. */
export class Vocabulary {
  private readonly byStem = new Map<string, number[]>();
  private readonly names: Term[];

  constructor(entries: readonly VocabularyEntry[]) {
    this.names = entries.map((entry) => ({
      ru: entry.name ? localize(entry.name, "ru") : (entry.ru[0] ?? ""),
      en: entry.name ? localize(entry.name, "en") : (entry.en[0] ?? ""),
    }));
    entries.forEach((entry, index) => {
      for (const word of [...entry.ru, ...entry.en]) {
        const key = stem(word);
        const found = this.byStem.get(key);
        if (!found) this.byStem.set(key, [index]);
        else if (!found.includes(index)) found.push(index);
      }
    });
  }

  /** The entries a word (its stem) belongs to. */
  entriesOf(wordStem: string): readonly number[] {
    return this.byStem.get(wordStem) ?? NONE;
  }

  name(entry: number): Term {
    return this.names[entry] ?? { ru: "", en: "" };
  }
}

const NONE: readonly number[] = [];
const NO_VOCABULARY = new Vocabulary([]);

const WEIGHTS = { sharedTag: 3, theyOffer: 2, youOffer: 1 } as const;
const PREFIX = 5;
// Shorter words meet by prefix only when the vocabulary has them ("ИИ", "ore"): else they are mostly
// prepositions and conjunctions.
const MIN_PLAIN = 4;
// Words too common in offers and requests to say anything about a match.
const STOP = new Set([
  "about", "company", "companies", "partner", "partners", "looking", "products", "services", "service", "with", "from", "that", "this", "which", "their", "your",
  "компания", "компании", "партнёр", "партнер", "партнёры", "партнеры", "ищем", "предлагаем", "продукция", "услуги", "которые", "который", "работы", "также", "наших", "наши", "нашей",
]);

/** A word of a text, stemmed: what matching needs of it, whatever the vocabulary. */
export interface Word {
  /** As written, lowercased. */
  written: string;
  prefix: string;
  stem: string;
}

/**
 * A profile's two texts cut into words and stemmed. Stemming is most of the work of matching, and a
 * text does not change until its owner edits it, so a caller may keep these with the participants.
 */
export interface MatchTexts {
  offer: readonly Word[];
  lookingFor: readonly Word[];
}

function wordsOf(text: string): Word[] {
  const found: Word[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw === "" || STOP.has(raw)) continue;
    found.push({ written: raw, prefix: raw.slice(0, PREFIX), stem: stem(raw) });
  }
  return found;
}

export function matchTexts(p: { offer: string; lookingFor: string }): MatchTexts {
  return { offer: wordsOf(p.offer), lookingFor: wordsOf(p.lookingFor) };
}

/** A word with the vocabulary entries it belongs to, as one ranking sees it. */
interface Looked {
  word: Word;
  entries: readonly number[];
  /** Long enough to meet by its prefix. */
  plain: boolean;
}

function lookUp(words: readonly Word[], vocabulary: Vocabulary): Looked[] {
  const found: Looked[] = [];
  for (const word of words) {
    const entries = vocabulary.entriesOf(word.stem);
    const plain = word.written.length >= MIN_PLAIN;
    if (plain || entries.length > 0) found.push({ word, entries, plain });
  }
  return found;
}

/**
 * What of `wanted` `offered` answers: each vocabulary entry met once, named by the vocabulary; else each
 * prefix met once, named by the word of the side the viewer wrote (`mine`), so that the reason is in
 * the viewer's words.
 */
function overlap(wanted: readonly Looked[], offered: readonly Looked[], vocabulary: Vocabulary, mine: "wanted" | "offered"): Term[] {
  const offeredEntries = new Set(offered.flatMap((w) => w.entries));
  const offeredByPrefix = new Map<string, string>();
  for (const w of offered) if (w.plain && !offeredByPrefix.has(w.word.prefix)) offeredByPrefix.set(w.word.prefix, w.word.written);
  const found = new Map<string, Term>();
  for (const w of wanted) {
    const shared = w.entries.filter((e) => offeredEntries.has(e));
    if (shared.length > 0) {
      for (const e of shared) if (!found.has(`v${e}`)) found.set(`v${e}`, vocabulary.name(e));
      continue;
    }
    const theirs = w.plain ? offeredByPrefix.get(w.word.prefix) : undefined;
    if (theirs === undefined || found.has(`w${w.word.prefix}`)) continue;
    const word = mine === "wanted" ? w.word.written : theirs;
    found.set(`w${w.word.prefix}`, { ru: word, en: word });
  }
  return [...found.values()];
}

export interface RankOptions {
  vocabulary?: Vocabulary;
  limit?: number;
  /** The texts of a profile cut and stemmed, when the caller keeps them; else they are cut for this ranking. */
  textsOf?: (p: MatchProfile) => MatchTexts;
}

export function rank(me: MatchProfile, candidates: readonly MatchProfile[], options: RankOptions = {}): Suggestion[] {
  const vocabulary = options.vocabulary ?? NO_VOCABULARY;
  const textsOf = options.textsOf ?? matchTexts;
  const myTags = new Set(me.tags);
  const mine = textsOf(me);
  const iLookFor = lookUp(mine.lookingFor, vocabulary);
  const iOffer = lookUp(mine.offer, vocabulary);
  return candidates
    .filter((c) => c.id !== me.id)
    .map((c) => {
      const theirs = textsOf(c);
      const sharedTags = c.tags.filter((t) => myTags.has(t));
      const theyOffer = overlap(iLookFor, lookUp(theirs.offer, vocabulary), vocabulary, "wanted");
      const youOffer = overlap(lookUp(theirs.lookingFor, vocabulary), iOffer, vocabulary, "offered");
      const score = sharedTags.length * WEIGHTS.sharedTag + theyOffer.length * WEIGHTS.theyOffer + youOffer.length * WEIGHTS.youOffer;
      return { id: c.id, score, sharedTags, theyOffer, youOffer };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, options.limit ?? 10);
}
