import { packsInEffect } from "../i18n/active.js";
import type { Pack } from "../i18n/schema.js";
import type { Category } from "../schema/delegates.js";
import { PRECEDENCE_OFFICES, type PrecedenceOffice } from "./precedence-offices.js";
import type { Delegate } from "./types.js";

/**
 * Precedence: the one order of guests used by the head table, the round tables, speakers in the
 * programme and the protocol list (docs/seating.md "Precedence and the head table").
 *
 * A guest's rank comes, in this order, from
 *   1. the `precedence` column of delegates.csv (1 = highest). The numbers are a scale shared by
 *      every country: a Korean 1 and a Vietnamese 1 are of equal rank;
 *   2. else their office (`officeRanks`: a public office read from `position` in any language, in
 *      the words of the language packs' `precedence`);
 *   3. else their category (CATEGORY_RANKS).
 * Every guest with a number ranks before every guest ranked by office, who rank before those
 * ranked by category only: a number is the protocol office's decision and the tables only fill in.
 * At equal rank a guest (a delegate of another country) goes before a host (of the event's
 * `country`), the courtesy every protocol manual gives a visitor; then the order given: the row
 * order of delegates.csv. Never the id, which would let one country's prefix always win.
 */

/** Offices by level (1 highest), first match wins: "Vice Minister" is tried before "Minister". */
export interface OfficeRank {
  key: PrecedenceOffice;
  level: number;
  office: string;
  /**
   * Every pack's words for the office (`precedence.<key>`), each its own pattern: joined into one,
   * a group or back-reference of one pack's would clash with another's.
   */
  patterns: readonly RegExp[];
}

const ranksOf = new WeakMap<ReadonlyMap<string, Pack>, readonly OfficeRank[]>();

/**
 * The offices of precedence with the words of every pack in effect (conclave's, and an event's
 * own during its build), in the order they are tried. Worked out once per set of packs.
 */
export function officeRanks(packs: ReadonlyMap<string, Pack> = packsInEffect()): readonly OfficeRank[] {
  let ranks = ranksOf.get(packs);
  if (!ranks) {
    ranks = PRECEDENCE_OFFICES.flatMap(({ key, level, office }) => {
      const words = [...packs.values()].flatMap((p) => p.precedence[key] ?? []);
      const patterns = words.map((w) => new RegExp(w, "i"));
      return patterns.length > 0 ? [{ key, level, office, patterns }] : [];
    });
    ranksOf.set(packs, ranks);
  }
  return ranks;
}

/** Rank of a category when neither a number nor an office ranks the guest. */
export const CATEGORY_RANKS: Readonly<Record<Category, number>> = {
  vip: 1,
  speaker: 2,
  organiser: 3,
  delegate: 4,
  press: 5,
  staff: 6,
  interpreter: 7,
};

/** Where a guest's rank comes from, most decisive first. */
export type RankSource = "precedence" | "office" | "category";
const TIER: Record<RankSource, number> = { precedence: 0, office: 1, category: 2 };

export interface Rank {
  source: RankSource;
  /** The number, office level or category rank (1 highest within its source). */
  value: number;
  /** The office matched, for the protocol list and for explanations. */
  office?: string;
}

/** A guest's rank: their `precedence`, else their office, else their category. */
export function rankOf(d: Pick<Delegate, "precedence" | "position" | "category">): Rank {
  if (d.category === "interpreter") return { source: "category", value: CATEGORY_RANKS.interpreter };
  if (d.precedence !== undefined) return { source: "precedence", value: d.precedence };
  const text = Object.values(d.position ?? {}).join(" | ");
  const hit = text ? officeRanks().find((o) => o.patterns.some((p) => p.test(text))) : undefined;
  if (hit) return { source: "office", value: hit.level, office: hit.office };
  return { source: "category", value: CATEGORY_RANKS[d.category] };
}

/**
 * Whether a guest has a protocol rank (a number, an office, or VIP): only they are seated at the
 * head table and placed at the tables nearest it. Interpreters never: they work.
 */
export function isRanked(d: Pick<Delegate, "precedence" | "position" | "category">): boolean {
  if (d.category === "interpreter") return false;
  return rankOf(d).source !== "category" || d.category === "vip";
}

export type PrecedenceDelegate = Pick<Delegate, "precedence" | "position" | "category" | "country" | "line">;

/**
 * The comparator of precedence (negative: `a` goes first). `hostCountry` is the event's
 * `country`: at equal rank its delegates go after the guests. Ties last by delegates.csv row.
 */
export function comparePrecedence(
  hostCountry: string | undefined,
): (a: PrecedenceDelegate, b: PrecedenceDelegate) => number {
  const keys = new WeakMap<object, [number, number, number, number]>();
  const key = (d: PrecedenceDelegate) => {
    let k = keys.get(d);
    if (!k) {
      const r = rankOf(d);
      k = [TIER[r.source], r.value, hostCountry !== undefined && d.country === hostCountry ? 1 : 0, d.line];
      keys.set(d, k);
    }
    return k;
  };
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || x[3] - y[3];
  };
}

/** A copy of `list` in precedence order. */
export function byPrecedence<T extends PrecedenceDelegate>(
  list: readonly T[],
  hostCountry: string | undefined,
): T[] {
  return [...list].sort(comparePrecedence(hostCountry));
}
