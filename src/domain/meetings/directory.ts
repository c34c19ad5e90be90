/**
 * The participant directory: who is listed, filtered by role, interest tag and region, in pages. Pure.
 * Regions are free text, so a region filter is a short hash of the region's normalized spelling: callback
 * data carries ids, never what people typed.
 */

export const ROLE_FILTERS = ["all", "host", "delegate"] as const;
export type RoleFilter = (typeof ROLE_FILTERS)[number];

export interface DirectoryFilters {
  role: RoleFilter;
  /** A tag id. */
  tag?: string | undefined;
  /** A region id (see `regionId`). */
  region?: string | undefined;
}

/** What the directory needs of a participant. */
export interface Listed {
  id: number;
  role: string;
  fullName: string;
  region: string;
  tags: readonly string[];
  visible: boolean;
}

export function normalizeRegion(region: string): string {
  return region.normalize("NFC").toLocaleLowerCase("ru").replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

/** FNV-1a over the normalized spelling, 8 hex digits: "Красноярск" and " красноярск " are one region. */
export function regionId(region: string): string {
  let hash = 0x811c9dc5;
  for (const ch of normalizeRegion(region)) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** Who the viewer may see: listed participants other than themselves. */
export function listed<P extends Listed>(people: readonly P[], viewerId: number): P[] {
  return people.filter((p) => p.visible && p.id !== viewerId);
}

// One collator: localeCompare with a locale builds one per call, which was most of a directory page's CPU.
const byName = new Intl.Collator("ru");

export function applyFilters<P extends Listed>(people: readonly P[], filters: DirectoryFilters): P[] {
  return people
    .filter((p) => filters.role === "all" || p.role === filters.role)
    .filter((p) => filters.tag === undefined || p.tags.includes(filters.tag))
    .filter((p) => filters.region === undefined || regionId(p.region) === filters.region)
    .sort((a, b) => byName.compare(a.fullName, b.fullName) || a.id - b.id);
}

export interface RegionOption {
  id: string;
  /** The spelling most people used. */
  name: string;
  count: number;
}

/** The regions of some participants, most common first, each under the spelling most of them used. */
export function regionOptions(people: readonly Listed[]): RegionOption[] {
  const groups = new Map<string, Map<string, number>>();
  for (const p of people) {
    const id = regionId(p.region);
    const spellings = groups.get(id) ?? new Map<string, number>();
    const name = p.region.trim();
    spellings.set(name, (spellings.get(name) ?? 0) + 1);
    groups.set(id, spellings);
  }
  return [...groups]
    .map(([id, spellings]) => {
      // The most used spelling; on a tie the capitalised one ("Красноярск" over "красноярск").
      const capitalised = (name: string) => (name.charAt(0) !== name.charAt(0).toLocaleLowerCase() ? 0 : 1);
      const best = [...spellings].sort((a, b) => b[1] - a[1] || capitalised(a[0]) - capitalised(b[0]) || a[0].localeCompare(b[0]))[0];
      const count = [...spellings.values()].reduce((sum, n) => sum + n, 0);
      return { id, name: best?.[0] ?? "", count };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "ru"));
}

export interface Page<T> {
  items: T[];
  /** 0-based, clamped to the pages there are. */
  page: number;
  pages: number;
  total: number;
  /** Items a page holds (the first item of this page is number `page * size + 1`). */
  size: number;
}

export function paginate<T>(items: readonly T[], requested: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(0, Math.floor(requested)), pages - 1);
  return { items: items.slice(page * size, (page + 1) * size), page, pages, total: items.length, size };
}

/**
 * Whom "Suggested for you" looks at: hosts for a delegate, delegates for a host, both for anyone else
 * (speakers, organisers with a profile).
 */
export function suggestionRoles(role: string): readonly string[] {
  if (role === "delegate") return ["host"];
  if (role === "host") return ["delegate"];
  return ["host", "delegate"];
}
