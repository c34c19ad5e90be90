/**
 * Word stems for matching what one person offers with what another looks for, so that "лидаров" meets
 * "лидары" and "sensors" meets "sensor". Pure.
 *
 * Russian is the Snowball Russian stemmer of @orama/stemmers (a maintained build of Snowball's own
 * algorithm), since Russian words change their endings a lot. English is a small suffix stripper
 * (plurals, -ing, -ed, a final -e or -y), not the package's Porter: words are only ever compared with words
 * stemmed the same way, so all it must do is give a word's forms one stem, and Porter also joins different
 * words ("engines" and "engineers", "custom" and "customers"), which put words in the wrong vocabulary
 * entries for no more pairs found (bench/suggestions.ts).
 * A word's language is its script: Cyrillic is stemmed as Russian, anything else as English.
 */
import { stemmer as stemRussian } from "@orama/stemmers/russian";

const CYRILLIC = /[\u0400-\u04FF]/;

/**
 * The stem of one word (already one token of letters and digits), lowercased. Words of up to three
 * letters are kept whole: they are mostly abbreviations ("ИИ", "ЖД", "GPS"), and Snowball would make
 * "ИИ" the "и" ("and") of every Russian sentence.
 */
export function stem(word: string): string {
  // Lowercased first: the package's stemmer knows only lowercase endings ("ЛИДАРОВ" would stay whole).
  const lower = word.toLowerCase().replace(/ё/g, "е");
  if ([...lower].length <= 3) return lower;
  return CYRILLIC.test(lower) ? stemRussian(lower) : stemEnglish(lower);
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
