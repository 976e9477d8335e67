import { realpathSync } from "node:fs";
import path from "node:path";
import { decodeBytes } from "../../csv/decode.js";
import { normalizeHeader, parseCsv } from "../../csv/parse.js";
import { writeCsv } from "../../csv/write.js";
import { type Diagnostic, diag } from "../../diagnostics.js";
import { DataInvalid, UserError } from "../../errors.js";
import { type Confinement, confine, readConfined } from "../../load/confine.js";
import { bundledMeasurer, fontSetsOfLanguages } from "../../load/fonts.js";
import { latinName } from "../../model/names.js";
import type { Event, Session } from "../../model/types.js";
import { sessionFolderName } from "../../output/file-names.js";
import type { Measurer } from "../../render/measure.js";
import { pdfTimestamp } from "../../render/typst.js";
import type { Language } from "../../schema/fields.js";
import {
  type KeptSeat,
  planSeating,
  type SeatingChanges,
  SeatingInfeasible,
  type SeatingResult,
} from "../../seating/banquet.js";
import { DEFAULT_WEIGHTS } from "../../seating/score.js";
import { pdfTitle, themeOf } from "../common.js";
import type { MaterialContext, MaterialResult } from "../context.js";
import { floorRoomsUnused } from "./floor.js";
import {
  A2_POSTER,
  A4_LIST,
  LIST_INDENT,
  type ListFormat,
  type PlaceCard,
  planFloor,
  planPlaceCards,
  planTableList,
} from "./plan.js";
import { previousAssignment } from "./previous.js";

export interface SeatingCliOptions {
  seed?: number;
  /** Work budget of the solver, times the default (`--effort`; default: seating.effort). */
  effort?: number;
  /** Safety cap in seconds per seated session (`--seconds`, or its old name `--time-limit`). */
  seconds?: number;
  timeLimit?: number;
  /** An edited assignment.csv whose seats are kept. */
  keep?: string;
  /**
   * `conclave seating` passes it (false by default, true with `--fresh`): the command re-solves
   * from the previous plan unless told not to. A `conclave build` passes none, and anchors only
   * with seating.stable: true, so that its outputs stay a function of the data alone.
   */
  fresh?: boolean;
}

/** The seat column of an interpreter behind the head table in assignment.csv. */
export const BEHIND = "behind";

/**
 * Reads an assignment.csv written by conclave (and maybe edited): the seats to keep. Read like
 * every other input (README "Safety"): inside `where` once links are resolved, a regular file,
 * size-limited, never a FIFO that would block the run.
 */
export function readKeep(file: string, session: string, where: Confinement): KeptSeat[] {
  const bytes = readConfined(where, file, "csv", `--keep: ${file}`);
  if (!bytes)
    throw new UserError(`--keep: ${file} does not exist`, "Pass the assignment.csv of a previous run.");
  const decoded = decodeBytes(bytes);
  if (!decoded.ok)
    throw new UserError(`--keep: ${file}:${decoded.line}:${decoded.column} ${decoded.message}`);
  const parsed = parseCsv(decoded.text, ",");
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0]!;
    throw new UserError(`--keep: ${file}:${e.line}:${e.column} ${e.message}`, e.hint);
  }
  const [header, ...rows] = parsed.records;
  const cols = (header?.cells ?? []).map((c) => normalizeHeader(c));
  const at = (name: string) => cols.indexOf(name);
  for (const need of ["session", "table", "seat", "delegate_id"])
    if (at(need) < 0)
      throw new UserError(
        `--keep: ${file} has no "${need}" column`,
        "Keep the header conclave wrote: session, table, seat, delegate_id, name.",
      );
  const out: KeptSeat[] = [];
  for (const r of rows) {
    const cell = (name: string) => (r.cells[at(name)] ?? "").replace(/^'/, "").trim();
    if (cell("session") !== session || !cell("delegate_id")) continue;
    // An interpreter behind the head table sits behind their principal, on no seat: they follow.
    if (cell("seat").toLowerCase() === BEHIND) continue;
    const seat = Number(cell("seat"));
    if (!Number.isInteger(seat) || seat < 1)
      throw new UserError(
        `--keep: ${file}:${r.line}:${at("seat") + 1} seat "${cell("seat")}" is not a seat number`,
        "Write a whole number of 1 or more.",
      );
    out.push({ delegate: cell("delegate_id"), table: cell("table").toLowerCase(), seat, line: r.line });
  }
  return out;
}

