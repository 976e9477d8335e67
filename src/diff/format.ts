import type { ChalkInstance } from "chalk";
import { safeLine } from "../cli/report/safe-text.js";
import type { Change, ChangeKind, DiffResult, FieldChange } from "./compare.js";
import { OUTPUTS, type Output } from "./materials.js";

/** What was compared with what, as the report names it. */
export interface DiffSides {
  from: { kind: "last-build" | "folder" | "git"; label: string };
  to: { kind: "folder"; label: string };
}

/** The JSON report (schema: docs/diff.schema.json). */
export interface DiffReport extends DiffSides {
  format: "conclave-diff";
  version: 1;
  changed: boolean;
  /** Things the reader should know about the comparison itself (a partial last build). */
  notes: string[];
  summary: Partial<Record<ChangeKind, number>>;
  /** Output → how many changes touch it. */
  materials: Partial<Record<Output, number>>;
  changes: Change[];
}

/** Every user text in a report, cleaned of control and bidi characters (as diagnostics are). */
function clean(c: Change): Change {
  const fields = c.fields?.map((f) => ({
    ...f,
    field: safeLine(f.field),
    ...(f.from !== undefined ? { from: safeLine(f.from) } : {}),
    ...(f.to !== undefined ? { to: safeLine(f.to) } : {}),
  }));
  return {
    ...c,
    id: safeLine(c.id),
    label: safeLine(c.label),
    ...(fields ? { fields } : {}),
    ...(c.seat
      ? {
          seat: {
            ...c.seat,
            name: safeLine(c.seat.name),
            ...(c.seat.from !== undefined ? { from: safeLine(c.seat.from) } : {}),
            ...(c.seat.to !== undefined ? { to: safeLine(c.seat.to) } : {}),
          },
        }
      : {}),
  };
}

export function diffReport(result: DiffResult, sides: DiffSides, notes: string[] = []): DiffReport {
  const summary: Partial<Record<ChangeKind, number>> = {};
  for (const c of result.changes) summary[c.kind] = (summary[c.kind] ?? 0) + 1;
  const materials: Partial<Record<Output, number>> = {};
  for (const o of OUTPUTS) if (result.materials[o]) materials[o] = result.materials[o];
  return {
    format: "conclave-diff",
    version: 1,
    ...sides,
    changed: result.changes.length > 0,
    notes,
    summary,
    materials,
    changes: result.changes.map(clean),
  };
}

export const formatDiffJson = (r: DiffReport) => JSON.stringify(r, null, 2);

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/** `family_name changed (was "Kim", now "Kym")`; a personal column only `phone changed`. */
function fieldText(f: FieldChange): string {
  if (f.personal) return `${f.field} changed`;
  if (f.from === undefined) return `${f.field} set to "${short(f.to ?? "")}"`;
  if (f.to === undefined) return `${f.field} emptied (was "${short(f.from)}")`;
  return `${f.field} changed (was "${short(f.from)}", now "${short(f.to)}")`;
}

/** The words of one change, without its materials: "KR-014 Kim Min-jun: family_name changed (…)". */
export function changeText(c: Change): string {
  const who = c.label && c.label !== c.id ? `${c.id} ${c.label}` : c.id;
  switch (c.kind) {
    case "delegate-added":
      return `${who}: added`;
    case "delegate-removed":
      return `${who}: removed (take the old copies out)`;
    case "session-added":
    case "venue-added":
      return `${who}: added`;
    case "session-removed":
    case "venue-removed":
      return `${who}: removed`;
    case "session-changed": {
      const words: string[] = [];
      if (c.moved?.includes("time")) words.push("moved in time");
      if (c.moved?.includes("room")) words.push("moved to another room");
      if (c.fields?.some((f) => f.field === "speakers")) words.push("speakers changed");
      const lead = words.length ? `${words.join(", ")}: ` : "";
      return `${who}: ${lead}${(c.fields ?? []).map(fieldText).join("; ")}`;
    }
    case "wishes-changed":
      return `${c.id}: ${c.label}`;
    case "seat-moved": {
      const s = c.seat!;
      const move =
        s.from === undefined
          ? `newly seated at table ${s.to}`
          : s.to === undefined
            ? `no longer seated (was at table ${s.from})`
            : `moved from table ${s.from} to table ${s.to}`;
      return `${s.session}: ${who} ${move}`;
    }
    case "setting-changed":
      return `event.yaml ${c.fields?.[0] ? fieldText(c.fields[0]) : `${c.id} changed`}`;
    default:
      return `${who}: ${(c.fields ?? []).map(fieldText).join("; ")}`;
  }
}

const materialsText = (c: Change) => (c.materials.length ? c.materials.join(", ") : "no printed material");

