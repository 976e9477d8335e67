import { comparePrecedence, isRanked } from "../model/precedence.js";
import type { Delegate, Event, Session, Wish } from "../model/types.js";
import {
  GroupingInfeasible,
  type GroupingOptions,
  type GroupingProblem,
  type GroupingResult,
  groupingUpperBound,
  groupingValue,
  workBudget,
} from "./grouping.js";
import { arrangeHeadTable } from "./head-table.js";
import { neighbours, roomTables, type TableSpec } from "./layout.js";
import { sampledScale } from "./memetic.js";
import { type GroupingMemo, groupingKey, remembered, solveGroupingRemembered } from "./memo.js";
import { createRandom, randomInt } from "./random.js";
import { type SeatingWeights, scoreSeating } from "./score.js";

export interface KeptSeat {
  delegate: string;
  table: string;
  seat: number;
  line: number;
}

export interface SeatingRequest {
  event: Event;
  session: Session;
  weights: SeatingWeights;
  /** Seats kept from an edited assignment.csv (`--keep`). */
  keep?: readonly KeptSeat[];
  keepFile?: string;
  /**
   * Each guest's table in the previous plan (delegate id → table id, from the last
   * assignment.csv): a soft anchor. Leaving it costs weights.move, and the result lists who moved
   * and why.
   */
  previous?: ReadonlyMap<string, string>;
  /**
   * Each guest's seat number in the previous plan: a guest who keeps their table keeps their seat
   * unless the arrangement gains more than half a move (weights.move / 2) by changing it.
   */
  previousSeats?: ReadonlyMap<string, number>;
  host?: string;
  seed: number;
  /**
   * Work budget of the table search, times the default (`workBudget` in grouping.ts; default 1):
   * counted work, not time, so the same seed gives the same plan on any machine under any load.
   */
  effort?: number;
  /** Safety cap on the table search's wall-clock time; a search it cuts short is not reproducible. */
  timeLimitMs: number;
  /** The clock for the time cap, from the caller (the solver reads no time itself). */
  now: () => number;
  /** Table searches of earlier builds, by what they were made from (a build's state). */
  memo?: GroupingMemo;
}

export interface SeatAssignment {
  table: string;
  seat: number;
  delegate: string;
}

/**
 * The share of the table search's work for the second search, the one that keeps the language
 * rule (see planSeating), where guests speak more than one language.
 */
const LANGUAGE_SHARE = 0.1;

/**
 * Rounds of the table search at gala scale (see planSeating), in candidates per guest squared:
 * each round's first search looks at ROUND_FIRST·n², its second at ROUND_CLEAR·n² (what each
 * needed to settle at 1,000 guests, with room to spare), and the budget holds a round for each
 * ROUND_BUDGET·n² of it: 16 rounds at 1,000 guests and the default effort, 160 at ten times it,
 * one past about 2,800 guests. A candidate of the second search costs about three of the first
 * (the language rule is checked on every one that could be taken), and a round sets up two
 * searches and two repairs: so the rounds look at about half the budget's candidates, in less
 * time than the single search took (1,000 guests: 2.6–2.7 s against 3.3–3.5 s).
 */
const ROUND_FIRST = 10;
const ROUND_CLEAR = 2.5;
const ROUND_BUDGET = 25;

/**
 * Rounds of the table search: more than one only at gala scale, where the tabu search samples its
 * steps and settles fast; below it (200 guests) a search of full scans needs its whole budget.
 */
function roundsOf(p: GroupingProblem, effort: number): number {
  if (!sampledScale(p)) return 1;
  return Math.max(1, Math.floor(workBudget(effort).maxWork / (ROUND_BUDGET * p.n * p.n)));
}

/** Categories whose guests may fill the head table's free seats after the ranked guests. */
const MAY_FILL_HEAD: ReadonlySet<string> = new Set(["vip", "speaker", "organiser", "delegate"]);

export interface SeatingResult {
  session: string;
  tables: TableSpec[];
  /** Every attendee's seat, by table (head first) and seat number. */
  seats: SeatAssignment[];
  /**
   * Interpreters of head-table guests on a chair behind their principal (seating.head_table.
   * interpreters: behind): at the head table, but on no seat of it.
   */
  behind: { delegate: string; principal: string }[];
  report: ReturnType<typeof scoreSeating>;
  iterations: number;
  /** Candidate moves and swaps the table search looked at (what the work budget counts). */
  work: number;
  /**
   * The table search's objective (pair weights of guests sharing a round table) and an upper bound
   * on it (`groupingUpperBound`): how far the plan can be from the best possible one, for the bench.
   */
  objective?: number;
  /**
   * The first search's objective, where guests speak more than one language: that search does not
   * know the language rule, and it is what `bound` bounds; `objective` is then the second's.
   */
  firstObjective?: number;
  bound?: number;
  /** The seat range of each round table the table search kept to (in the order of `tables`' round ones). */
  tableSeats?: { lower: number[]; upper: number[] };
  /** False when the time cap stopped the table search before its work budget: not reproducible. */
  complete: boolean;
  /** Against the previous plan (only when one was given): who kept their table, who moved and why. */
  changes?: SeatingChanges;
}

export interface SeatingChanges {
  /** Guests of the previous plan who still attend. */
  previous: number;
  /** Of those, how many sit at the same table; and of those, how many in another seat of it. */
  kept: number;
  reseated: number;
  moved: { delegate: string; from: string; to: string; reason: string }[];
  /** Guests not in the previous plan, and guests of it who no longer attend. */
  added: string[];
  removed: string[];
  /**
   * Where the table search started: from the last plan (each guest back at their table, the usual
   * re-solve), or afresh because the last plan's guests cannot all be put back at their tables with
   * every rule holding ("tables changed": fewer tables, other sizes, new apart rules), or because
   * leaving one's table costs nothing (seating.weights.move: 0), so the last plan holds nobody.
   */
  start: "last plan" | "tables changed" | "move costs nothing";
}

/** A reason the hard rules cannot all hold, naming the rows that cause it. */
export interface Conflict {
  message: string;
  file: string;
  line?: number;
}

export class SeatingInfeasible extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super(conflicts.map((c) => c.message).join("; "));
  }
}

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = [...Array(n).keys()];
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/**
 * Seats every attendee of a session with `seating=assigned`: the head table by protocol, the
 * round tables by the grouping solver (hard rules as constraints, soft rules as pair weights), then
 * each table's seats by a seeded local search. Throws SeatingInfeasible, naming the rows of
 * seating.csv (or delegates.csv, venues.csv) that contradict each other, when the hard rules
 * cannot all hold.
 */