/**
 * `conclave seating`: plans every session with seating=assigned and writes, per session, the
 * floor plan, place cards, the "find your table" list, assignment.csv and report.json.
 */
export async function makeSeating(
  ctx: MaterialContext,
  options: SeatingCliOptions = {},
): Promise<MaterialResult & { tables: Map<string, string> }> {
  const started = performance.now();
  const { event, writer } = ctx;
  const { config } = event;
  const sessions = event.sessions.filter((s) => s.seating === "assigned");
  const weights = { ...DEFAULT_WEIGHTS, ...config.seating.weights };
  const seed = options.seed ?? config.seating.seed;
  const effort = options.effort ?? config.seating.effort;
  const limit = (options.seconds ?? options.timeLimit ?? config.seating.time_limit_seconds) * 1000;
  const timestamp = pdfTimestamp(config.start, process.env);
  const theme = themeOf(event, ctx.fontFamilies);
  const tables = new Map<string, string>();
  let files = 0;
  let pages = 0;
  let bytes = 0;
  const summaries: string[] = [];
  const results: SeatingResult[] = [];
  // --keep names a file of the event folder, an allowed place, or this run's output folder
  // (where conclave wrote the assignment.csv being edited).
  const base = ctx.confinement ?? confine(ctx.eventDir);
  const keepFrom = options.keep ? { ...base, allowed: [...base.allowed, realpathSync(writer.root)] } : base;
  // Names shrunk past their minimum, rooms that cannot be drawn: warnings, never silent.
  const printProblems: Diagnostic[] = floorRoomsUnused(event, sessions);
  for (const session of sessions) {
    const keep = options.keep ? readKeep(path.resolve(options.keep), session.id, keepFrom) : undefined;
    // The last plan of this session is a soft anchor (docs/seating.md "Re-solving after changes").
    const stable =
      options.fresh === undefined
        ? config.seating.stable === true
        : !options.fresh && config.seating.stable !== false;
    const previous = stable ? await previousAssignment(writer.root, event, session.id) : undefined;
    let result: SeatingResult;
    try {
      result = planSeating({
        event,
        session,
        weights,
        seed,
        effort,
        timeLimitMs: limit,
        now: () => performance.now(),
        ...(keep ? { keep, keepFile: options.keep! } : {}),
        ...(previous ? { previous: previous.tables, previousSeats: previous.seats } : {}),
        ...(config.seating.host ? { host: config.seating.host } : {}),
        // A build remembers its searches: the same guests, rules, seed and budget are not
        // searched again (src/seating/memo.ts).
        ...(ctx.outputs ? { memo: ctx.outputs.searches } : {}),
      });
    } catch (e) {
      if (!(e instanceof SeatingInfeasible)) throw e;
      throw new DataInvalid(
        e.conflicts.map((c) =>
          diag(
            "seating-infeasible",
            "error",
            { file: c.file, ...(c.line ? { line: c.line } : {}) },
            `${session.id}: ${c.message}`,
            "Relax one of the rules (strength prefer), add seats in venues.csv, or remove a row of seating.csv.",
          ),
        ),
        `the seating rules of ${session.id} cannot all hold`,
      );
    }
    results.push(result);
    if (tables.size === 0) {
      for (const s of result.seats) tables.set(s.delegate, s.table);
      for (const b of result.behind) tables.set(b.delegate, "head");
    }
    const dir = `seating/${sessionFolderName(event, session.id)}`;
    const write = async (file: string, data: Uint8Array | string) => {
      const entry = await writer.write(`${dir}/${file}`, data, "seating");
      files++;
      bytes += entry.size;
    };
    const measurer = bundledMeasurer(fontSetsOfLanguages(event.config.languages));
    const floor = planFloor(event, result, config.defaultLanguage, ctx.fontFamilies, measurer);
    printProblems.push(...floor.problems);
    const data = seatingData(event, session, theme);
    const [plan, cards, list, poster] = await Promise.all([
      ctx.render({ template: "seating-plan.typ", data: data.plan(floor.pages), timestamp }),
      ctx.render({
        template: "place-cards.typ",
        data: data.cards(planPlaceCards(event, result, measurer, printProblems)),
        timestamp,
      }),
      ctx.render({
        template: "table-list.typ",
        data: data.lists(result, A4_LIST, "list", measurer, printProblems),
        timestamp,
      }),
      ctx.render({
        template: "table-list.typ",
        data: data.lists(result, A2_POSTER, "poster", measurer, printProblems),
        timestamp,
      }),
    ]);
    await write("plan.pdf", plan.pdf);
    await write("place-cards.pdf", cards.pdf);
    await write("table-list.pdf", list.pdf);
    await write("table-poster.pdf", poster.pdf);
    pages += plan.pages + cards.pages + list.pages + poster.pages;
    await write(
      "assignment.csv",
      writeCsv(
        ["session", "table", "seat", "delegate_id", "name"],
        [
          ...result.seats.map((s) => [
            session.id,
            s.table,
            String(s.seat),
            s.delegate,
            latinName(event.delegateById.get(s.delegate)!),
          ]),
          // Interpreters behind the head table: their table for badges and agendas, no seat.
          ...result.behind.map((b) => [
            session.id,
            "head",
            BEHIND,
            b.delegate,
            latinName(event.delegateById.get(b.delegate)!),
          ]),
        ],
      ),
    );
    await write(
      "report.json",
      `${JSON.stringify({ session: session.id, ...searchReport(result, seed, effort, limit), ...result.report, ...(result.changes ? { changes: result.changes } : {}) }, null, 2)}\n`,
    );
    const broken = result.report.hard.filter((h) => !h.ok);
    const tableCount = result.tables.length;
    const c = result.changes;
    summaries.push(
      `${session.id}: ${result.seats.length + result.behind.length} guests at ${tableCount} tables, ${broken.length === 0 ? `all ${result.report.hard.length} hard rules hold` : `${broken.length} hard rule${broken.length === 1 ? "" : "s"} broken`}, score ${result.report.score}, ${result.report.problems.length} problem${result.report.problems.length === 1 ? "" : "s"} to look at${c ? `; ${c.kept} of ${c.previous} kept their table${c.reseated ? ` (${c.reseated} in another seat)` : ""}, ${c.moved.length} moved${options.fresh === false ? startNote[c.start] : ""}` : ""}`,
    );
  }
  if (sessions.length === 0) summaries.push("no session has seating=assigned: nothing to seat");
  // Every seated session was planned: the folders of sessions no longer seated go.
  writer.complete("seating", (p) => p.startsWith("seating/"));
  return {
    material: "seating",
    files,
    pages,
    bytes,
    seconds: (performance.now() - started) / 1000,
    summary: `${summaries.join("; ")} → ${path.join(writer.root, "seating")}`,
    lines: results.flatMap((r) => {
      const moves = (r.changes?.moved ?? []).map(
        (m) => `  ${r.session}: ${m.delegate}: ${m.from} → ${m.to} (${m.reason})`,
      );
      const shown = r.report.problems.slice(0, 10).map((p) => `  ${r.session}: ${p}`);
      const more = r.report.problems.length - shown.length;
      return [
        ...moves,
        ...(more > 0
          ? [...shown, `  …and ${more} more in seating/${sessionFolderName(event, r.session)}/report.json`]
          : shown),
      ];
    }),
    // A hard rule broken in the final plan is never silent: the build fails with it named. A plan
    // the time cap cut short is a warning: every rule holds, but another run may differ.
    problems: [
      ...once(printProblems),
      ...results.flatMap((r) => [
        ...(r.complete ? [] : [timeCapNotice(r, limit / 1000)]),
        ...r.report.hard
          .filter((h) => !h.ok)
          .map((h) =>
            diag(
              "seating-infeasible",
              "error",
              { file: `seating/${sessionFolderName(event, r.session)}/report.json` },
              `${r.session}: ${h.rule}: ${h.violations.slice(0, 3).join("; ")}`,
              "See report.json; relax a rule or add seats and run again.",
            ),
          ),
      ]),
    ],
    tables,
  };
}

