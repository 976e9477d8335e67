/**
 * The head table by protocol (docs/seating.md "Precedence and the head table"). Two customs:
 *
 * - long: one row facing the room, seats numbered 1…N from the room's left. The host sits at seat
 *   ⌊N/2⌋+1, the guest of honour on the host's right (the seat to the room's left of the host, so
 *   with an even N the two of them share the centre), then guests by precedence alternately on the
 *   host's left and right, moving outwards.
 * - round: a round top table, seats numbered clockwise from the top. The host sits at seat 1, at
 *   the top, facing the door (the foot of the plan); the co-host opposite; the guest of honour on
 *   the host's right, the second guest on the co-host's right, the third on the host's left, the
 *   fourth on the co-host's left, and so on outwards from the two of them.
 *
 * In both, the order of precedence gives way only so that no three guests of one country sit in a
 * row where another country's guest can take the seat: the highest-ranking guest who breaks the
 * run takes it, and the one passed over takes the next seat.
 */

export interface HeadTableInput {
  seats: number;
  custom: "long" | "round";
  /** Guests by index: the host, the co-host (round only), the others in precedence order. */
  host: number | undefined;
  coHost?: number | undefined;
  principals: readonly number[];
  /** Interpreters to seat beside each guest (none when interpreters sit behind). */
  interpreters: ReadonlyMap<number, readonly number[]>;
  country: (i: number) => string;
  /** Seats already taken (fixed in seating.csv): never given to anyone else. */
  taken: ReadonlySet<number>;
}

/** Seat of every guest placed (interpreters included); a guest who does not fit is left out. */
export function arrangeHeadTable(input: HeadTableInput): Map<number, number> {
  return input.custom === "round" ? arrangeRoundTop(input) : arrangeLong(input);
}

/** Whether `a, b, c` are three guests of one country (undefined: an empty seat or an interpreter). */
const sameThree = (a: string | undefined, b: string | undefined, c: string | undefined) =>
  a !== undefined && a === b && b === c;

/**
 * The guest to seat next: the first in precedence order, unless they would make a third of their
 * country in a row (`breaks` says so) and another country's guest would not.
 */
function pickNext(rest: number[], breaks: (i: number) => boolean, country: (i: number) => string): number {
  const first = rest[0]!;
  if (!breaks(first)) return first;
  return rest.find((i) => country(i) !== country(first) && !breaks(i)) ?? first;
}

function arrangeLong(p: HeadTableInput): Map<number, number> {
  const { seats: N, taken, country } = p;
  const seatOf = new Map<number, number>();
  const centre = Math.floor(N / 2) + 1;
  const right = [...Array(centre - 1).keys()].map((k) => centre - 1 - k).filter((s) => !taken.has(s));
  const left = [...Array(N - centre).keys()].map((k) => centre + 1 + k).filter((s) => !taken.has(s));
  // Principals seated on each side, from the host outwards: what "in a row" is checked against.
  const onRight: number[] = [];
  const onLeft: number[] = [];
  const interpretersOf = (i: number) => (p.interpreters.get(i) ?? []).filter((x) => !seatOf.has(x));
  let hostCountry: string | undefined;
  if (p.host !== undefined) {
    const s = taken.has(centre) ? (left.shift() ?? right.shift()) : centre;
    if (s !== undefined) {
      seatOf.set(p.host, s);
      hostCountry = country(p.host);
      // The host's interpreter on the host's left: the right is the guest of honour's.
      for (const x of interpretersOf(p.host)) {
        const t = left.shift() ?? right.shift();
        if (t !== undefined) seatOf.set(x, t);
      }
    }
  }
  const rest = p.principals.filter((i) => i !== p.host);
  for (let k = 0; rest.length > 0 && right.length + left.length > 0; k++) {
    let side = k % 2 === 0 ? "right" : "left";
    if ((side === "right" ? right : left).length === 0) side = side === "right" ? "left" : "right";
    const mine = side === "right" ? onRight : onLeft;
    const other = side === "right" ? onLeft : onRight;
    const inward = [...mine].reverse().map(country);
    const chain = [...inward, ...(hostCountry !== undefined ? [hostCountry] : []), ...other.map(country)];
    const i = pickNext(rest, (c) => sameThree(country(c), chain[0], chain[1]), country);
    rest.splice(rest.indexOf(i), 1);
    const unit = [i, ...interpretersOf(i)];
    // A guest with an interpreter needs adjacent seats: the other side when this one is too short.
    let row = side === "right" ? right : left;
    const otherRow = side === "right" ? left : right;
    if (row.length < unit.length && otherRow.length >= unit.length) {
      row = otherRow;
      (side === "right" ? onLeft : onRight).push(i);
    } else mine.push(i);
    for (const x of unit) {
      const s = row.shift() ?? otherRow.shift();
      if (s !== undefined) seatOf.set(x, s);
    }
  }
  return seatOf;
}