export function planSeating(req: SeatingRequest): SeatingResult {
  const { event, session } = req;
  const files = event.config.files;
  const options = event.config.seating;
  const tables = roomTables(session.room, options.numbering);
  const precedes = comparePrecedence(event.config.country);
  const behindHead = options.head_table.interpreters === "behind";
  const head = tables.find((t) => t.kind === "head");
  const round = tables.filter((t) => t.kind === "round");
  const guests = session.attendeeIds.map((id) => event.delegateById.get(id)!);
  const index = new Map(guests.map((d, i) => [d.id, i]));
  const n = guests.length;
  const conflicts: Conflict[] = [];
  const capacity = tables.reduce((s, t) => s + t.seats, 0);
  if (n > capacity) {
    throw new SeatingInfeasible([
      {
        message: `${session.id} has ${n} attendees but room ${session.room.id} seats ${capacity}`,
        file: files.venues,
      },
    ]);
  }
  const wishes = event.wishes.filter(
    (w) => (w.session === undefined || w.session === session.id) && index.has(w.a),
  );
  const pairWishes = wishes.filter((w) => (w.kind === "together" || w.kind === "apart") && index.has(w.b));

  // Fixed tables and seats, from seating.csv and --keep.
  const fixedTable = new Map<number, { table: string; line: number; file: string }>();
  const fixedSeat = new Map<number, { seat: number; line: number; file: string }>();
  const fix = (i: number, table: string, seat: number | undefined, line: number, file: string) => {
    const spec = tables.find((t) => t.id === table);
    if (!spec) {
      conflicts.push({ message: `there is no table ${table} in room ${session.room.id}`, file, line });
      return;
    }
    if (seat !== undefined && seat > spec.seats) {
      conflicts.push({ message: `table ${table} has no seat ${seat} (it has ${spec.seats})`, file, line });
      return;
    }
    const before = fixedTable.get(i);
    if (before && before.table !== table) {
      conflicts.push({
        message: `${guests[i]!.id} is fixed to table ${before.table} (${before.file} line ${before.line}) and to table ${table} (line ${line})`,
        file,
        line,
      });
      return;
    }
    fixedTable.set(i, { table, line, file });
    if (seat !== undefined) fixedSeat.set(i, { seat, line, file });
  };
  for (const w of wishes) {
    if (w.kind !== "fixed-table" && w.kind !== "fixed-seat") continue;
    const m = /^\s*(head|\d+)\s*(?::\s*(\d+))?\s*$/i.exec(w.b)!;
    fix(index.get(w.a)!, m[1]!.toLowerCase(), m[2] ? Number(m[2]) : undefined, w.line, files.seating);
  }
  for (const k of req.keep ?? []) {
    const i = index.get(k.delegate);
    if (i !== undefined) fix(i, k.table, k.seat, k.line, req.keepFile ?? "assignment.csv");
  }
  const seatTaken = new Map<string, number>();
  for (const [i, s] of fixedSeat) {
    const key = `${fixedTable.get(i)!.table}:${s.seat}`;
    const other = seatTaken.get(key);
    if (other !== undefined)
      conflicts.push({
        message: `${guests[other]!.id} and ${guests[i]!.id} are both fixed to seat ${key}`,
        file: s.file,
        line: s.line,
      });
    seatTaken.set(key, i);
  }

  // Units that must share a table: interpreters with their principal, `must together` pairs.
  const uf = new UnionFind(n);
  const interpreterOf = new Map<number, number[]>();
  for (const [i, d] of guests.entries()) {
    const p = d.interpreterFor !== undefined ? index.get(d.interpreterFor) : undefined;
    if (p !== undefined) {
      uf.union(i, p);
      interpreterOf.set(p, [...(interpreterOf.get(p) ?? []), i]);
    }
  }
  const togetherRows = new Map<number, number[]>();
  for (const w of pairWishes)
    if (w.kind === "together" && w.strength === "must") uf.union(index.get(w.a)!, index.get(w.b)!);
  for (const w of pairWishes)
    if (w.kind === "together" && w.strength === "must") {
      const root = uf.find(index.get(w.a)!);
      togetherRows.set(root, [...(togetherRows.get(root) ?? []), w.line]);
    }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    members.set(r, [...(members.get(r) ?? []), i]);
  }
  const biggestRound = Math.max(0, ...round.map((t) => t.seats));
  const mayHead = (list: number[]) =>
    list.some((i) => isRanked(guests[i]!) || fixedTable.get(i)?.table === "head");
  for (const [root, list] of members) {
    const biggest = head && mayHead(list) ? Math.max(biggestRound, head.seats) : biggestRound;
    if (list.length > biggest) {
      const rows = togetherRows.get(root) ?? [];
      conflicts.push({
        message: `${list.length} guests must sit together (${list.map((i) => guests[i]!.id).join(", ")}), more than the ${biggest} seats of a table`,
        file: files.seating,
        ...(rows.length ? { line: rows[0] } : {}),
      });
    }
    const fixedTo = new Map<string, { line: number; file: string }>();
    for (const i of list) {
      const f = fixedTable.get(i);
      if (f) fixedTo.set(f.table, f);
    }
    if (fixedTo.size > 1) {
      const parts = [...fixedTo].map(([t, f]) => `table ${t} (${f.file} line ${f.line})`);
      conflicts.push({
        message: `guests who must sit together are fixed to different tables: ${parts.join(" and ")}`,
        file: files.seating,
        line: [...fixedTo.values()][0]!.line,
      });
    }
  }
  for (const w of pairWishes) {
    if (w.kind !== "apart" || w.strength !== "must") continue;
    const a = index.get(w.a)!;
    const b = index.get(w.b)!;
    if (uf.find(a) === uf.find(b)) {
      const rows = togetherRows.get(uf.find(a)) ?? [];
      const why = rows.length
        ? `must sit together by line${rows.length > 1 ? "s" : ""} ${rows.join(", ")}`
        : "are an interpreter and their principal";
      conflicts.push({
        message: `line ${w.line} says ${w.a} and ${w.b} must sit apart, but they ${why}`,
        file: files.seating,
        line: w.line,
      });
    }
    const fa = fixedTable.get(a);
    const fb = fixedTable.get(b);
    if (fa && fb && fa.table === fb.table)
      conflicts.push({
        message: `line ${w.line} says ${w.a} and ${w.b} must sit apart, but both are fixed to table ${fa.table}`,
        file: files.seating,
        line: w.line,
      });
  }
  const accessibleNeeded = guests.filter((d) => d.accessibility).length;
  const accessibleSeats = tables.reduce((s, t) => s + t.accessible.length, 0);
  if (accessibleNeeded > accessibleSeats)
    conflicts.push({
      message: `${accessibleNeeded} guests need an accessible seat but room ${session.room.id} has ${accessibleSeats}`,
      file: files.venues,
    });
  if (conflicts.length > 0) throw new SeatingInfeasible(conflicts);

  // The head table: fixed guests first, then the highest precedence, each with their unit.
  const seatOf = new Map<number, { table: string; seat: number }>();
  const atHead = new Set<number>();
  const headSeats = head?.seats ?? 0;
  const unitOf = (i: number) => members.get(uf.find(i))!;
  let headUsed = 0;
  // Interpreters behind their principal take no seat of the head table.
  const seatsAtHead = (unit: number[]) =>
    behindHead ? unit.filter((u) => guests[u]!.interpreterFor === undefined).length : unit.length;
  const addHead = (i: number, forced: boolean) => {
    const unit = unitOf(i);
    if (unit.some((u) => atHead.has(u))) return;
    if (unit.some((u) => fixedTable.has(u) && fixedTable.get(u)!.table !== "head")) return;
    if (headUsed + seatsAtHead(unit) > headSeats) {
      if (forced)
        throw new SeatingInfeasible([
          {
            message: `more guests are fixed to the head table than its ${headSeats} seats`,
            file: fixedTable.get(i)!.file,
            line: fixedTable.get(i)!.line,
          },
        ]);
      return;
    }
    for (const u of unit) atHead.add(u);
    headUsed += seatsAtHead(unit);
  };
  for (const [i, f] of fixedTable) if (f.table === "head") addHead(i, true);
  // Guests with a protocol rank, in precedence order (src/model/precedence.ts).
  const byRank = guests
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => isRanked(d))
    .sort((a, b) => precedes(a.d, b.d));
  if (head) for (const { i } of byRank) addHead(i, false);
  // Seats still free at the head table (fewer ranked guests than seats, or their interpreters
  // behind them): the next guests by precedence take them, never staff, press or interpreters
  // (they work). A protocol office fills the top table rather than leave gaps in the row.
  if (head && headUsed < headSeats) {
    const next = guests
      .map((d, i) => ({ d, i }))
      .filter(
        ({ d, i }) => !isRanked(d) && !atHead.has(i) && MAY_FILL_HEAD.has(d.category) && !d.interpreterFor,
      )
      .sort((a, b) => precedes(a.d, b.d));
    for (const { i } of next) {
      if (headUsed >= headSeats) break;
      addHead(i, false);
    }
  }
  const behind: SeatingResult["behind"] = [];
  if (head) arrangeHead(head, [...atHead]);

  // Round tables: each unit an item, sized by its seats, solved as a grouping problem.
  const items = [...members.values()].filter((unit) => !atHead.has(unit[0]!));
  // Each item's guests who need company for their language (needyOf), made once for every repair.
  let needyCache: number[][] | undefined;
  const G = round.length;
  const seatsLeft = items.reduce((s, u) => s + u.length, 0);
  const fair = G > 0 ? Math.floor(seatsLeft / G) : 0;
  const weights = new Float64Array(items.length * items.length);
  // Each `prefer` wish's weight, once for the table search and every table's seat arrangement.
  const prefer = preferWeights(pairWishes, index, req.weights);
  const w = pairWeights(guests, prefer, req.weights);
  for (let x = 0; x < items.length; x++)
    for (let y = x + 1; y < items.length; y++) {
      let sum = 0;
      for (const a of items[x]!) for (const b of items[y]!) sum += w(a, b);
      weights[x * items.length + y] = sum;
      weights[y * items.length + x] = sum;
    }
  const itemOf = new Map<number, number>();
  items.forEach((unit, k) => {
    for (const i of unit) itemOf.set(i, k);
  });
  const roundIndex = new Map(round.map((t, g) => [t.id, g]));
  const apart: [number, number][] = [];
  for (const wsh of pairWishes)
    if (wsh.kind === "apart" && wsh.strength === "must") {
      const x = itemOf.get(index.get(wsh.a)!);
      const y = itemOf.get(index.get(wsh.b)!);
      if (x !== undefined && y !== undefined) apart.push([x, y]);
    }
  const fixedItem = items.map((unit) => {
    const f = unit.map((i) => fixedTable.get(i)).find(Boolean);
    return f ? roundIndex.get(f.table)! : -1;
  });
  const prevRound = (i: number) => {
    const t = req.previous?.get(guests[i]!.id);
    return t === undefined ? -1 : (roundIndex.get(t) ?? -1);
  };
  placeByRank(fixedItem, fair + 1);
  const rankPlaced = new Set(
    items.flatMap((unit, k) => (fixedItem[k]! >= 0 && !unit.some((i) => fixedTable.has(i)) ? unit : [])),
  );
  // Leaving one's previous table costs weights.move per guest: a bias of each unit for each table.
  const bias = req.previous && req.weights.move > 0 ? moveBias() : undefined;
  // A re-solve starts from the previous plan: each unit back at its previous round table (where
  // its guests sat together), new guests placed around them. Such a search has little to do (a
  // few newcomers to place, a few moves to weigh), so it spends a share of the work budget in
  // proportion to how much of the plan is new: five times the share of new units, at least a
  // tenth of the budget (5 new guests of 1,000: a tenth; 200 new: all of it).
  const start = bias ? previousStart() : undefined;
  // Where the table search started, for the changes it reports (SeatingChanges.start).
  let startedFrom: SeatingChanges["start"] = start ? "last plan" : "move costs nothing";
  const anchoredUnits = start ? start.filter((g) => g >= 0).length : 0;
  const reSolveShare = start
    ? Math.min(1, Math.max(0.1, (5 * (items.length - anchoredUnits)) / Math.max(1, items.length)))
    : 1;
  // Guests the language repair swapped, with the reason the report gives.
  const languageMoved = new Map<number, string>();
  const searchedAt = new Map<number, string>();
  let iterations = 0;
  let work = 0;
  let objective = 0;
  let firstObjective: number | undefined;
  let bound = 0;
  let tableSeats: SeatingResult["tableSeats"];
  let complete = true;
  if (items.length > 0) {
    if (G === 0)
      throw new SeatingInfeasible([
        {
          message: `room ${session.room.id} has no round tables for ${items.length} guests`,
          file: files.venues,
        },
      ]);
    // Tables as even as the units allow (sizes within one of each other), loosened step by step
    // when guests with interpreters or must-together groups make that impossible.
    // The language rule (nobody alone with their language at a table), for the second search.
    const languageCode = new Map<string, number>();
    const codeOf = (l: string) => {
      if (!languageCode.has(l)) languageCode.set(l, languageCode.size);
      return languageCode.get(l)!;
    };
    const speaksFor = (i: number) => guests[i]!.category !== "interpreter";
    const languages = {
      spoken: items.map((unit) => unit.filter(speaksFor).map((i) => codeOf(guests[i]!.language))),
      // The languages of a unit's guests who need someone else at the table to speak them.
      alone: needyItems().map((list) => list.map((i) => codeOf(guests[i]!.language))),
    };
    // Every guest speaks one language: there is no rule on languages for a second search to keep.
    const clearShare = languageCode.size > 1 ? LANGUAGE_SHARE : 0;
    let result: GroupingResult | undefined;
    let group: number[] = [];
    const searchStarted = req.now();
    for (let slack = 0; !result; slack++) {
      try {
        tableSeats = {
          lower: round.map((t) => Math.min(t.seats, Math.max(0, fair - slack))),
          upper: round.map((t) => Math.min(t.seats, fair + 1 + slack)),
        };
        const problem = {
          n: items.length,
          weights,
          lower: tableSeats.lower,
          upper: tableSeats.upper,
          sizes: items.map((u) => u.length),
          fixed: fixedItem,
          apart,
          ...(bias ? { bias } : {}),
          resource: {
            use: items.map((unit) => unit.filter((i) => guests[i]!.accessibility).length),
            budget: round.map((t) => t.accessible.length),
          },
        };
        const left = () => Math.max(0, req.timeLimitMs - (req.now() - searchStarted));
        type Budget = Pick<GroupingOptions, "maxIterations" | "maxWork">;
        const shareOf = (share: number): Budget => workBudget((req.effort ?? 1) * share);
        const search = (p: GroupingProblem, budget: Budget, seed: number, memo: GroupingMemo | undefined) =>
          solveGroupingRemembered(p, { seed, timeLimitMs: left(), ...budget, now: req.now }, memo);
        /**
         * One round of the table search: a first search, the language repair, and where guests
         * speak more than one language a second search from the repaired plan.
         */
        const searchRound = (
          from: readonly number[] | undefined,
          budgets: { first: Budget; clear: Budget },
          seed: number,
          memo?: GroupingMemo,
        ) => {
          let first: GroupingResult;
          let clearBudget = budgets.clear;
          try {
            first = search(from ? { ...problem, start: from } : problem, budgets.first, seed, memo);
          } catch (e) {
            // The previous tables leave no way to fill every table (fewer tables, other sizes):
            // the search starts afresh, with its whole budget.
            if (!(e instanceof GroupingInfeasible) || !from) throw e;
            startedFrom = "tables changed";
            first = search(problem, shareOf(1 - clearShare), seed, memo);
            clearBudget = shareOf(clearShare);
          }
          const plan = Array.from(first.group);
          repairLanguages(plan);
          if (clearShare === 0) return { result: first, group: plan, first: undefined };
          // The first search does not know the language rule, and the repair pays for it in pairs
          // (1,000-guest gala of bench:seating: 4,450 → 4,336). The second search starts from the
          // repaired plan and takes no step that leaves a guest alone with their language, and
          // wins pairs back within the rule (4,336 → 4,352 there).
          const clear = search(
            // Guests placed by rank that the repair moved keep the table it gave them.
            { ...problem, fixed: fixedItem.map((g, k) => (g >= 0 ? plan[k]! : -1)), languages, start: plan },
            clearBudget,
            seed,
            memo,
          );
          const group = Array.from(clear.group);
          // The second search never leaves more guests alone; where the first repair could not
          // clear everyone, another pass after it may, and then the plan's value is its own.
          const value = repairLanguages(group) > 0 ? groupingValue(problem, group) : clear.value;
          return {
            result: {
              ...clear,
              value,
              iterations: first.iterations + clear.iterations,
              work: first.work + clear.work,
              complete: first.complete && clear.complete,
            },
            group,
            first: first.value,
          };
        };
        // A re-solve is one round: its search starts from the previous plan, and its report says
        // why each guest moved, from the repair of the plan it keeps.
        const rounds = req.previous || clearShare === 0 ? 1 : roundsOf(problem, req.effort ?? 1);
        if (rounds === 1) {
          const only = searchRound(
            start,
            { first: shareOf(reSolveShare * (1 - clearShare)), clear: shareOf(reSolveShare * clearShare) },
            req.seed,
            req.memo,
          );
          ({ result, group } = only);
          firstObjective = only.first;
        } else {
          // At gala scale a search settles within a small part of its budget (the 1,000-guest gala:
          // the first search within about 10·n² candidates of its 360·n², the second within 2.5·n²
          // of 40·n²), and rounds from other seeds end on other plans (4,336 to 4,368 there): so
          // the budget goes to rounds of that size, and the plan is the best round's (the first
          // of equals). Remembered as a whole, as one search is: the key holds what the repair
          // reads beyond the problem (who it may not move: guests fixed by seating.csv or on an
          // accessible seat, where the problem fixes guests placed by rank alike) and the rounds'
          // sizes; what the repair does is part of SEARCH_VERSION (memo.ts).
          const locked = items.flatMap((_, k) => (lockedItem(k) ? [k] : []));
          const key = groupingKey(
            { ...problem, languages },
            { seed: req.seed, timeLimitMs: 0, ...workBudget(req.effort ?? 1), now: req.now },
            `rounds ${rounds} of ${ROUND_FIRST}+${ROUND_CLEAR}·n², locked ${locked.join(",")}`,
          );
          result = remembered(req.memo, key, problem, () => {
            const n2 = problem.n * problem.n;
            const budgets = { first: { maxWork: ROUND_FIRST * n2 }, clear: { maxWork: ROUND_CLEAR * n2 } };
            let work = 0;
            let iterations = 0;
            let complete = true;
            let best: ReturnType<typeof searchRound> | undefined;
            let failed: unknown;
            for (let t = 0; t < rounds && complete; t++) {
              let r: ReturnType<typeof searchRound>;
              try {
                r = searchRound(undefined, budgets, req.seed * 7919 + t * 104729);
              } catch (e) {
                // A first plan this seed's greedy pass cannot complete (accessible seats, guests
                // kept apart): the next round's seed may; none at all, and the tables loosen.
                if (!(e instanceof GroupingInfeasible)) throw e;
                failed = e;
                continue;
              }
              work += r.result.work;
              iterations += r.result.iterations;
              complete = r.result.complete;
              if (!best || r.result.value > best.result.value + 1e-9) best = r;
            }
            if (!best) throw failed;
            firstObjective = best.first;
            // The best round's plan after its repairs: what the seats are made from.
            return { ...best.result, group: Int32Array.from(best.group), work, iterations, complete };
          });
          group = Array.from(result.group);
        }
      } catch (e) {
        if (e instanceof GroupingInfeasible && slack < Math.max(...round.map((t) => t.seats))) continue;
        if (e instanceof GroupingInfeasible)
          throw new SeatingInfeasible([
            {
              message: `the guests cannot be split over ${G} tables of ${round[0]!.seats} with every must-apart, fixed-table and accessible-seat rule holding`,
              file: files.seating,
            },
          ]);
        throw e;
      }
    }
    ({ iterations, work, complete } = result);
    objective = result.value;
    bound = groupingUpperBound({
      n: items.length,
      weights,
      upper: round.map((t) => t.seats),
      sizes: items.map((u) => u.length),
      ...(bias ? { bias } : {}),
    });
    const random = createRandom(req.seed);
    round.forEach((t, g) => {
      const atTable = items.flatMap((unit, k) => (group[k] === g ? unit : []));
      arrangeRound(t, atTable, random);
    });
  }

  const seats: SeatAssignment[] = [...seatOf].map(([i, s]) => ({ ...s, delegate: guests[i]!.id }));
  const order = new Map(tables.map((t, k) => [t.id, k]));
  seats.sort((a, b) => order.get(a.table)! - order.get(b.table)! || a.seat - b.seat);
  const report = scoreSeating({
    event,
    session,
    tables,
    seats,
    wishes: pairWishes,
    weights: req.weights,
    fixed: [...fixedSeat.keys()].map((i) => ({
      delegate: guests[i]!.id,
      table: fixedTable.get(i)!.table,
      seat: fixedSeat.get(i)!.seat,
    })),
    fixedTables: [...fixedTable].map(([i, f]) => ({ delegate: guests[i]!.id, table: f.table })),
    behind,
  });
  const changes = req.previous ? describeChanges(req.previous) : undefined;
  return {
    session: session.id,
    tables,
    seats,
    behind,
    report,
    iterations,
    work,
    objective,
    ...(firstObjective !== undefined ? { firstObjective } : {}),
    bound,
    ...(tableSeats ? { tableSeats } : {}),
    complete,
    ...(changes ? { changes } : {}),
  };

  /** Each unit's previous round table, where its guests of the previous plan sat together; else -1. */
  function previousStart(): number[] {
    return items.map((unit) => {
      const tables = new Set(unit.map(prevRound).filter((h) => h >= 0));
      return tables.size === 1 ? [...tables][0]! : -1;
    });
  }

  /** bias[k·G + g] = −move × the guests of unit k whose previous round table is not g. */
  function moveBias(): Float64Array {
    const out = new Float64Array(items.length * G);
    const move = req.weights.move;
    items.forEach((unit, k) => {
      for (const i of unit) {
        const h = prevRound(i);
        if (h < 0) continue;
        for (let g = 0; g < G; g++) if (g !== h) out[k * G + g]! -= move;
      }
    });
    return out;
  }

  /**
   * Who sits at another table than in the previous plan, and the rule or gain that moved them,
   * in the order of the plan's tables. The first reason that applies is given: the head table's
   * protocol, a fixed table, a must wish, an interpreter following their principal, a ranked
   * guest's table, a language, else the points the move gains at the new table.
   */
  function describeChanges(previous: ReadonlyMap<string, string>): SeatingChanges {
    const now = new Map<string, string>(seats.map((s) => [s.delegate, s.table]));
    for (const b of behind) now.set(b.delegate, "head");
    const label = (t: string) => (t === "head" ? "head table" : `table ${t}`);
    const moved: SeatingChanges["moved"] = [];
    let kept = 0;
    let reseated = 0;
    let previousCount = 0;
    const added: string[] = [];
    for (const [i, d] of guests.entries()) {
      const from = previous.get(d.id);
      if (from === undefined) {
        added.push(d.id);
        continue;
      }
      previousCount++;
      const to = now.get(d.id)!;
      if (to === from) {
        kept++;
        const seat = req.previousSeats?.get(d.id);
        if (seat !== undefined && seatOf.has(i) && seatOf.get(i)!.seat !== seat) reseated++;
        continue;
      }
      moved.push({ delegate: d.id, from, to, reason: why(i, from, to) });
    }
    const attending = new Set(guests.map((d) => d.id));
    const removed = [...previous.keys()].filter((id) => !attending.has(id) && event.delegateById.has(id));
    const order = new Map(tables.map((t, k) => [t.id, k]));
    moved.sort(
      (a, b) =>
        (order.get(a.from) ?? 1e9) - (order.get(b.from) ?? 1e9) || a.delegate.localeCompare(b.delegate),
    );
    return {
      previous: previousCount,
      kept,
      reseated,
      moved: moved.map((m) => ({ ...m, from: label(m.from), to: label(m.to) })),
      added,
      removed,
      start: startedFrom,
    };

    function why(i: number, from: string, to: string): string {
      const d = guests[i]!;
      const other = (j: number) => {
        const id = guests[j]!.id;
        return previous.has(id) ? id : `${id}, added`;
      };
      if (!tables.some((t) => t.id === from)) return `there is no ${label(from)} any more`;
      if (to === "head") return "the head table seats the highest precedence";
      if (from === "head") return "higher precedence takes the head table";
      const f = fixedTable.get(i);
      if (f) return `fixed to ${label(f.table)} in ${f.file} line ${f.line}`;
      for (const x of pairWishes) {
        if (x.strength !== "must" || (x.a !== d.id && x.b !== d.id)) continue;
        const j = guests[index.get(x.a === d.id ? x.b : x.a)!]!.id;
        // The partner sits where this guest sat (they were tablemates, or the partner is new).
        if (x.kind === "apart" && now.get(j) === from && (previous.get(j) ?? from) === from)
          return `must sit apart from ${other(index.get(j)!)}`;
        if (x.kind === "together" && now.get(j) === to && previous.get(j) !== from)
          return `must sit with ${other(index.get(j)!)}`;
      }
      const p = d.interpreterFor !== undefined ? index.get(d.interpreterFor) : undefined;
      if (p !== undefined) return `follows their principal ${guests[p]!.id}`;
      if (rankPlaced.has(i)) return "ranked guests take the tables nearest the head table";
      const language = languageMoved.get(i);
      if (language && searchedAt.get(i) === from) return language;
      if (d.accessibility) return "an accessible seat";
      // What the guest's pairs are worth at the new table against the old one, as seated now.
      let gain = 0;
      for (const [j, s] of seatOf)
        if (j !== i) gain += s.table === to ? w(i, j) : s.table === from ? -w(i, j) : 0;
      return gain > 0 ? `a better mix: +${round1(gain)} points` : "to even out the tables' sizes and mix";
    }
  }

  /**
   * Guests with a protocol rank who are not at the head table go to the round tables nearest it,
   * highest first (tables are listed nearest first; see WINDOW): at most half of a table's seats each, so that
   * they still sit among other guests; never against a fixed table, a must-apart pair or the
   * accessible seats, and never past the size the table search allows. Guests fixed to a table
   * keep it and count first. The search then seats everyone else around them.
   */
  function placeByRank(fixedTo: number[], most: number) {
    const load = round.map(() => 0);
    const ranked = round.map(() => 0);
    const access = round.map(() => 0);
    const isRankedUnit = (k: number) => items[k]!.some((i) => isRanked(guests[i]!));
    const accessUse = (k: number) => items[k]!.filter((i) => guests[i]!.accessibility).length;
    items.forEach((unit, k) => {
      const g = fixedTo[k]!;
      if (g < 0) return;
      load[g]! += unit.length;
      access[g]! += accessUse(k);
      if (isRankedUnit(k)) ranked[g]! += unit.length;
    });
    const best = (k: number) =>
      items[k]!.filter((i) => isRanked(guests[i]!)).sort((a, b) => precedes(guests[a]!, guests[b]!))[0]!;
    const order = items
      .map((_, k) => k)
      .filter((k) => fixedTo[k]! < 0 && isRankedUnit(k))
      .sort((x, y) => precedes(guests[best(x)]!, guests[best(y)]!));
    const at = round.map(() => [] as number[]);
    items.forEach((_, k) => {
      if (fixedTo[k]! >= 0) at[fixedTo[k]!]!.push(k);
    });
    // The nearest table with room, or the next one with room when the guest mixes better there
    // (by the same pair weights as the search): a gradient of rank that still mixes countries.
    // Measured on the generated galas (bench:seating --conference 200,1000): strictly the nearest
    // cost 2.5 % and 1.2 % of the score against no ranking; one table of choice, 1.5 % and 0.3 %.
    const WINDOW = 1;
    for (const k of order) {
      const size = items[k]!.length;
      const open: number[] = [];
      for (let g = 0; g < round.length && open.length <= WINDOW; g++) {
        const t = round[g]!;
        if (
          ranked[g]! + size <= Math.max(1, Math.floor(t.seats / 2)) &&
          load[g]! + size <= Math.min(t.seats, most) &&
          access[g]! + accessUse(k) <= t.accessible.length &&
          !apart.some(([x, y]) => (x === k && fixedTo[y] === g) || (y === k && fixedTo[x] === g))
        )
          open.push(g);
      }
      const gain = (g: number) => at[g]!.reduce((sum, m) => sum + weights[k * items.length + m]!, 0);
      let g = open[0] ?? -1;
      for (const h of open.slice(1)) if (gain(h) > gain(g)) g = h;
      // A re-solve keeps a ranked guest at their previous table while it is still among the
      // tables their rank may take (the open ones): a new guest never shifts the whole gradient.
      const home = prevRound(best(k));
      if (home >= 0 && open.includes(home)) g = home;
      if (g < 0) continue;
      fixedTo[k] = g;
      at[g]!.push(k);
      load[g]! += size;
      ranked[g]! += size;
      access[g]! += accessUse(k);
    }
  }

  /** A unit the language repair never moves: fixed to a table by seating.csv, or on an accessible seat. */
  function lockedItem(k: number): boolean {
    return items[k]!.some((i) => fixedTable.has(i) || guests[i]!.accessibility);
  }

  /**
   * A guest alone with their language at a table (and no interpreter) is moved, by one swap of
   * single guests, to a table where someone speaks it, when the swap leaves nobody else alone and
   * breaks no hard rule. Of the swaps that do, the one that costs the table search's objective
   * least: the search does not know this rule and spreads a small language group one a table,
   * so there are many such guests at a large gala (about a hundred at 1,000 guests), and taking
   * the first swap that works cost the 200- and 1,000-guest galas of bench:seating 26 % and 17 %
   * of their objective (800 → 590, 4,450 → 3,700). A guest of a must-together unit who is its
   * only speaker of their language (needyOf) stays with the unit: someone who speaks it is
   * swapped in, or the unit swapped with two single guests of a table where it is spoken.
   * Returns the number of swaps made.
   */
  function repairLanguages(group: number[]): number {
    let swaps = 0;
    const single = (k: number) => (items[k]!.length === 1 ? items[k]![0]! : -1);
    const lang = (i: number) => guests[i]!.language;
    const needy = needyItems();
    const at: number[][] = round.map(() => []);
    items.forEach((_, k) => {
      at[group[k]!]!.push(k);
    });
    /** Speakers of l at table g (interpreters work, and do not count), leaving out items `without`. */
    const speakers = (g: number, l: string, without: number[] = []) => {
      let c = 0;
      for (const k of at[g]!) {
        if (without.includes(k)) continue;
        for (const i of items[k]!) if (lang(i) === l && guests[i]!.category !== "interpreter") c++;
      }
      return c;
    };
    /** Whether a guest of item k who needs company has none at table g, without `without`, with `plus`. */
    const lonelyAt = (k: number, g: number, without: number[] = [], plus?: number) => {
      // Loops, not closures: the repair asks this of every guest at two tables for each swap it
      // weighs.
      const ns = needy[k]!;
      for (let x = 0; x < ns.length; x++) {
        const l = lang(ns[x]!);
        // The guest swapped in speaks for themselves unless they are an interpreter (one whose
        // principal is not at the banquet is a unit of their own).
        let extra = 0;
        if (plus !== undefined) {
          const unit = items[plus]!;
          for (let y = 0; y < unit.length; y++)
            if (guests[unit[y]!]!.category !== "interpreter" && lang(unit[y]!) === l) extra++;
        }
        if (extra === 0 && speakers(g, l, [k, ...without]) === 0) return true;
      }
      return false;
    };
    const apartOk = (k: number, g: number) =>
      !apart.some(([x, y]) => (x === k && group[y] === g) || (y === k && group[x] === g));
    const N = items.length;
    const weightTo = (k: number, g: number, without: number) => {
      let v = 0;
      for (const x of at[g]!) if (x !== k && x !== without) v += weights[k * N + x]!;
      return v;
    };
    for (let k = 0; k < N; k++) {
      if (single(k) < 0 || !lonelyAt(k, group[k]!) || lockedItem(k)) continue;
      const i = single(k);
      const a = group[k]!;
      let pick = -1;
      let pickGain = Number.NEGATIVE_INFINITY;
      for (let m = 0; m < N; m++) {
        const j = single(m);
        const b = group[m]!;
        if (j < 0 || b === a || lockedItem(m) || lang(j) === lang(i)) continue;
        const gain =
          weightTo(k, b, m) -
          weightTo(k, a, k) +
          weightTo(m, a, k) -
          weightTo(m, b, m) -
          2 * weights[k * N + m]!;
        // The gain first: the rules are dearer to check, and only a better swap needs them.
        if (gain <= pickGain) continue;
        if (speakers(b, lang(i)) === 0) continue;
        if (!apartOk(k, b) || !apartOk(m, a)) continue;
        // After the swap: k at b, m at a. Nobody at either table may be alone with their language.
        if (lonelyAt(m, a, [k])) continue;
        if (at[a]!.some((x) => x !== k && lonelyAt(x, a, [k], m))) continue;
        if (at[b]!.some((x) => x !== m && lonelyAt(x, b, [m], k))) continue;
        pickGain = gain;
        pick = m;
      }
      if (pick < 0) continue;
      const m = pick;
      const j = single(m);
      const b = group[m]!;
      group[k] = b;
      group[m] = a;
      at[a]!.splice(at[a]!.indexOf(k), 1, m);
      at[b]!.splice(at[b]!.indexOf(m), 1, k);
      swaps++;
      // Given as the reason only to a guest the search had left at their previous table.
      searchedAt.set(i, round[a]!.id);
      searchedAt.set(j, round[b]!.id);
      languageMoved.set(i, `a table where someone speaks ${lang(i)}`);
      languageMoved.set(
        j,
        `swapped with ${guests[i]!.id}, who would have shared no language at table ${round[a]!.id}`,
      );
    }
    // A guest of a unit (a must-together pair of two languages) alone with theirs: either a guest
    // who speaks it comes to the table in a swap with a single guest there, or the unit goes to a
    // table where it is spoken in a swap with two single guests there; the swap that costs least.
    const clear = (list: number[]) =>
      list.every((x) =>
        needy[x]!.every((i) =>
          list.some(
            (z) =>
              z !== x && items[z]!.some((q) => guests[q]!.category !== "interpreter" && lang(q) === lang(i)),
          ),
        ),
      );
    const worth = (list: number[]) => {
      let v = 0;
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) v += weights[list[x]! * N + list[y]!]!;
      return v;
    };
    const movable = (x: number) => single(x) >= 0 && !lockedItem(x);
    for (let k = 0; k < N; k++) {
      if (single(k) >= 0 || lockedItem(k) || !lonelyAt(k, group[k]!)) continue;
      const a = group[k]!;
      const here = worth(at[a]!);
      let pick: { b: number; out: number[]; into: number[]; gain: number } | undefined;
      const tryIt = (b: number, out: number[], into: number[]) => {
        // `out` leaves table a for b, `into` comes from b to a.
        const nextA = [...at[a]!.filter((x) => !out.includes(x)), ...into];
        const nextB = [...at[b]!.filter((x) => !into.includes(x)), ...out];
        const gain = worth(nextA) + worth(nextB) - here - worth(at[b]!);
        if (pick && gain <= pick.gain) return;
        if (!out.every((x) => apartOk(x, b)) || !into.every((x) => apartOk(x, a))) return;
        if (!clear(nextA) || !clear(nextB)) return;
        pick = { b, out, into, gain };
      };
      for (let b = 0; b < round.length; b++) {
        if (b === a) continue;
        const singlesA = at[a]!.filter((x) => x !== k && movable(x));
        const singlesB = at[b]!.filter(movable);
        for (const y of singlesA) for (const m of singlesB) tryIt(b, [y], [m]);
        for (let x = 0; x < singlesB.length; x++)
          for (let y = x + 1; y < singlesB.length; y++) tryIt(b, [k], [singlesB[x]!, singlesB[y]!]);
      }
      if (!pick) continue;
      const { b, out, into } = pick;
      for (const x of out) group[x] = b;
      for (const x of into) group[x] = a;
      at[a] = [...at[a]!.filter((x) => !out.includes(x)), ...into];
      at[b] = [...at[b]!.filter((x) => !into.includes(x)), ...out];
      swaps++;
      const who = needy[k]!.map((i) => guests[i]!.id).join(", ");
      for (const x of [...out, ...into])
        for (const i of items[x]!) {
          searchedAt.set(i, round[out.includes(x) ? a : b]!.id);
          if (!languageMoved.has(i)) languageMoved.set(i, `so that ${who} shares a language at the table`);
        }
    }
    return swaps;
  }

  /**
   * The guests of item k who need someone else at their table to speak their language: each who
   * speaks for themselves (not an interpreter), has no interpreter in the unit, and is the unit's
   * only speaker of it. A guest and their interpreter are company; two guests who must sit
   * together and speak two languages each still need someone for theirs.
   */
  function needyItems(): number[][] {
    needyCache ??= items.map((_, k) => needyOf(k));
    return needyCache;
  }
  function needyOf(k: number): number[] {
    const unit = items[k]!;
    return unit.filter(
      (i) =>
        guests[i]!.category !== "interpreter" &&
        !unit.some((x) => guests[x]!.interpreterFor === guests[i]!.id) &&
        !unit.some(
          (x) =>
            x !== i && guests[x]!.category !== "interpreter" && guests[x]!.language === guests[i]!.language,
        ),
    );
  }

  /**
   * Protocol order at the head table (src/seating/head-table.ts): fixed seats first, then the
   * host, the co-host of a round top table, and everyone else in precedence order; interpreters
   * beside their principal, or behind (on no seat) as seating.head_table.interpreters says.
   */
  function arrangeHead(t: TableSpec, list: number[]) {
    const taken = new Set<number>();
    for (const i of list) {
      const f = fixedSeat.get(i);
      if (f) {
        seatOf.set(i, { table: t.id, seat: f.seat });
        taken.add(f.seat);
      }
    }
    const principals = list
      .filter((i) => !seatOf.has(i) && guests[i]!.interpreterFor === undefined)
      .sort((a, b) => precedes(guests[a]!, guests[b]!));
    const hostId = req.host ?? defaultHost(principals.map((i) => guests[i]!));
    const host = principals.find((i) => guests[i]!.id === hostId);
    const hostCountry = host !== undefined ? guests[host]!.country : event.config.country;
    const coHost =
      options.head_table.custom === "round"
        ? (principals.find((i) => guests[i]!.id === options.head_table.co_host) ??
          principals.find((i) => i !== host && guests[i]!.country === hostCountry) ??
          principals.find((i) => i !== host))
        : undefined;
    const interpreters = new Map<number, number[]>();
    for (const p of list) {
      const mine = (interpreterOf.get(p) ?? []).filter((x) => atHead.has(x) && !seatOf.has(x));
      if (behindHead)
        for (const x of mine) behind.push({ delegate: guests[x]!.id, principal: guests[p]!.id });
      else interpreters.set(p, mine);
    }
    const placed = arrangeHeadTable({
      seats: t.seats,
      custom: options.head_table.custom,
      host,
      coHost,
      principals,
      interpreters,
      country: (i) => guests[i]!.country,
      taken,
    });
    for (const [i, s] of placed) seatOf.set(i, { table: t.id, seat: s });
    // Guests left over (an interpreter of a fixed-seat guest, when seats ran short) fill the
    // free seats from the ends.
    const behindIds = new Set(behind.map((b) => b.delegate));
    const used = new Set([...seatOf.values()].filter((s) => s.table === t.id).map((s) => s.seat));
    const spare = [...Array(t.seats).keys()].map((k) => k + 1).filter((s) => !used.has(s));
    for (const i of list)
      if (!seatOf.has(i) && !behindIds.has(guests[i]!.id)) {
        const s = spare.pop();
        if (s !== undefined) seatOf.set(i, { table: t.id, seat: s });
      }
  }

  /**
   * Seats around one round table: fixed seats first, then a seeded local search over swaps of
   * seats that keeps interpreters beside their principal and guests with accessibility needs on
   * accessible seats, and rewards alternating nationalities and wished neighbours.
   */
  function arrangeRound(t: TableSpec, list: number[], random: () => number) {
    const S = t.seats;
    const locked = new Set<number>();
    const seat: number[] = new Array(S + 1).fill(-1); // seat → guest index
    for (const i of list) {
      const f = fixedSeat.get(i);
      if (f) {
        seat[f.seat] = i;
        locked.add(f.seat);
      }
    }
    // A guest who keeps their table starts in their previous seat, and staying there is worth
    // half a move: a new tablemate does not reshuffle the table.
    const before = (i: number) =>
      req.previous?.get(guests[i]!.id) === t.id ? req.previousSeats?.get(guests[i]!.id) : undefined;
    const stay = req.previousSeats ? req.weights.move / 2 : 0;
    for (const i of list) {
      const s = before(i);
      if (fixedSeat.has(i) || s === undefined || s > S || seat[s] !== -1) continue;
      if (guests[i]!.accessibility && !t.accessible.includes(s)) continue;
      seat[s] = i;
    }
    const free = [...Array(S).keys()].map((k) => k + 1).filter((s) => !locked.has(s) && seat[s] === -1);
    const rest = list.filter((i) => !fixedSeat.has(i) && !seat.includes(i));
    // Start: accessible guests on accessible seats, then units in consecutive seats.
    const needs = rest.filter((i) => guests[i]!.accessibility);
    for (const i of needs) {
      const s = t.accessible.find((a) => seat[a] === -1);
      if (s !== undefined) {
        seat[s] = i;
        free.splice(free.indexOf(s), 1);
      }
    }
    for (const i of rest) if (!needs.includes(i)) seat[free.shift()!] = i;
    const pairScore = seatPairScore(guests, prefer, req.weights);
    const score = (): number => {
      let total = 0;
      for (let s = 1; s <= S; s++) {
        const i = seat[s]!;
        if (i < 0) continue;
        const d = guests[i]!;
        if (d.accessibility && !t.accessible.includes(s)) total -= 1e6;
        if (stay > 0 && before(i) === s) total += stay;
        const around = neighbours(t, s).map((x) => seat[x]!);
        const p = d.interpreterFor !== undefined ? index.get(d.interpreterFor) : undefined;
        if (p !== undefined && list.includes(p) && !around.includes(p)) total -= 1e6;
        for (const x of neighbours(t, s)) if (x > s && seat[x]! >= 0) total += pairScore(i, seat[x]!);
      }
      return total;
    };
    let current = score();
    const movable = [...Array(S).keys()].map((k) => k + 1).filter((s) => !locked.has(s));
    const steps = 300 * S;
    for (let k = 0; k < steps && movable.length > 1; k++) {
      const a = movable[randomInt(random, movable.length)]!;
      const b = movable[randomInt(random, movable.length)]!;
      if (a === b || (seat[a]! < 0 && seat[b]! < 0)) continue;
      [seat[a], seat[b]] = [seat[b]!, seat[a]!];
      const next = score();
      if (next >= current) current = next;
      else [seat[a], seat[b]] = [seat[b]!, seat[a]!];
    }
    for (let s = 1; s <= S; s++) if (seat[s]! >= 0) seatOf.set(seat[s]!, { table: t.id, seat: s });
  }

  function defaultHost(list: Delegate[]): string | undefined {
    const country = event.config.country;
    return (list.find((d) => d.country === country) ?? list[0])?.id;
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The weight each `prefer` wish adds to its pair: + together, − apart. */
export function preferWeights(
  wishes: readonly Wish[],
  index: ReadonlyMap<string, number>,
  w: SeatingWeights,
): Map<number, number> {
  const prefer = new Map<number, number>();
  for (const x of wishes) {
    if (x.strength !== "prefer") continue;
    const key = pairKey(index.get(x.a)!, index.get(x.b)!);
    prefer.set(key, (prefer.get(key) ?? 0) + (x.kind === "together" ? w.prefer_together : -w.prefer_apart));
  }
  return prefer;
}

/**
 * Weight of seating two guests at the same table (interpreters count for nothing: they work).
 * Called for every pair of guests (4.5 million at 3,000 guests): what it compares is read from
 * each guest once, not per pair.
 */
export function pairWeights(
  guests: readonly Delegate[],
  prefer: ReadonlyMap<number, number>,
  w: SeatingWeights,
): (a: number, b: number) => number {
  const interpreter = guests.map((d) => d.category === "interpreter");
  // Each text as a small number (0: none), so that a comparison is one integer compare.
  const codes = (values: (string | undefined)[]) => {
    const seen = new Map<string, number>();
    return Int32Array.from(values, (v) => {
      if (!v) return 0;
      if (!seen.has(v)) seen.set(v, seen.size + 1);
      return seen.get(v)!;
    });
  };
  const country = codes(guests.map((d) => d.country));
  const delegation = codes(guests.map((d) => d.delegation));
  const organisation = codes(guests.map((d) => Object.values(d.organisation)[0]));
  const language = codes(guests.map((d) => d.language));
  const wished = new Uint8Array(guests.length);
  for (const key of prefer.keys()) {
    wished[Math.floor(key / 2 ** 32)] = 1;
    wished[key % 2 ** 32] = 1;
  }
  const preferOf = (a: number, b: number) => (wished[a] && wished[b] ? (prefer.get(pairKey(a, b)) ?? 0) : 0);
  return (a, b) => {
    if (interpreter[a] || interpreter[b]) return preferOf(a, b);
    let v = 0;
    if (country[a] !== country[b]) v += w.mix_country;
    if (delegation[a] && delegation[a] === delegation[b]) v -= w.same_delegation;
    const oa = organisation[a];
    if (oa && oa === organisation[b]) v -= w.same_organisation;
    if (language[a] === language[b]) v += w.shared_language;
    return v + preferOf(a, b);
  };
}

/** Weight of seating two guests side by side. */
function seatPairScore(
  guests: readonly Delegate[],
  prefer: ReadonlyMap<number, number>,
  w: SeatingWeights,
): (a: number, b: number) => number {
  return (a, b) => {
    const da = guests[a]!;
    const db = guests[b]!;
    let v = prefer.get(pairKey(a, b)) ?? 0;
    if (da.category !== "interpreter" && db.category !== "interpreter" && da.country !== db.country)
      v += w.alternate;
    return v;
  };
}

/** One number per unordered pair of guests (fewer than 2²¹ guests), for the maps of wishes. */
export const pairKey = (a: number, b: number) => (a < b ? a * 2 ** 32 + b : b * 2 ** 32 + a);