/**
 * What the seating templates of one session receive: the floor plan's, the place cards' and the
 * table lists' data. `conclave build` and `conclave reprint` (the cards and list of the tables
 * that changed) both set them from here, so a reprinted card is the card the build printed.
 */
export function seatingData(event: Event, session: Session, theme: ReturnType<typeof themeOf>) {
  const { config } = event;
  const lang = config.defaultLanguage;
  const sessionTitle = (l: Language) => session.title[l] ?? session.title[lang] ?? session.id;
  const title = (kind: Parameters<typeof pdfTitle>[2]) => pdfTitle(event, lang, kind, sessionTitle(lang));
  return {
    plan: (pages: unknown) => ({ theme, lang, pdf_title: title("plan"), pages }),
    cards: (cards: PlaceCard[]) => ({ theme, lang, pdf_title: title("cards"), cards }),
    lists: (
      result: Pick<SeatingResult, "seats">,
      format: ListFormat,
      kind: "list" | "poster",
      measurer: Measurer,
      problems: Diagnostic[],
    ) => ({
      theme,
      lang,
      pdf_title: title(kind),
      format: { ...format.page, indent: LIST_INDENT },
      lists: config.languages.map((l) => ({
        ...planTableList(event, result, l, measurer, format, problems),
        session: sessionTitle(l),
      })),
    }),
  };
}

