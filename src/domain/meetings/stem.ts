/**
 * Word stems for matching what one person offers with what another looks for, so that "лидаров" meets
 * "лидары" and "sensors" meets "sensor". Pure.
 *
 * Russian is the Snowball Russian stemmer (snowballstem.org), since Russian words change their endings a
 * lot; English is a small suffix stripper (plurals, -ing, -ed, a final -e or -y), not Porter: words are
 * only ever compared with words stemmed the same way, so all it must do is give a word's forms one stem.
 * A word's language is its script: Cyrillic is stemmed as Russian, anything else as English.
 */

const CYRILLIC = /[\u0400-\u04FF]/;

/**
 * The stem of one word (already one token of letters and digits), lowercased. Words of up to three
 * letters are kept whole: they are mostly abbreviations ("ИИ", "ЖД", "GPS"), and Snowball would make
 * "ИИ" the "и" ("and") of every Russian sentence.
 */
export function stem(word: string): string {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  if ([...lower].length <= 3) return lower;
  return CYRILLIC.test(lower) ? stemRussian(lower) : stemEnglish(lower);
}

// ---- Russian (Snowball) ------------------------------------------------------------------------

const RU_VOWELS = "аеиоуыэюя";

function isVowel(word: string, i: number): boolean {
  return RU_VOWELS.includes(word.charAt(i));
}

// Endings as Snowball names them. "Group 1" endings count only after а or я (which stays).
const PERFECTIVE_GERUND_1 = ["в", "вши", "вшись"];
const PERFECTIVE_GERUND_2 = ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"];
const ADJECTIVE = ["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"];
const PARTICIPLE_1 = ["ем", "нн", "вш", "ющ", "щ"];
const PARTICIPLE_2 = ["ивш", "ывш", "ующ"];
const REFLEXIVE = ["ся", "сь"];
const VERB_1 = ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"];
const VERB_2 = ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"];
const NOUN = ["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й", "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я"];
const SUPERLATIVE = ["ейш", "ейше"];

interface Ending {
  text: string;
  /** Counts only after а or я. */
  afterAYa: boolean;
}

/** A class of endings by text, and the longest one's length (endings are looked up, not scanned). */
interface Endings {
  byText: ReadonlyMap<string, Ending>;
  longest: number;
}

function endings(group1: readonly string[], group2: readonly string[] = []): Endings {
  const all = [...group1.map((text) => ({ text, afterAYa: true })), ...group2.map((text) => ({ text, afterAYa: false }))];
  return { byText: new Map(all.map((e) => [e.text, e])), longest: Math.max(...all.map((e) => e.text.length)) };
}

const GERUND = endings(PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2);
const PARTICIPLE = endings(PARTICIPLE_1, PARTICIPLE_2);
const VERB = endings(VERB_1, VERB_2);
const ADJECTIVE_ENDINGS = endings([], ADJECTIVE);
const NOUN_ENDINGS = endings([], NOUN);
const REFLEXIVE_ENDINGS = endings([], REFLEXIVE);
const SUPERLATIVE_ENDINGS = endings([], SUPERLATIVE);

/**
 * The word without the longest of `list` it ends with inside `from`… (Snowball's `among`): when that
 * longest one is a group 1 ending not after а/я, nothing is removed, as in Snowball (no shorter one tried).
 */
function strip(word: string, from: number, list: Endings): string | undefined {
  for (let length = Math.min(list.longest, word.length - from); length > 0; length--) {
    const ending = list.byText.get(word.slice(word.length - length));
    if (!ending) continue;
    const rest = word.slice(0, word.length - length);
    if (!ending.afterAYa) return rest;
    const before = rest.at(-1);
    return rest.length > from && (before === "а" || before === "я") ? rest : undefined;
  }
  return undefined;
}

/** Where Snowball's RV begins: after the first vowel (the word's length when it has none). */
function regionRV(word: string): number {
  for (let i = 0; i < word.length; i++) if (isVowel(word, i)) return i + 1;
  return word.length;
}

/** Where R1 of `word` from `start` begins: after the first non-vowel that follows a vowel. */
function regionR(word: string, start: number): number {
  for (let i = start + 1; i < word.length; i++) {
    if (!isVowel(word, i) && isVowel(word, i - 1)) return i + 1;
  }
  return word.length;
}

export function stemRussian(input: string): string {
  let word = input.toLowerCase().replace(/ё/g, "е");
  const rv = regionRV(word);
  const r2 = regionR(word, regionR(word, 0));

  // Step 1: a perfective gerund, or else (a reflexive ending off first) an adjectival, verb or noun ending.
  const gerund = strip(word, rv, GERUND);
  if (gerund !== undefined) word = gerund;
  else {
    word = strip(word, rv, REFLEXIVE_ENDINGS) ?? word;
    const adjective = strip(word, rv, ADJECTIVE_ENDINGS);
    if (adjective !== undefined) word = strip(adjective, rv, PARTICIPLE) ?? adjective;
    else word = strip(word, rv, VERB) ?? strip(word, rv, NOUN_ENDINGS) ?? word;
  }
  // Step 2.
  if (word.length > rv && word.endsWith("и")) word = word.slice(0, -1);
  // Step 3: derivational "ость" / "ост", in R2.
  for (const ending of ["ость", "ост"]) {
    if (word.endsWith(ending) && word.length - ending.length >= r2) {
      word = word.slice(0, -ending.length);
      break;
    }
  }
  // Step 4: a doubled н, a superlative (then a doubled н), or a soft sign.
  const superlative = strip(word, rv, SUPERLATIVE_ENDINGS);
  if (superlative !== undefined) word = superlative;
  if (word.length - 2 >= rv && word.endsWith("нн")) word = word.slice(0, -1);
  else if (superlative === undefined && word.length > rv && word.endsWith("ь")) word = word.slice(0, -1);
  return word;
}

// ---- English (a small suffix stripper) ---------------------------------------------------------

const EN_VOWEL = /[aeiouy]/;

export function stemEnglish(input: string): string {
  let word = input.toLowerCase().replace(/['’]s$/, "");
  if (word.length <= 3) return word;
  if (word.endsWith("sses")) word = word.slice(0, -2);
  else if (word.endsWith("ies")) word = `${word.slice(0, -3)}y`;
  else if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) word = word.slice(0, -1);
  for (const ending of ["ing", "ed"]) {
    const rest = word.slice(0, -ending.length);
    if (word.endsWith(ending) && rest.length >= 3 && EN_VOWEL.test(rest)) {
      // "shipping" → "ship", but "rolling" keeps its "ll" as "roll" does.
      word = /([^aeiouylsz])\1$/.test(rest) ? rest.slice(0, -1) : rest;
      break;
    }
  }
  // "mine" and "mining", "supply" and "supplies": one stem for both.
  if (word.length > 3 && (word.endsWith("e") || word.endsWith("y"))) word = word.slice(0, -1);
  return word;
}