const GROUPS: [string, ChangeKind[]][] = [
  ["event.yaml", ["setting-changed"]],
  ["rooms", ["venue-added", "venue-removed", "venue-changed"]],
  ["sessions", ["session-added", "session-removed", "session-changed"]],
  ["delegates", ["delegate-added", "delegate-removed", "delegate-changed"]],
  ["seating", ["wishes-changed", "seat-moved"]],
];

const sideText = (s: DiffReport["from"] | DiffReport["to"]) =>
  s.kind === "last-build" ? `the last build (${s.label})` : s.kind === "git" ? `git ${s.label}` : s.label;

const materialsLine = (r: DiffReport) =>
  Object.entries(r.materials)
    .map(([o, n]) => `${o} (${n})`)
    .join(", ");

/**
 * For a person at a terminal:
 *
 *   Compared the last build (out) with fixtures/cicon-2023: 2 changes
 *   delegates
 *     ~ KR-014 Moon Seung-min: family_name changed (was "Moon", now "Mun") → badge, programme, …
 *     ~ KR-003 Park Ji-ho: phone changed → no printed material
 *   To print again: badge (1), programme (1), …
 */
export function formatDiffPretty(r: DiffReport, color: ChalkInstance): string {
  const lines = [
    `Compared ${safeLine(sideText(r.from))} with ${safeLine(sideText(r.to))}: ${
      r.changed ? `${r.changes.length} change${r.changes.length === 1 ? "" : "s"}` : "no changes"
    }`,
  ];
  for (const n of r.notes) lines.push(color.yellow(`note: ${n}`));
  const mark = (k: ChangeKind) =>
    k.endsWith("added") ? color.green("+") : k.endsWith("removed") ? color.red("-") : color.cyan("~");
  for (const [title, kinds] of GROUPS) {
    const list = r.changes.filter((c) => kinds.includes(c.kind));
    if (list.length === 0) continue;
    lines.push(color.bold(title));
    for (const c of list)
      lines.push(`  ${mark(c.kind)} ${changeText(c)} ${color.dim("→")} ${materialsText(c)}`);
  }
  if (r.changed) lines.push(`To print again: ${materialsLine(r) || "nothing (no change is printed)"}`);
  return lines.join("\n");
}

/** Markdown escapes for text in a pull-request comment: nothing in the data becomes markup. */
const md = (s: string) => s.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);

/** A pull-request comment: a heading, one list per kind of change, and what to print again. */
export function formatDiffMarkdown(r: DiffReport): string {
  const lines = [
    "### conclave diff",
    "",
    `${md(sideText(r.from))} → ${md(sideText(r.to))}: **${
      r.changed ? `${r.changes.length} change${r.changes.length === 1 ? "" : "s"}` : "no changes"
    }**`,
  ];
  for (const n of r.notes) lines.push("", `> ${md(n)}`);
  for (const [title, kinds] of GROUPS) {
    const list = r.changes.filter((c) => kinds.includes(c.kind));
    if (list.length === 0) continue;
    lines.push("", `#### ${title[0]!.toUpperCase()}${title.slice(1)}`, "");
    for (const c of list) lines.push(`- ${md(changeText(c))} → ${md(materialsText(c))}`);
  }
  if (r.changed) {
    lines.push("", "#### To print again", "", "| material | changes |", "| --- | ---: |");
    for (const [o, n] of Object.entries(r.materials)) lines.push(`| ${md(o)} | ${n} |`);
  }
  return lines.join("\n");
}

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/**
 * GitHub Actions workflow commands: one notice per change, on the line of the row that changed
 * when the file is in the repository (`pathOf`, as `validate --format github` does), then a summary.
 *
 *   ::notice file=events/cicon/delegates.csv,line=15,title=delegate-changed::KR-014 Moon Seung-min: family_name changed … → badge, …
 */
export function formatDiffGithub(r: DiffReport, pathOf: (file: string) => string | undefined): string {
  const lines = r.changes.map((c) => {
    const props: string[] = [];
    // A removed row's line is in the older file, not in the one the pull request shows.
    const known = c.where && !c.kind.endsWith("removed") ? pathOf(c.where.file) : undefined;
    if (known !== undefined && c.where) props.push(`file=${escapeProperty(known)}`, `line=${c.where.line}`);
    props.push(`title=${escapeProperty(c.kind)}`);
    return `::notice ${props.join(",")}::${escapeData(`${changeText(c)} → ${materialsText(c)}`)}`;
  });
  for (const n of r.notes) lines.push(`::warning title=conclave diff::${escapeData(n)}`);
  lines.push(
    r.changed
      ? `${r.changes.length} change${r.changes.length === 1 ? "" : "s"}; to print again: ${materialsLine(r) || "nothing"}`
      : "no changes",
  );
  return lines.join("\n");
}