/**
 * What `conclave seating`'s summary adds about where a re-solve started, so that a run that kept
 * everyone is not read as a search that found nothing better, nor a fresh plan as a re-solve.
 */
const startNote: Record<SeatingChanges["start"], string> = {
  "last plan": " (re-solved from the last plan: --fresh plans anew)",
  "tables changed":
    " (planned afresh: the last plan's guests cannot all sit at their tables again with every rule holding)",
  "move costs nothing": " (planned afresh: seating.weights.move is 0, so nobody is kept at their table)",
};

/**
 * How the table search ended, for report.json. Only counted work, never times: two runs that
 * reach the same plan write the same bytes. `reproducible: false` when the time cap cut it short.
 */
function searchReport(r: SeatingResult, seed: number, effort: number, limitMs: number) {
  return {
    seed,
    effort,
    timeLimitSeconds: limitMs / 1000,
    iterations: r.iterations,
    work: r.work,
    stoppedBy: r.complete ? "work budget" : "time limit",
    reproducible: r.complete,
  };
}

/**
 * Each overflow once per delegate, material and field, though the list is set in three languages
 * and the place card on two sides: "KR-008: table list: …" says all a planner needs.
 */
function once(problems: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}|${p.file}|${p.line}|${p.field}|${p.message.split(": ").slice(0, 2).join(": ")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The visible notice that a plan depends on the machine's speed (exit code stays 0). */
function timeCapNotice(r: SeatingResult, seconds: number) {
  return diag(
    "seating-time-limit",
    "warning",
    { file: `seating/${r.session}/report.json` },
    `${r.session}: the time limit of ${seconds} s stopped the seating search before its work budget (after ${r.iterations} iterations): this plan is not reproducible, another run may seat guests differently`,
    "Raise --seconds (seating.time_limit_seconds) so the work budget binds first, or lower seating.effort (--effort).",
  );
}
