import { comparePrecedence, isRanked } from "../model/precedence.js";
import type { Delegate, Event, Session, Wish } from "../model/types.js";
import { neighbours, type TableSpec } from "./layout.js";

/** Weights of the soft rules (event.yaml seating.weights); documented in docs/seating.md. */
export interface SeatingWeights {
  /** Per pair of guests of different countries at one table. */
  mix_country: number;
  /** Per pair of one delegation at one table (subtracted). */
  same_delegation: number;
  /** Per pair of colleagues of one organisation at one table (subtracted). */
  same_organisation: number;
  /** Per pair sharing a language at one table. */
  shared_language: number;
  /** A `prefer together` wish met at one table; again when they sit side by side. */
  prefer_together: number;
  /** A `prefer apart` wish broken at one table (subtracted); again when side by side. */
  prefer_apart: number;
  /** Per pair of neighbours of different nationality. */
  alternate: number;
  /**
   * Per guest seated at another table than in the previous plan (a re-solve after a change): a
   * move is made only for a hard rule or when it gains more than this. Not part of the score.
   */
  move: number;
}

export const DEFAULT_WEIGHTS: SeatingWeights = {
  mix_country: 2,
  same_delegation: 1,
  same_organisation: 8,
  shared_language: 1,
  prefer_together: 12,
  prefer_apart: 12,
  alternate: 3,
  move: 10,
};

export interface HardRule {
  rule: string;
  ok: boolean;
  violations: string[];
}

export interface SoftRule {
  rule: string;
  weight: number;
  /** What the rule measures, e.g. pairs of different countries at a table. */
  count: number;
  /** count × weight, signed as it enters the score. */
  contribution: number;
}

export interface SeatingReport {
  score: number;
  hard: HardRule[];
  soft: SoftRule[];
  /** What a planner should look at, in plain words. */
  problems: string[];
  tables: { table: string; seats: number; guests: number; countries: string[] }[];
}

/**
 * Scores a finished seating plan from scratch: each hard rule's status with its violations, each
 * soft rule's contribution, and the problems a planner should look at. Independent of the solver,
 * so the tests and the report check the plan rather than trust it.
 */
