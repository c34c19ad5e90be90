/**
 * A three-way merge of the programme as data, for an organiser whose publish was refused because
 * another one published first: what they changed since they opened it (`base` → `mine`) is applied to
 * what is in force now (`theirs`). Lists of records with an `id` (items, venues, speakers) or a `date`
 * (days) are matched by it, so an item added, removed or edited by either side stays so. Where both
 * changed the same value differently, `mine` wins and the path is reported for the review.
 */
export interface Merged {
  value: unknown;
  conflicts: string[];
}

export function merge3(base: unknown, mine: unknown, theirs: unknown): Merged {
  const conflicts: string[] = [];
  const value = at("", base, mine, theirs, conflicts);
  return { value, conflicts };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function keyOf(list: unknown[]): ((v: unknown) => string) | undefined {
  for (const field of ["id", "date"]) if (list.every((v) => isObj(v) && typeof v[field] === "string")) return (v) => String((v as Obj)[field]);
  return undefined;
}

function at(path: string, base: unknown, mine: unknown, theirs: unknown, conflicts: string[]): unknown {
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(mine, theirs)) return mine;
  if (isObj(base) && isObj(mine) && isObj(theirs)) {
    const out: Obj = {};
    for (const k of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      const v = at(path === "" ? k : `${path}.${k}`, base[k], mine[k], theirs[k], conflicts);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs)) {
    const [bl, ml, tl] = [base, mine, theirs] as unknown[][] as [unknown[], unknown[], unknown[]];
    const key = keyOf([...bl, ...ml, ...tl]);
    if (key) {
      const b = new Map(bl.map((v) => [key(v), v]));
      const m = new Map(ml.map((v) => [key(v), v]));
      const t = new Map(tl.map((v) => [key(v), v]));
      const out: unknown[] = [];
      // My order, then what I do not have of theirs: what they added, and what I removed (which stays
      // removed unless they changed it meanwhile: that is a conflict, and mine — the removal — wins).
      const order = [...m.keys(), ...[...t.keys()].filter((k) => !m.has(k))];
      for (const k of order) {
        const merged = at(`${path}[${k}]`, b.get(k), m.get(k), t.get(k), conflicts);
        if (merged !== undefined) out.push(merged);
      }
      return out;
    }
  }
  conflicts.push(path);
  return mine;
}
