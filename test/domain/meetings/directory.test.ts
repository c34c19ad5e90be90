import { describe, expect, it } from "vitest";
import { applyFilters, byName, DirectoryIndex, listed, paginate, regionId, regionOptions, suggestionRoles, type DirectoryFilters, type Listed } from "../../../src/domain/meetings/directory.js";

const person = (id: number, role: string, fullName: string, region: string, tags: string[], visible = true): Listed => ({ id, role, fullName, region, tags, visible });

const PEOPLE = [
  person(1, "host", "Ольга Рухуллаева", "Красноярский край", ["mining", "metallurgy"]),
  person(2, "delegate", "Fyodor Pashchenko", "Kaluga Region", ["metallurgy", "energy"]),
  person(3, "host", "Nikolay Kolpakov", " красноярский  КРАЙ ", ["it"]),
  person(4, "delegate", "Константин Горынин", "Калужская область", ["energy", "mining"]),
  person(5, "host", "Hidden Host", "Красноярский край", ["mining"], false),
];

describe("the directory", () => {
  it("lists the visible people other than the viewer", () => {
    expect(listed(PEOPLE, 2).map((p) => p.id)).toEqual([1, 3, 4]);
  });

  it("sorts by name as Russian speakers do (Cyrillic first), and filters by role, tag and region keeping that order", () => {
    const all = listed(PEOPLE, 0).sort(byName);
    expect(applyFilters(all, { role: "all" }).map((p) => p.id)).toEqual([4, 1, 2, 3]);
    expect(applyFilters(all, { role: "host" }).map((p) => p.id)).toEqual([1, 3]);
    expect(applyFilters(all, { role: "delegate", tag: "mining" }).map((p) => p.id)).toEqual([4]);
    expect(applyFilters(all, { role: "all", region: regionId("Красноярский край") }).map((p) => p.id)).toEqual([1, 3]);
    expect(applyFilters(all, { role: "host", tag: "energy" })).toEqual([]);
  });

  it("answers from its index exactly as filtering and grouping everyone for each viewer would", () => {
    // Spellings chosen so that leaving the viewer out can change a region's count, name and order.
    const people = [
      ...PEOPLE,
      person(6, "delegate", "Anna", "красноярский край", ["it"]),
      person(7, "delegate", "Boris", "красноярский край", ["it"]),
      person(8, "host", "Vera", "Калужская область", ["it", "mining"]),
    ];
    const index = new DirectoryIndex(people);
    // Asked only for pages, so what it keeps is worked out by pages, for one viewer after another.
    const paged = new DirectoryIndex(people);
    const kras = regionId("Красноярский край");
    const filterSets: DirectoryFilters[] = [{ role: "all" }, { role: "host" }, { role: "delegate", tag: "it" }, { role: "all", region: kras }, { role: "host", tag: "mining", region: kras }];
    for (const viewerId of [0, 1, 3, 5, 6, 8]) {
      for (const filters of filterSets) {
        const seen = listed(people, viewerId).sort(byName);
        const regionName = filters.region ? regionOptions(seen).find((r) => r.id === filters.region)?.name : undefined;
        const everyone = applyFilters(listed(people, -1).sort(byName), filters);
        expect(index.find(viewerId, filters), `viewer ${viewerId}, ${JSON.stringify(filters)}`).toEqual({
          matching: applyFilters(seen, filters),
          viewerAt: everyone.findIndex((p) => p.id === viewerId),
          regions: regionOptions(applyFilters(seen, { ...filters, region: undefined })),
          ...(regionName ? { regionName } : {}),
        });
      }
      expect(index.listedFor(viewerId)).toEqual(listed(people, viewerId).sort(byName));
      // A page is a page of `find`, whatever was asked before (the index keeps what it worked out).
      for (const filters of filterSets) {
        const { matching, ...rest } = index.find(viewerId, filters);
        for (const requested of [-1, 0, 1, 2, 7]) {
          expect(paged.page(viewerId, filters, requested, 2), `viewer ${viewerId}, ${JSON.stringify(filters)}, page ${requested}`).toEqual({ ...rest, page: paginate(matching, requested, 2) });
        }
      }
    }
    expect(index.get(8)?.fullName).toBe("Vera");
    expect(index.get(5)).toBeUndefined(); // hidden: not listed
  });

  it("treats spellings of one region as one, named as most people wrote it, most common first", () => {
    expect(regionId("Красноярский край")).toBe(regionId("  красноярский   КРАЙ"));
    expect(regionId("Красноярский край")).toMatch(/^[0-9a-f]{8}$/);
    expect(regionId("Калужская область")).not.toBe(regionId("Красноярский край"));
    expect(regionId("Орёл")).toBe(regionId("Орел"));
    const options = regionOptions(PEOPLE);
    expect(options[0]).toEqual({ id: regionId("Красноярский край"), name: "Красноярский край", count: 3 });
    expect(options.map((o) => o.count)).toEqual([3, 1, 1]);
  });

  it("pages, clamping a page out of range", () => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    expect(paginate(items, 0, 5)).toEqual({ items: [0, 1, 2, 3, 4], page: 0, pages: 3, total: 12, size: 5 });
    expect(paginate(items, 2, 5).items).toEqual([10, 11]);
    expect(paginate(items, 99, 5).page).toBe(2);
    expect(paginate(items, -3, 5).page).toBe(0);
    expect(paginate([], 4, 5)).toEqual({ items: [], page: 0, pages: 1, total: 0, size: 5 });
  });

  it("suggests hosts to delegates, delegates to hosts and both to everyone else", () => {
    expect(suggestionRoles("delegate")).toEqual(["host"]);
    expect(suggestionRoles("host")).toEqual(["delegate"]);
    expect(suggestionRoles("speaker")).toEqual(["host", "delegate"]);
  });
});
