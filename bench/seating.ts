/**
 * The seating solver against the research yardstick (MDGPLIB, ../shared/bench/mdgplib/):
 *
 *   npm run bench:seating -- <instance files…> [--work W] [--seconds S] [--seed N] [--seeds K] [--exact]
 *                                              [--tenure T] [--stall S] [--solver auto|tabu|memetic]
 *                                              [--population P] [--final-population Q] [--init-share S] [--child-share S]
 *   npm run bench:seating -- --conference 200,1000 [--effort E] [--seconds S] [--seed N]
 *
 * --solver: what conclave runs (auto: `solveTables`, the memetic search where the budget holds
 * enough plans, the tabu search elsewhere), or one search alone; the population and shares
 * override the memetic search's defaults (src/seating/memetic.ts), to try other settings.
 * (--tenure and --stall override the tabu search's tenure and its iterations without a new best
 * before a perturbation, to try other settings. 2026-12-02, RanReal n = 120 seed 1, mean gap ss/ds:
 * default (5, 300) 0.182/0.837 %, (5, 1000) 0.181/0.694 %, (4, 1000) 0.126/0.768 %, (10, 300)
 * 1.007/1.473 %, (3, 300) 0.267/0.981 %. All 18 n = 120 instances, seeds 1–3, default against
 * (4, 1000): RanReal ss 0.199 → 0.174 %, ds 0.791 → 0.631 %, RanInt 0.205 → 0.132 %, but Geo ds
 * 0.405 → 0.600 % and Geo ss −0.028 → −0.011 %: not a change for every family, so not the default.)
 * With --conference, each gala's line also carries an upper bound (\`galaBound\` below): the
 * configuration LP's, and the integer optimum of the same relaxation where HiGHS finds it, with
 * the wishes and must-together units priced; and \`witness\`, that optimum made into a plan, its
 * value and the rules it breaks (none: the bound is the best plan's value).
 *
 * prints one JSON line per instance and seed:
 *   {"instance","n","groups","value","bestKnown","gapPercent","seconds","iterations","work","complete","seed"}
 * bestKnown comes from best-known.tsv beside the instances, or, with --exact for n ≤ 30, from the
 * optimum proven by the HiGHS MILP solver (bench/exact.ts). The search stops on a budget of work,
 * as conclave's does, so the figures are the same on any machine: without --work, the work that
 * stands for the yardstick's time limit (1 s for n ≤ 30, 3 s for n = 120, 20 s for n = 240, 120 s for
 * n = 480), as one core of the 2-core CI machine did it with another run beside it (2026-12-07:
 * 4.5·10^8 in 1.8–2.4 s at n = 120, 1.2·10^10 in 18.7 s median at n = 240, 1.2·10^11 in 93 s at
 * n = 480; work counts the candidates a full scan stands for, which the bounded scan makes cheaper
 * the larger n is). --seconds is only a safety cap (default: ten times the yardstick's time); a run
 * it cuts short prints complete: false.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Delegate, Event, Session } from "../src/model/types.js";
import { pairWeights, planSeating, preferWeights, type SeatingResult } from "../src/seating/banquet.js";
import { groupingValue, solveGrouping } from "../src/seating/grouping.js";
import { solveMemetic, solveTables } from "../src/seating/memetic.js";
import { DEFAULT_WEIGHTS, scoreSeating } from "../src/seating/score.js";
import { configurationBound, solveExact, type TypedGrouping } from "./exact.js";
import { checkedGala } from "./gala.js";
import { generateEvent } from "./generate.js";
import { readBestKnown, readInstance } from "./mdgplib.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: "string" },
    work: { type: "string" },
    effort: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    seeds: { type: "string", default: "1" },
    exact: { type: "boolean", default: false },
    conference: { type: "string" },
    tenure: { type: "string" },
    stall: { type: "string" },
    solver: { type: "string", default: "auto" },
    population: { type: "string" },
    "final-population": { type: "string" },
    "init-share": { type: "string" },
    "child-share": { type: "string" },
  },
});
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

if (values.conference) {
  // Conference scale with every rule: a generated gala (head table, interpreters, delegations,
  // accessible seats, must/prefer wishes), solved as `conclave seating` does, timed end to end.
  for (const size of values.conference.split(",").map(Number)) {
    const files = generateEvent(size + 20, 20, 7, { gala: size });
    const { event, session } = checkedGala(files);
    const started = performance.now();
    const result = planSeating({
      event,
      session,
      weights: DEFAULT_WEIGHTS,
      seed: Number(values.seed),
      effort: Number(values.effort),
      timeLimitMs: (values.seconds ? Number(values.seconds) : 120) * 1000,
      now: () => performance.now(),
    });
    const seconds = (performance.now() - started) / 1000;
    const relaxation = await galaBound(event, session, result);
    const first = result.firstObjective ?? result.objective!;
    process.stdout.write(
      `${JSON.stringify({
        conference: size,
        guests: result.seats.length,
        tables: result.tables.length,
        wishes: event.wishes.length,
        seconds: round(seconds, 2),
        iterations: result.iterations,
        work: result.work,
        complete: result.complete,
        // The first table search's objective against the bound (bound = the attribute part's
        // integer optimum, or the configuration LP's `lp` where the integer programme did not
        // answer, + the positive prefer wishes − the pairs inside units; `boundExact`: the
        // integer optimum it is). `plan` is the same sum over the tables
        // the plan ends with: after the language repair moved guests alone with their language and
        // the second search won pairs back within that rule (`clearObjective`, its objective).
        objective: round(first),
        bound: round(relaxation.bound),
        boundExact: relaxation.boundExact,
        gapToBoundPercent: round(((relaxation.bound - first) / relaxation.bound) * 100, 3),
        // The second search's, from the repaired plan, which keeps the language rule.
        clearObjective: round(result.objective!),
        plan: round(relaxation.plan),
        planGapToBoundPercent: round(((relaxation.bound - relaxation.plan) / relaxation.bound) * 100, 3),
        lp: round(relaxation.lp),
        wished: relaxation.wished,
        inside: relaxation.inside,
        // Plans that leave nobody alone with their language can reach at most this (the same
        // sum, the integer optimum under that rule where `languageBoundExact`; the LP's is
        // `languageLpBound`); `alone`: single guests the plan leaves so.
        languageBound: round(relaxation.languageBound),
        planGapToLanguageBoundPercent: round(
          ((relaxation.languageBound - relaxation.plan) / relaxation.languageBound) * 100,
          3,
        ),
        languageBoundExact: relaxation.languageBoundExact,
        languageLpBound: round(relaxation.languageLpBound),
        languageBoundConverged: relaxation.languageConverged,
        alone: relaxation.alone,
        // Both bounds before the wishes and units were priced (\`galaBound\`), and with them
        // (every unit and positive wish seated together; exact: the integer optima).
        looseBound: round(relaxation.looseBound),
        looseLanguageBound: round(relaxation.looseLanguageBound),
        gluedBound: round(relaxation.glued),
        gluedLanguageBound: round(relaxation.gluedLanguage),
        gluedExact: relaxation.gluedExact,
        // A plan made from the relaxation's optimum (\`realise\`): its value and the rules it breaks.
        witness: relaxation.witness,
        boundRounds: relaxation.rounds,
        boundConverged: relaxation.converged,
        cheapBound: round(result.bound!),
        hardViolations: result.report.hard.reduce((n, h) => n + h.violations.length, 0),
        score: result.report.score,
        problems: result.report.problems.length,
      })}\n`,
    );
  }
  process.exit(0);
}
/**
 * An upper bound on what the round tables of a gala can hold, guest by guest: the sum of the pair
 * weights of guests sharing a round table. The pair weight of two guests is a function of their
 * attributes (country, delegation, organisation, language, role: \`pairWeights\`) plus the
 * \`prefer\` wishes between them; guests with the same attributes are one type, and the attribute
 * part is bounded by the configuration LP over those types (\`configurationBound\`, blocks by
 * organisation), with the tables' seat ranges as the table search had them, and then by the
 * integer programme over the LP's own graph (\`closeGap\` in bench/exact.ts), which gives that
 * part's optimum where it can. The wishes add at most their positive part. Every rule but the
 * sizes is dropped (units that must sit together are split, fixed tables freed), which only
 * raises the optimum: a valid bound on any plan of these guests. Then the wishes and units are
 * priced too (a second pair of programmes with them linked, below), and the optimum of the
 * tightest is made into a plan (`realise`) and checked by the scorer: where that plan breaks
 * nothing, it is the best plan there is, and the bound is its value.
 */
