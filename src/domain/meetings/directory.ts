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

// A mission has a few dozen spellings of regions; the directory asks for each person's id on every page.
const regionIds = new Map<string, string>();

/** FNV-1a over the normalized spelling, 8 hex digits: "Красноярск" and " красноярск " are one region. */
export function regionId(region: string): string {
  let id = regionIds.get(region);
  if (id === undefined) {
    if (regionIds.size >= 10_000) regionIds.clear();
    id = hashRegion(region);
    regionIds.set(region, id);
  }
  return id;
}

function hashRegion(region: string): string {
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
const collator = new Intl.Collator("ru");

/** The directory's order: by name as Russian speakers sort (Cyrillic first), then by id. */
export function byName(a: Listed, b: Listed): number {
  return collator.compare(a.fullName, b.fullName) || a.id - b.id;
}

/**
 * The people the filters leave, in the order given: sort everyone `byName` once, not each selection
 * (a page filters everyone twice; sorting there was most of its CPU with 900 participants).
 */
export function applyFilters<P extends Listed>(people: readonly P[], filters: DirectoryFilters): P[] {
  return people.filter(
    (p) =>
      (filters.role === "all" || p.role === filters.role) &&
      (filters.tag === undefined || p.tags.includes(filters.tag)) &&
      (filters.region === undefined || regionId(p.region) === filters.region),
  );
}

export interface RegionOption {
  id: string;
  /** The spelling most people used. */
  name: string;
  count: number;
}

type Groups = Map<string, Map<string, number>>;

function regionGroups(people: readonly Listed[]): Groups {
  const groups: Groups = new Map();
  for (const p of people) {
    const id = regionId(p.region);
    const spellings = groups.get(id) ?? new Map<string, number>();
    const name = p.region.trim();
    spellings.set(name, (spellings.get(name) ?? 0) + 1);
    groups.set(id, spellings);
  }
  return groups;
}

// The most used spelling; on a tie the capitalised one ("Красноярск" over "красноярск").
const capitalised = (name: string) => (name.charAt(0) !== name.charAt(0).toLocaleLowerCase() ? 0 : 1);

/** Options of grouped regions, `minus` (someone in the groups) not counted. */
function optionsOf(groups: Groups, minus?: Listed): RegionOption[] {
  const minusId = minus ? regionId(minus.region) : undefined;
  const options: RegionOption[] = [];
  for (const [id, spellings] of groups) {
    let entries = [...spellings];
    if (id === minusId) entries = entries.map(([name, n]): [string, number] => [name, name === minus?.region.trim() ? n - 1 : n]).filter(([, n]) => n > 0);
    const best = entries.sort((a, b) => b[1] - a[1] || capitalised(a[0]) - capitalised(b[0]) || a[0].localeCompare(b[0]))[0];
    if (!best) continue;
    options.push({ id, name: best[0], count: entries.reduce((sum, [, n]) => sum + n, 0) });
  }
  return options.sort((a, b) => b.count - a.count || collator.compare(a.name, b.name));
}

/** The regions of some participants, most common first, each under the spelling most of them used. */
export function regionOptions(people: readonly Listed[]): RegionOption[] {
  return optionsOf(regionGroups(people));
}

export interface DirectoryFind<P> {
  /** The people the filters leave, the viewer not among them. */
  matching: P[];
  regions: RegionOption[];
  regionName?: string;
  /**
   * Where the viewer would stand in `matching` if they were not left out (-1: not among them). Pages
   * before that place are the same for every viewer standing after them.
   */
  viewerAt: number;
}

/**
 * Everyone listed, prepared once per version of the participants: in the directory's order, and per
 * (role, tag) selection its people and their regions. A page then walks one selection instead of
 * sorting and grouping everyone (900 participants: that was ~350 µs of CPU a page).
 */
export class DirectoryIndex<P extends Listed> {
  private readonly people: readonly P[];
  private readonly selections = new Map<string, { people: P[]; groups: Groups }>();
  private byId: Map<number, P> | undefined;

  constructor(everyone: readonly P[]) {
    this.people = everyone.filter((p) => p.visible).sort(byName);
  }

  /** A listed person by id (hidden people are not listed). */
  get(id: number): P | undefined {
    this.byId ??= new Map(this.people.map((p) => [p.id, p]));
    return this.byId.get(id);
  }

  /** Everyone listed but the viewer, in the directory's order. */
  listedFor(viewerId: number): P[] {
    return listed(this.people, viewerId);
  }

  /**
   * What the viewer finds: the people the filters leave (not the viewer), the regions of the role and
   * tag selection (the viewer not counted), and the name of the region filtered by among everyone.
   */
  find(viewerId: number, filters: DirectoryFilters): DirectoryFind<P> {
    const selection = this.selection(filters.role, filters.tag);
    const filtered = filters.region === undefined ? selection.people : applyFilters(selection.people, { role: "all", region: filters.region });
    const viewerAt = filtered.findIndex((p) => p.id === viewerId);
    const matching = viewerAt < 0 ? filtered : filtered.filter((p) => p.id !== viewerId);
    const regions = optionsOf(selection.groups, selection.people.find((p) => p.id === viewerId));
    if (!filters.region) return { matching, regions, viewerAt };
    const all = this.selection("all", undefined);
    const regionName = optionsOf(all.groups, all.people.find((p) => p.id === viewerId)).find((r) => r.id === filters.region)?.name;
    return { matching, regions, viewerAt, ...(regionName ? { regionName } : {}) };
  }

  private selection(role: RoleFilter, tag: string | undefined): { people: P[]; groups: Groups } {
    const key = `${role}\n${tag ?? ""}`;
    let selection = this.selections.get(key);
    if (!selection) {
      // Roles and tags come from buttons: forged ones could name any tag, so the memo is bounded.
      if (this.selections.size >= 200) this.selections.clear();
      const people = applyFilters(this.people, { role, tag });
      selection = { people, groups: regionGroups(people) };
      this.selections.set(key, selection);
    }
    return selection;
  }
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