export function scoreSeating(input: {
  event: Event;
  session: Session;
  tables: readonly TableSpec[];
  seats: readonly { table: string; seat: number; delegate: string }[];
  wishes: readonly Wish[];
  weights: SeatingWeights;
  fixed: readonly { delegate: string; table: string; seat: number }[];
  fixedTables: readonly { delegate: string; table: string }[];
  /** Interpreters on a chair behind their head-table principal: seated, on no seat. */
  behind?: readonly { delegate: string; principal: string }[];
}): SeatingReport {
  const { event, session, tables, seats, weights: w } = input;
  const d = (id: string) => event.delegateById.get(id)!;
  const where = new Map(seats.map((s) => [s.delegate, s]));
  const byTable = new Map<string, Map<number, string>>();
  for (const s of seats) {
    const t = byTable.get(s.table) ?? new Map<number, string>();
    t.set(s.seat, s.delegate);
    byTable.set(s.table, t);
  }
  const spec = new Map(tables.map((t) => [t.id, t]));
  const adjacent = (a: string, b: string) => {
    const sa = where.get(a);
    const sb = where.get(b);
    if (!sa || !sb || sa.table !== sb.table) return false;
    return neighbours(spec.get(sa.table)!, sa.seat).includes(sb.seat);
  };
  const sameTable = (a: string, b: string) => where.get(a)?.table === where.get(b)?.table;
  const hard: HardRule[] = [];
  const rule = (name: string, violations: string[]) =>
    hard.push({ rule: name, ok: violations.length === 0, violations });

  const behind = new Map((input.behind ?? []).map((b) => [b.delegate, b.principal]));
  const missing = session.attendeeIds.filter(
    (id) => !where.has(id) && !(behind.has(id) && where.get(behind.get(id)!)?.table === "head"),
  );
  const seen = new Map<string, number>();
  for (const s of seats) seen.set(s.delegate, (seen.get(s.delegate) ?? 0) + 1);
  rule("every attendee has exactly one seat", [
    ...missing.map((id) => `${id} has no seat`),
    ...[...seen].filter(([, k]) => k > 1).map(([id, k]) => `${id} has ${k} seats`),
  ]);
  const over: string[] = [];
  for (const [t, m] of byTable) {
    const sp = spec.get(t);
    if (!sp) over.push(`table ${t} does not exist`);
    else
      for (const seat of m.keys())
        if (seat < 1 || seat > sp.seats) over.push(`table ${t} has no seat ${seat}`);
  }
  rule("no table over capacity", over);
  rule(
    "interpreters sit next to their principal",
    session.attendeeIds
      .map(d)
      .filter(
        (x) =>
          x.interpreterFor &&
          where.has(x.interpreterFor) &&
          !adjacent(x.id, x.interpreterFor) &&
          behind.get(x.id) !== x.interpreterFor,
      )
      .map((x) => `${x.id} is not beside ${x.interpreterFor}`),
  );
  rule(
    "must wishes",
    input.wishes
      .filter((x) => x.strength === "must")
      .filter((x) => (x.kind === "together" ? !sameTable(x.a, x.b) : sameTable(x.a, x.b)))
      .map(
        (x) =>
          `seating.csv line ${x.line}: ${x.a} and ${x.b} are ${x.kind === "together" ? "apart" : "together"}`,
      ),
  );
  rule("fixed tables and seats", [
    ...input.fixedTables
      .filter((f) => where.get(f.delegate)?.table !== f.table)
      .map((f) => `${f.delegate} is not at table ${f.table}`),
    ...input.fixed
      .filter((f) => where.get(f.delegate)?.seat !== f.seat || where.get(f.delegate)?.table !== f.table)
      .map((f) => `${f.delegate} is not in seat ${f.table}:${f.seat}`),
  ]);
  rule(
    "guests with accessibility needs on accessible seats",
    session.attendeeIds
      .filter((id) => d(id).accessibility)
      .filter((id) => {
        const s = where.get(id);
        return !s || (!spec.get(s.table)?.accessible.includes(s.seat) && spec.get(s.table)?.kind !== "head");
      })
      .map((id) => `${id} is not on an accessible seat`),
  );
  const headIds = [...(byTable.get("head")?.values() ?? [])];
  // Nobody with a protocol rank sits below the head table while someone they outrank sits at it.
  const precedes = comparePrecedence(event.config.country);
  const atHead = headIds.map(d).filter(isRanked);
  const headLowest = atHead.sort(precedes).at(-1);
  rule(
    "the head table holds the highest precedence",
    spec.has("head") && headLowest
      ? session.attendeeIds
          .map(d)
          .filter((x) => isRanked(x) && where.get(x.id)?.table !== "head" && !behind.has(x.id))
          .filter((x) => precedes(x, headLowest) < 0)
          .map((x) => `${x.id} (${rankWords(x)}) is not at the head table but ${headLowest.id} is`)
      : [],
  );

  // Soft rules.
  let mixed = 0;
  let sameDelegation = 0;
  let sameOrg = 0;
  let sharedLang = 0;
  let alternating = 0;
  const problems: string[] = [];
  const summary: SeatingReport["tables"] = [];
  for (const t of tables) {
    const m = byTable.get(t.id) ?? new Map<number, string>();
    const ids = [...m.values()];
    const people = ids.map(d).filter((x) => x.category !== "interpreter");
    for (let i = 0; i < people.length; i++)
      for (let j = i + 1; j < people.length; j++) {
        const a = people[i]!;
        const b = people[j]!;
        if (a.country !== b.country) mixed++;
        if (a.delegation && a.delegation === b.delegation) sameDelegation++;
        if (org(a) && org(a) === org(b)) {
          sameOrg++;
          if (t.kind === "round")
            problems.push(`${a.id} and ${b.id} (same organisation) share table ${t.id}`);
        }
        if (a.language === b.language) sharedLang++;
      }
    for (const [seat, id] of m)
      for (const x of neighbours(t, seat)) {
        const other = m.get(x);
        if (x > seat && other && d(id).category !== "interpreter" && d(other).category !== "interpreter")
          if (d(id).country !== d(other).country) alternating++;
      }
    for (const x of people) {
      const partner = people.some((y) => y !== x && y.language === x.language);
      const interpreter = ids.some((y) => d(y).interpreterFor === x.id);
      if (!partner && !interpreter && people.length > 1)
        problems.push(
          `${x.id} shares no language (${x.language}) with anyone at table ${t.id} and has no interpreter`,
        );
    }
    const countries = [...new Set(people.map((x) => x.country))].sort();
    if (t.kind === "round" && people.length > 2 && countries.length === 1)
      problems.push(`table ${t.id} seats only guests from ${countries[0]}`);
    summary.push({ table: t.id, seats: t.seats, guests: ids.length, countries });
  }
  let preferTogether = 0;
  let preferApart = 0;
  for (const x of input.wishes) {
    if (x.strength !== "prefer") continue;
    const together = sameTable(x.a, x.b);
    const side = adjacent(x.a, x.b);
    if (x.kind === "together") {
      preferTogether += Number(together) + Number(side);
      if (!together)
        problems.push(`seating.csv line ${x.line}: ${x.a} and ${x.b} would like to sit together but do not`);
    } else {
      preferApart += Number(together) + Number(side);
      if (together)
        problems.push(
          `seating.csv line ${x.line}: ${x.a} and ${x.b} would rather sit apart but share table ${where.get(x.a)!.table}`,
        );
    }
  }
  const emptyHead = spec.has("head") ? spec.get("head")!.seats - headIds.length : 0;
  if (emptyHead > 0) problems.push(`${emptyHead} head-table seat${emptyHead === 1 ? " is" : "s are"} empty`);
  const soft: SoftRule[] = [
    {
      rule: "countries mixed at each table (pairs)",
      weight: w.mix_country,
      count: mixed,
      contribution: mixed * w.mix_country,
    },
    {
      rule: "one delegation at one table (pairs)",
      weight: w.same_delegation,
      count: sameDelegation,
      contribution: -sameDelegation * w.same_delegation,
    },
    {
      rule: "colleagues of one organisation at one table (pairs)",
      weight: w.same_organisation,
      count: sameOrg,
      contribution: -sameOrg * w.same_organisation,
    },
    {
      rule: "a shared language at the table (pairs)",
      weight: w.shared_language,
      count: sharedLang,
      contribution: sharedLang * w.shared_language,
    },
    {
      rule: "neighbours of different nationality",
      weight: w.alternate,
      count: alternating,
      contribution: alternating * w.alternate,
    },
    {
      rule: "prefer-together wishes met (table, side by side)",
      weight: w.prefer_together,
      count: preferTogether,
      contribution: preferTogether * w.prefer_together,
    },
    {
      rule: "prefer-apart wishes broken (table, side by side)",
      weight: w.prefer_apart,
      count: preferApart,
      contribution: -preferApart * w.prefer_apart,
    },
  ];
  const score = soft.reduce((s, r) => s + r.contribution, 0);
  return { score: Math.round(score * 1000) / 1000, hard, soft, problems, tables: summary };
}

const org = (d: Delegate) => Object.values(d.organisation)[0];

const rankWords = (d: Delegate) =>
  d.precedence !== undefined ? `precedence ${d.precedence}` : (d.position?.en ?? d.category);