async function galaBound(event: Event, session: Session, result: SeatingResult) {
  const round = result.tables.filter((t) => t.kind === "round");
  const roundIds = new Set(round.map((t) => t.id));
  const seated = result.seats.filter((s) => roundIds.has(s.table));
  const guests = seated.map((s) => event.delegateById.get(s.delegate)!);
  const index = new Map(guests.map((d, i) => [d.id, i]));
  const wishes = event.wishes.filter(
    (w) =>
      (w.session === undefined || w.session === session.id) &&
      (w.kind === "together" || w.kind === "apart") &&
      index.has(w.a) &&
      index.has(w.b),
  );
  const prefer = preferWeights(wishes, index, DEFAULT_WEIGHTS);
  const w = pairWeights(guests, prefer, DEFAULT_WEIGHTS);
  const plain = pairWeights(guests, new Map(), DEFAULT_WEIGHTS);
  const tableOf = new Map(round.map((t, g) => [t.id, g]));
  const atTable: number[][] = round.map(() => []);
  seated.forEach((s, i) => {
    atTable[tableOf.get(s.table)!]!.push(i);
  });
  let pairs = 0;
  for (const list of atTable)
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) pairs += w(list[x]!, list[y]!);
  const seats = result.tableSeats ?? { lower: round.map(() => 0), upper: round.map((t) => t.seats) };
  const language = (d: Delegate) => (d.category === "interpreter" ? "" : d.language);

  /**
   * The configuration-LP bound on the attribute part of the pairs among the guests `keep`.
   * `glue` (guest → the first guest of their group, for groups of two or more): guests that every
   * plan counted seats at one table. Each is an item of their own in their organisation's block,
   * linked to the others of the group.
   */
  async function typedBound(
    keep: number[],
    tables: TypedGrouping["tables"],
    rule?: (profiles: readonly number[], language: readonly string[], exempt: readonly boolean[]) => boolean,
    exempt: (i: number) => boolean = () => false,
    glue: ReadonlyMap<number, number> = new Map(),
  ) {
    const profiles = new Map<string, number>();
    const blocks = new Map<string, number>();
    const types = new Map<string, number>();
    const typeOf = new Map<number, { t: number; profile: number; block: number }>();
    for (const i of keep) {
      const d = guests[i]!;
      const profile = [
        d.country,
        d.delegation ?? "",
        language(d),
        d.category === "interpreter",
        exempt(i),
      ].join("|");
      const block = Object.values(d.organisation)[0] ?? "";
      const key = glue.has(i) ? `${profile}#${block}#${i}` : `${profile}#${block}`;
      if (!profiles.has(profile)) profiles.set(profile, profiles.size);
      if (!blocks.has(block)) blocks.set(block, blocks.size);
      if (!types.has(key)) types.set(key, types.size);
      typeOf.set(i, { t: types.get(key)!, profile: profiles.get(profile)!, block: blocks.get(block)! });
    }
    const T = types.size;
    const members: number[][] = Array.from({ length: T }, () => []);
    for (const i of keep) members[typeOf.get(i)!.t]!.push(i);
    const W = Array.from({ length: T }, () => new Float64Array(T));
    for (let t = 0; t < T; t++)
      for (let u = 0; u < T; u++) {
        const a = members[t]![0]!;
        const b = t === u ? members[t]![1] : members[u]![0]!;
        W[t]![u] = b === undefined ? 0 : plain(a, b);
      }
    // The types must carry every attribute the weights look at: checked on every pair of guests.
    for (const a of keep)
      for (const b of keep)
        if (a < b && Math.abs(plain(a, b) - W[typeOf.get(a)!.t]![typeOf.get(b)!.t]!) > 1e-9)
          throw new Error(`galaBound: ${guests[a]!.id} and ${guests[b]!.id} weigh more than their types say`);
    const links: [number, number][] = [];
    const firstOf = new Map<number, number>();
    for (const i of keep) {
      const first = glue.get(i);
      if (first === undefined) continue;
      const t = typeOf.get(i)!.t;
      if (firstOf.has(first)) links.push([firstOf.get(first)!, t]);
      else firstOf.set(first, t);
    }
    const start = round.map(() => new Array<number>(T).fill(0));
    for (const i of keep) start[tableOf.get(seated[i]!.table)!]![typeOf.get(i)!.t]!++;
    const profileLanguage = [...profiles.keys()].map((k) => k.split("|")[2]!);
    const profileExempt = [...profiles.keys()].map((k) => k.split("|")[4] === "true");
    const found = await configurationBound(
      {
        count: members.map((l) => l.length),
        profile: [...Array(T).keys()].map((t) => typeOf.get(members[t]![0]!)!.profile),
        block: [...Array(T).keys()].map((t) => typeOf.get(members[t]![0]!)!.block),
        weight: (t, u) => W[t]![u]!,
        tables,
        ...(rule ? { rule: (n: readonly number[]) => rule(n, profileLanguage, profileExempt) } : {}),
        start,
        links,
      },
      { integer: { maxArcs: 60_000 } },
    );
    return { ...found, members };
  }
  const everyone = [...guests.keys()];
  let wished = 0;
  for (const v of prefer.values()) wished += Math.max(0, v);
  // Pairs that every plan seats together (an interpreter and their principal, `must together`
  // wishes) are inside one item of the table search and not in its objective: taken off both sides.
  const unit = [...guests.keys()];
  const find = (x: number): number => {
    while (unit[x] !== x) x = unit[x]!;
    return x;
  };
  for (const [i, d] of guests.entries()) {
    const p = d.interpreterFor === undefined ? undefined : index.get(d.interpreterFor);
    if (p !== undefined) unit[find(i)] = find(p);
  }
  for (const x of wishes)
    if (x.kind === "together" && x.strength === "must") unit[find(index.get(x.a)!)] = find(index.get(x.b)!);
  let inside = 0;
  for (let a = 0; a < guests.length; a++)
    for (let b = a + 1; b < guests.length; b++) if (find(a) === find(b)) inside += w(a, b);

  // The same bound for plans in which nobody sits alone with their language, the rule the
  // language repair and the second search (banquet.ts) keep: a guest needs another speaker of
  // their language at the table, interpreters apart. A guest with their interpreter is exempt
  // but may be the company of others: such guests are profiles of their own, and a table passes
  // when no language has exactly one speaker who is not exempt and no exempt speaker.
  const interpreted = new Set(guests.flatMap((d) => (d.interpreterFor ? [d.interpreterFor] : [])));
  const hasInterpreter = (i: number) => interpreted.has(guests[i]!.id);
  /**
   * A plan of the guests from the integer optimum's tables (items of each type per table): each
   * table given to a round table of its size, each type's guests dealt to its seats, guests who
   * need an accessible seat first to tables that have them, then guests swapped within their type
   * until no wish to sit apart is broken. Its value and what it breaks say whether the bound is a
   * plan: where it breaks nothing, no plan is better than it.
   */
  function realise(tables: { counts: number[] }[], members: number[][]) {
    const free = round.map((_, g) => g);
    const at: number[][] = round.map(() => []);
    const order = [...tables.keys()].sort(
      (a, b) => tables[b]!.counts.reduce((x, y) => x + y, 0) - tables[a]!.counts.reduce((x, y) => x + y, 0),
    );
    const home = new Array<number>(tables.length);
    for (const c of order) {
      const size = tables[c]!.counts.reduce((x, y) => x + y, 0);
      const g = free.findIndex((t) => seats.lower[t]! <= size && size <= seats.upper[t]!);
      if (g < 0) return { value: Number.NaN, broken: ["no table of the size"] };
      home[c] = free.splice(g, 1)[0]!;
    }
    // Guests who need an accessible seat go first, each to a table with one still free.
    const spare = round.map((t) => t.accessible.length);
    members.forEach((list, t) => {
      const slots = tables.flatMap((tab, c) => new Array<number>(tab.counts[t]!).fill(home[c]!));
      const queue = [...list].sort(
        (a, b) => Number(!!guests[b]!.accessibility) - Number(!!guests[a]!.accessibility),
      );
      for (const i of queue) {
        let x = guests[i]!.accessibility ? slots.findIndex((g) => spare[g]! > 0) : -1;
        if (x < 0) x = guests[i]!.accessibility ? 0 : slots.length - 1;
        const g = slots.splice(x, 1)[0]!;
        if (guests[i]!.accessibility) spare[g]!--;
        at[g]!.push(i);
      }
    });
    // A table whose guests need more accessible seats than it has trades all its guests with a
    // table that has the seats and whose own guests fit here.
    const needs = (list: number[]) => list.filter((i) => guests[i]!.accessibility).length;
    const fits = (list: number[], g: number) =>
      needs(list) <= round[g]!.accessible.length &&
      seats.lower[g]! <= list.length &&
      list.length <= seats.upper[g]!;
    for (let g = 0; g < at.length; g++) {
      if (fits(at[g]!, g)) continue;
      const h = at.findIndex((list, h) => h !== g && fits(at[g]!, h) && fits(list, g));
      if (h >= 0) [at[g], at[h]] = [at[h]!, at[g]!];
    }
    const tableOfGuest = new Map<number, number>();
    at.forEach((list, g) => {
      for (const i of list) tableOfGuest.set(i, g);
    });
    const apartPairs = wishes
      .filter((x) => x.kind === "apart")
      .map((x) => [index.get(x.a)!, index.get(x.b)!] as const);
    const typeOfGuest = new Map<number, number>();
    members.forEach((list, t) => {
      for (const i of list) typeOfGuest.set(i, t);
    });
    for (const [a, b] of apartPairs) {
      if (tableOfGuest.get(a) !== tableOfGuest.get(b)) continue;
      // Swap b with another guest of its type elsewhere who needs no accessible seat and is in no wish.
      const wished = new Set(apartPairs.flat());
      const other = members[typeOfGuest.get(b)!]!.find(
        (j) => tableOfGuest.get(j) !== tableOfGuest.get(b) && !wished.has(j) && !guests[j]!.accessibility,
      );
      if (other === undefined || guests[b]!.accessibility) continue;
      const gb = tableOfGuest.get(b)!;
      const go = tableOfGuest.get(other)!;
      at[gb]![at[gb]!.indexOf(b)] = other;
      at[go]![at[go]!.indexOf(other)] = b;
      tableOfGuest.set(b, go);
      tableOfGuest.set(other, gb);
    }
    const broken: string[] = [];
    let value = 0;
    at.forEach((list, g) => {
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) value += w(list[x]!, list[y]!);
      const needs = list.filter((i) => guests[i]!.accessibility).length;
      if (needs > round[g]!.accessible.length)
        broken.push(`${round[g]!.id}: ${needs} accessible seats needed`);
      for (const i of list) {
        if (hasInterpreter(i) || !language(guests[i]!)) continue;
        if (!list.some((j) => j !== i && language(guests[j]!) === language(guests[i]!)))
          broken.push(`${guests[i]!.id} alone with ${language(guests[i]!)}`);
      }
    });
    for (const x of wishes) {
      const same = tableOfGuest.get(index.get(x.a)!) === tableOfGuest.get(index.get(x.b)!);
      if (x.strength === "must" && (x.kind === "together") !== same) broken.push(`${x.kind} ${x.a} ${x.b}`);
    }
    // The plan checked as every plan is, by the scorer that knows nothing of the search: the
    // round tables' guests seated (accessible seats first), the rest of the room as it was.
    const seatsOf = at.flatMap((list, g) => {
      const t = round[g]!;
      const order = [
        ...t.accessible,
        ...[...Array(t.seats).keys()].map((k) => k + 1).filter((k) => !t.accessible.includes(k)),
      ];
      const sorted = [...list].sort(
        (a, b) => Number(!!guests[b]!.accessibility) - Number(!!guests[a]!.accessibility),
      );
      return sorted.map((i, x) => ({ table: t.id, seat: order[x]!, delegate: guests[i]!.id }));
    });
    const report = scoreSeating({
      event,
      session,
      tables: result.tables,
      seats: [...result.seats.filter((x) => !roundIds.has(x.table)), ...seatsOf],
      wishes,
      weights: DEFAULT_WEIGHTS,
      fixed: [],
      fixedTables: [],
      behind: result.behind,
    });
    const hardViolations = report.hard.flatMap((h) => h.violations);
    return {
      value: value - inside,
      broken,
      hardViolations: hardViolations.length,
      firstViolations: hardViolations.slice(0, 3),
    };
  }
  const languageRule = (n: readonly number[], lang: readonly string[], exempt: readonly boolean[]) => {
    const single = new Map<string, number>();
    const company = new Map<string, number>();
    n.forEach((k: number, p: number) => {
      const l = lang[p]!;
      if (!l) return;
      const into = exempt[p] ? company : single;
      into.set(l, (into.get(l) ?? 0) + k);
    });
    return [...single].every(([l, k]) => k !== 1 || (company.get(l) ?? 0) > 0);
  };
  const seatRanges = round.map((_, g) => ({ lower: seats.lower[g]!, upper: seats.upper[g]! }));
  /** The bound on every plan (`plain`) and on those that keep the language rule (`ruled`). */
  const bounds = async (glue?: ReadonlyMap<number, number>) => ({
    plain: await typedBound(everyone, seatRanges, undefined, undefined, glue),
    ruled: await typedBound(
      everyone,
      seatRanges.map((r) => ({ ...r, rule: true })),
      languageRule,
      hasInterpreter,
      glue,
    ),
  });
  const { plain: lp, ruled } = await bounds();
  // Such a plan is a plan too: the plain bound holds for it as well. Each is the integer
  // programme's where it answered (exact: the attribute part's optimum), else the LP's.
  const plainBound = lp.integer?.bound ?? lp.bound;
  const ruledBound = ruled.integer?.bound ?? ruled.bound;
  const looseBound = plainBound + wished - inside;
  const looseLanguageBound = Math.min(ruledBound, plainBound) + wished - inside;
  const languageLpBound = Math.min(ruled.bound, lp.bound) + wished - inside;

  // The wishes and units, priced. The bounds above grant every \`prefer\` wish and let units part
  // at no cost to the rest. A plan that leaves a positive wish ungranted is worth at most the
  // bound less that wish (\`least\`, the smallest); the others seat every unit and every such pair
  // together, which the same relaxation can hold as a constraint: the guests of each group items
  // of their own, linked (\`typedBound\`'s \`glue\`). The bound is the larger of the two.
  const glueOf = [...guests.keys()];
  const root = (x: number): number => {
    while (glueOf[x] !== x) x = glueOf[x]!;
    return x;
  };
  let least = Number.POSITIVE_INFINITY;
  for (const [key, v] of prefer) {
    if (v <= 0) continue;
    least = Math.min(least, v);
    glueOf[root(Math.floor(key / 2 ** 32))] = root(key % 2 ** 32);
  }
  for (let i = 0; i < guests.length; i++) glueOf[root(i)] = root(find(i));
  const groups = new Map<number, number[]>();
  for (let i = 0; i < guests.length; i++) {
    const list = groups.get(root(i));
    if (list) list.push(i);
    else groups.set(root(i), [i]);
  }
  const glue = new Map<number, number>();
  for (const list of groups.values()) if (list.length > 1) for (const i of list) glue.set(i, list[0]!);
  const { plain: gluedPlain, ruled: gluedRuled } = await bounds(glue);
  const gluedPlainBound = gluedPlain.integer?.bound ?? gluedPlain.bound;
  const gluedRuledBound = gluedRuled.integer?.bound ?? gluedRuled.bound;
  const glued = gluedPlainBound + wished - inside;
  const gluedLanguage = Math.min(gluedPlainBound, gluedRuledBound) + wished - inside;
  const bound = Math.min(looseBound, Math.max(glued, looseBound - least));
  const witness = gluedRuled.integer?.tables
    ? realise(gluedRuled.integer.tables, gluedRuled.members)
    : undefined;
  const languageBound = Math.min(looseLanguageBound, Math.max(gluedLanguage, looseLanguageBound - least));
  // How many guests the final plan leaves alone with their language.
  let alone = 0;
  for (const list of atTable)
    for (const i of list) {
      if (hasInterpreter(i) || !language(guests[i]!)) continue;
      if (!list.some((j) => j !== i && language(guests[j]!) === language(guests[i]!))) alone++;
    }
  return {
    plan: pairs - inside,
    bound,
    boundExact: lp.integer?.exact ?? false,
    looseBound,
    looseLanguageBound,
    glued,
    gluedLanguage,
    gluedExact: (gluedPlain.integer?.exact ?? false) && (gluedRuled.integer?.exact ?? false),
    witness,
    lp: lp.bound,
    wished,
    inside,
    rounds: lp.rounds,
    converged: lp.converged,
    languageBound,
    languageBoundExact: ruled.integer?.exact ?? false,
    languageLpBound,
    languageConverged: ruled.converged,
    alone,
  };
}

