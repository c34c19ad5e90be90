/**
 * "Suggested for you": the people worth meeting, best first, each with the reason. Pure.
 *
 * Registration asks for interest tags (a fixed list) and free-text "what I offer" / "what I am looking
 * for", so a match is: shared tags, and words of what I look for found in what they offer (and the other
 * way round, weighing less). Russian words change their endings, so words are compared by their first
 * five letters.
 */
export interface MatchProfile {
  id: number;
  tags: readonly string[];
  offer: string;
  lookingFor: string;
}

export interface Suggestion {
  id: number;
  score: number;
  /** Tag ids both have. */
  sharedTags: string[];
  /** Words of my "looking for" that their "offer" answers. */
  theyOffer: string[];
  /** Words of their "looking for" that my "offer" answers. */
  youOffer: string[];
}

const WEIGHTS = { sharedTag: 3, theyOffer: 2, youOffer: 1 } as const;
const STEM = 5;
// Words too common in offers and requests to say anything about a match.
const STOP = new Set([
  "about", "company", "companies", "partner", "partners", "looking", "products", "services", "service", "with", "from", "that", "this", "which", "their", "your",
  "компания", "компании", "партнёр", "партнер", "партнёры", "партнеры", "ищем", "предлагаем", "продукция", "услуги", "которые", "который", "работы", "также", "наших", "наши", "нашей",
]);

function words(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 4 || STOP.has(raw)) continue;
    const stem = raw.slice(0, STEM);
    if (!found.has(stem)) found.set(stem, raw);
  }
  return found;
}

function overlap(wanted: string, offered: string): string[] {
  const offeredStems = words(offered);
  return [...words(wanted)].filter(([stem]) => offeredStems.has(stem)).map(([, word]) => word);
}

export function rank(me: MatchProfile, candidates: readonly MatchProfile[], limit = 10): Suggestion[] {
  const myTags = new Set(me.tags);
  return candidates
    .filter((c) => c.id !== me.id)
    .map((c) => {
      const sharedTags = c.tags.filter((t) => myTags.has(t));
      const theyOffer = overlap(me.lookingFor, c.offer);
      const youOffer = overlap(c.lookingFor, me.offer);
      const score = sharedTags.length * WEIGHTS.sharedTag + theyOffer.length * WEIGHTS.theyOffer + youOffer.length * WEIGHTS.youOffer;
      return { id: c.id, score, sharedTags, theyOffer, youOffer };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, limit);
}
