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

// One collator for every comparison: localeCompare with a locale builds a new one per call.
const collator = new Intl.Collator("ru");

/** The directory's order: by name as Russian speakers sort (Cyrillic first), then by id. */
export function byName(a: Listed, b: Listed): number {
  return collator.compare(a.fullName, b.fullName) || a.id - b.id;
}

/**
 * The people the filters leave, in the order given: sort everyone `byName` once, not each selection
 * (a page filters everyone twice).
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

/** One page of what a viewer finds (see `DirectoryIndex.page`). */
export interface DirectoryFindPage<P> extends Omit<DirectoryFind<P>, "matching"> {
  page: Page<P>;
}

/** People the filters leave (the viewer among them, if listed), and where each stands. */
interface Filtered<P> {
  people: P[];
  at: Map<number, number> | undefined;
}

/** A (role, tag) selection: its people, their regions, and the region options as each viewer sees them. */
interface Selection<P> {
  people: P[];
  groups: Groups;
  filtered: Map<string, Filtered<P>>;
  /** Region options by the region (as typed) of the viewer left out; "" for nobody. */
  options: Map<string, RegionOption[]>;
}

/**
 * Everyone listed, prepared once per version of the participants: in the directory's order, and per
 * (role, tag) selection its people and their regions. A page then walks one selection instead of
 * sorting and grouping everyone.
 */
export class DirectoryIndex<P extends Listed> {
  private readonly people: readonly P[];
  private readonly selections = new Map<string, Selection<P>>();
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
    const { filtered, viewerAt, regions, regionName } = this.lookUp(viewerId, filters);
    const matching = viewerAt < 0 ? filtered : filtered.filter((p) => p.id !== viewerId);
    return { matching, regions, viewerAt, ...(regionName ? { regionName } : {}) };
  }

  /**
   * One page of `find(viewerId, filters).matching` with the rest of what `find` says, without copying
   * the selection to leave the viewer out (a directory page is read far more often than the people
   * change). The arrays returned are shared: read them, do not change them.
   */
  page(viewerId: number, filters: DirectoryFilters, requested: number, size: number): DirectoryFindPage<P> {
    const { filtered, viewerAt, regions, regionName } = this.lookUp(viewerId, filters);
    const total = filtered.length - (viewerAt < 0 ? 0 : 1);
    const pages = Math.max(1, Math.ceil(total / size));
    const page = Math.min(Math.max(0, Math.floor(requested)), pages - 1);
    const items: P[] = [];
    for (let i = page * size; i < Math.min((page + 1) * size, total); i++) {
      const p = filtered[viewerAt >= 0 && i >= viewerAt ? i + 1 : i];
      if (p) items.push(p);
    }
    return { page: { items, page, pages, total, size }, regions, viewerAt, ...(regionName ? { regionName } : {}) };
  }

  private lookUp(viewerId: number, filters: DirectoryFilters) {
    const selection = this.selection(filters.role, filters.tag);
    const filtered = this.filtered(selection, filters.region);
    filtered.at ??= new Map(filtered.people.map((p, i) => [p.id, i]));
    const viewerAt = filtered.at.get(viewerId) ?? -1;
    // Left out of the region counts only when the role and tag filters leave them (they may not).
    const viewer = this.get(viewerId);
    const regions = this.optionsFor(selection, viewer && (filters.role === "all" || viewer.role === filters.role) && (filters.tag === undefined || viewer.tags.includes(filters.tag)) ? viewer : undefined);
    const regionName = filters.region === undefined ? undefined : this.optionsFor(this.selection("all", undefined), viewer).find((r) => r.id === filters.region)?.name;
    return { filtered: filtered.people, viewerAt, regions, regionName };
  }

  private filtered(selection: Selection<P>, region: string | undefined): Filtered<P> {
    const key = region ?? "";
    let filtered = selection.filtered.get(key);
    if (!filtered) {
      // Regions come from buttons too: bounded like the selections.
      if (selection.filtered.size >= 200) selection.filtered.clear();
      filtered = { people: region === undefined ? selection.people : applyFilters(selection.people, { role: "all", region }), at: undefined };
      selection.filtered.set(key, filtered);
    }
    return filtered;
  }

  /** The selection's region options with `minus` (one of its people) not counted. */
  private optionsFor(selection: Selection<P>, minus: P | undefined): RegionOption[] {
    const key = minus ? `\u0000${minus.region}` : "";
    let options = selection.options.get(key);
    if (!options) {
      options = optionsOf(selection.groups, minus);
      selection.options.set(key, options);
    }
    return options;
  }

  private selection(role: RoleFilter, tag: string | undefined): Selection<P> {
    const key = `${role}\n${tag ?? ""}`;
    let selection = this.selections.get(key);
    if (!selection) {
      // Roles and tags come from buttons: forged ones could name any tag, so the memo is bounded.
      if (this.selections.size >= 200) this.selections.clear();
      const people = applyFilters(this.people, { role, tag });
      selection = { people, groups: regionGroups(people), filtered: new Map(), options: new Map() };
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