if (positionals.length === 0) {
  process.stderr.write(
    "usage: npm run bench:seating -- <instance files…> [--work W] [--seconds S] [--seed N] [--seeds K] [--exact]\n",
  );
  process.exit(2);
}
const yardstickSeconds = (n: number) => (n <= 30 ? 1 : n <= 120 ? 3 : n <= 240 ? 20 : 120);
/** The work budget that stands for the yardstick's time limit (measured: see the top of this file). */
const yardstickWork = (n: number) => (n <= 30 ? 5e7 : n <= 120 ? 4.5e8 : n <= 240 ? 1.2e10 : 1.2e11);

for (const file of positionals) {
  const p = await readInstance(file);
  const known = await readBestKnown(path.dirname(file));
  let bestKnown = known.get(p.name);
  let proven = false;
  if (bestKnown === undefined && values.exact && p.n <= 30) {
    const exact = await solveExact(p);
    bestKnown = exact.value;
    proven = exact.optimal;
  }
  for (let k = 0; k < Number(values.seeds); k++) {
    const seed = Number(values.seed) + k;
    const started = performance.now();
    // auto: what conclave runs (solveTables); tabu or memetic: that search alone.
    const solve =
      values.solver === "tabu" ? solveGrouping : values.solver === "memetic" ? solveMemetic : solveTables;
    const r = solve(p, {
      ...(values.population ? { population: Number(values.population) } : {}),
      ...(values["final-population"] ? { finalPopulation: Number(values["final-population"]) } : {}),
      ...(values["init-share"] ? { initShare: Number(values["init-share"]) } : {}),
      ...(values["child-share"] ? { childShare: Number(values["child-share"]) } : {}),
      seed,
      maxWork: values.work ? Number(values.work) : yardstickWork(p.n),
      timeLimitMs: (values.seconds ? Number(values.seconds) : 10 * yardstickSeconds(p.n)) * 1000,
      target: proven ? bestKnown : undefined,
      ...(values.tenure ? { tenure: Number(values.tenure) } : {}),
      ...(values.stall ? { stall: Number(values.stall) } : {}),
      now: () => performance.now(),
    });
    const seconds = (performance.now() - started) / 1000;
    const check = groupingValue(p, r.group);
    if (Math.abs(check - r.value) > 1e-6 * Math.max(1, Math.abs(check)))
      throw new Error(`${p.name}: incremental value ${r.value} differs from recomputed ${check}`);
    const gap = bestKnown !== undefined ? ((bestKnown - r.value) / bestKnown) * 100 : null;
    // Above the best known value (a negative gap): keep the assignment that proves it, re-scored
    // from scratch above, so anyone can check it against the instance file.
    let proof: string | undefined;
    if (gap !== null && gap < 0 && !proven) {
      const dir = path.join(import.meta.dirname, "results", "mdgplib-better");
      mkdirSync(dir, { recursive: true });
      proof = path.join(dir, `${p.name}-seed${seed}.txt`);
      writeFileSync(
        proof,
        `# ${p.name} seed ${seed}: value ${check} (best known ${bestKnown}); group of item i on line i+2 (items and groups from 0)\n${Array.from(r.group).join("\n")}\n`,
      );
    }
    process.stdout.write(
      `${JSON.stringify({
        instance: p.name,
        n: p.n,
        groups: p.lower.length,
        value: round(r.value),
        bestKnown: bestKnown === undefined ? null : round(bestKnown),
        ...(proven ? { proven: true } : {}),
        gapPercent: gap === null ? null : round(gap, 4),
        seconds: round(seconds, 2),
        bestAtSeconds: round(r.bestAtMs / 1000, 2),
        iterations: r.iterations,
        work: r.work,
        complete: r.complete,
        seed,
        ...(proof ? { aboveBestKnown: path.relative(process.cwd(), proof) } : {}),
      })}\n`,
    );
  }
}