/**
 * Seats of a round top table in order of honour after the host (seat 1) and the co-host (seat c,
 * opposite): host's right, co-host's right, host's left, co-host's left, then one seat further
 * out from each, until the four runs meet.
 */
export function roundTopOrder(N: number): number[] {
  const c = 1 + Math.floor(N / 2);
  const used = new Set([1, c]);
  const order: number[] = [];
  // The east arc (seats 2…c−1) is the host's left and the co-host's right; the west arc (c+1…N)
  // the co-host's left and the host's right.
  const runs = [
    { at: N, step: -1 }, // host's right
    { at: c - 1, step: -1 }, // co-host's right
    { at: 2, step: 1 }, // host's left
    { at: c + 1, step: 1 }, // co-host's left
  ];
  const target = N - used.size;
  while (order.length < target) {
    let moved = false;
    for (const r of runs) {
      if (r.at < 1 || r.at > N || used.has(r.at)) continue;
      order.push(r.at);
      used.add(r.at);
      r.at += r.step;
      moved = true;
    }
    if (!moved) break;
  }
  return N >= 2 ? order : [];
}

function arrangeRoundTop(p: HeadTableInput): Map<number, number> {
  const { seats: N, taken, country } = p;
  const seatOf = new Map<number, number>();
  const at: (number | undefined)[] = new Array(N + 1).fill(undefined);
  const principal = new Set<number>();
  const c = 1 + Math.floor(N / 2);
  const honour = [1, ...(N >= 2 ? [c] : []), ...roundTopOrder(N)];
  const free = (s: number) => !taken.has(s) && at[s] === undefined;
  const around = (s: number, d: number) => ((s - 1 + d + N) % N) + 1;
  const put = (i: number, s: number) => {
    seatOf.set(i, s);
    at[s] = i;
  };
  const interpretersOf = (i: number) => (p.interpreters.get(i) ?? []).filter((x) => !seatOf.has(x));
  // The interpreter beside: the free neighbour that comes later in the order of honour.
  const seatInterpreters = (i: number, s: number) => {
    for (const x of interpretersOf(i)) {
      const next = [around(s, 1), around(s, -1)]
        .filter(free)
        .sort((a, b) => honour.indexOf(b) - honour.indexOf(a))[0];
      const t = next ?? honour.find(free);
      if (t !== undefined) put(x, t);
    }
  };
  const fits = (i: number, s: number) =>
    interpretersOf(i).length === 0 || [around(s, 1), around(s, -1)].filter(free).length > 0;
  // The two principals on each side of a seat, skipping interpreters, stopping at an empty seat.
  const nearest = (s: number, d: number): (string | undefined)[] => {
    const out: (string | undefined)[] = [];
    let t = s;
    for (let k = 0; k < N && out.length < 2; k++) {
      t = around(t, d);
      if (t === s) break;
      const who = at[t];
      if (who === undefined) break;
      if (principal.has(who)) out.push(country(who));
    }
    return out;
  };
  const breaks = (i: number, s: number) => {
    const [a1, a2] = nearest(s, -1);
    const [b1, b2] = nearest(s, 1);
    const me = country(i);
    return sameThree(a2, a1, me) || sameThree(a1, me, b1) || sameThree(me, b1, b2);
  };
  const rest = p.principals.filter((i) => i !== p.host && i !== p.coHost);
  const seatFirst = (i: number | undefined, want: number) => {
    if (i === undefined) return;
    const s = free(want) ? want : honour.find(free);
    if (s === undefined) return;
    put(i, s);
    principal.add(i);
    seatInterpreters(i, s);
  };
  seatFirst(p.host, 1);
  seatFirst(p.coHost, c);
  while (rest.length > 0) {
    const candidates = honour.filter(free);
    if (candidates.length === 0) break;
    const s = candidates[0]!;
    const i = pickNext(rest, (x) => breaks(x, s), country);
    // A guest with an interpreter takes the first seat of honour with a free neighbour.
    const seat = fits(i, s) ? s : (candidates.find((t) => fits(i, t)) ?? s);
    rest.splice(rest.indexOf(i), 1);
    put(i, seat);
    principal.add(i);
    seatInterpreters(i, seat);
  }
  return seatOf;
}
