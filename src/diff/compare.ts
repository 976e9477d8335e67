import { latinName } from "../model/names.js";
import type { Delegate, Event } from "../model/types.js";
import { delegatesSpec } from "../schema/delegates.js";
import { columnSuffix, LANGUAGES } from "../schema/fields.js";
import { sessionsSpec } from "../schema/sessions.js";
import type { TableSpec } from "../schema/table.js";
import { venuesSpec } from "../schema/venues.js";
import type { EventTables } from "../validate/tables.js";
import {
  DELEGATE_FIELD_OUTPUTS,
  hasOutput,
  inOrder,
  type Output,
  printsField,
  SESSION_FIELD_OUTPUTS,
  settingOutputs,
  VENUE_FIELD_OUTPUTS,
} from "./materials.js";
import { type SeatMove, seatMoveOutputs } from "./seating.js";

/** One side of a comparison: validated rows and the event built from them. */
export interface DiffSide {
  tables: EventTables;
  event: Event;
}

/** A changed column. Personal columns (email, phone, passport, birth…) carry no values, ever. */
export interface FieldChange {
  field: string;
  personal: boolean;
  from?: string;
  to?: string;
}

export type ChangeKind =
  | "delegate-added"
  | "delegate-removed"
  | "delegate-changed"
  | "session-added"
  | "session-removed"
  | "session-changed"
  | "venue-added"
  | "venue-removed"
  | "venue-changed"
  | "wishes-changed"
  | "seat-moved"
  | "setting-changed";

export interface Change {
  kind: ChangeKind;
  /** Delegate, session or room id; the key path of a setting; the session of a seat. */
  id: string;
  /** What a reader recognises: the delegate's Latin name, the session's title, the room. */
  label: string;
  fields?: FieldChange[];
  /** session-changed: whether it moved in time and/or room. */
  moved?: ("time" | "room")[];
  /** seat-moved: the delegate and the tables. */
  seat?: SeatMove;
  /** The outputs to print again (or take out of the boxes). */
  materials: Output[];
  /** The row of the newer side (the older for a removal), for annotations on a pull request. */
  where?: { file: string; line: number };
}

export interface DiffResult {
  changes: Change[];
  /** Output → how many changes touch it. */
  materials: Partial<Record<Output, number>>;
}

type Row = {
  id: string;
  loc: { file: string; line: number };
  translations: Record<string, Partial<Record<string, string>>>;
} & Record<string, unknown>;

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** A cell as the data gave it (after parsing): arrays joined by ;, minutes as HH:MM. */
function cellOf(spec: TableSpec, row: Row, column: string): string | undefined {
  if (spec === sessionsSpec && column === "speakers") {
    const roles = (row.speakerRoles ?? {}) as Record<string, string>;
    const list = (row.speakers ?? []) as string[];
    return list.length ? list.map((id) => (roles[id] ? `${id}:${roles[id]}` : id)).join(";") : undefined;
  }
  const v = row[camel(column)];
  if (v === undefined || v === null || v === "") return undefined;
  if (Array.isArray(v)) return v.length ? v.join(";") : undefined;
  if (spec === sessionsSpec && (column === "start" || column === "end") && typeof v === "number")
    return hhmm(v);
  return String(v);
}

/** Every column of a row that differs between the two sides, translations as `<column>_<lang>`. */
export function changedFields(spec: TableSpec, a: Row, b: Row): FieldChange[] {
  const out: FieldChange[] = [];
  const add = (field: string, personal: boolean, from: string | undefined, to: string | undefined) => {
    if (from === to) return;
    out.push(
      personal
        ? { field, personal }
        : { field, personal, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) },
    );
  };
  for (const col of spec.columns) {
    if (col.name === "id") continue;
    const personal = col.personal === true;
    add(col.name, personal, cellOf(spec, a, col.name), cellOf(spec, b, col.name));
    if (col.translatable)
      for (const lang of LANGUAGES)
        add(
          `${col.name}_${columnSuffix(lang)}`,
          personal,
          a.translations[col.name]?.[lang],
          b.translations[col.name]?.[lang],
        );
  }
  return out;
}

/** The column a field name belongs to: `position_ko` → position. */
const SUFFIXES = new Set(LANGUAGES.map(columnSuffix));
const baseColumn = (field: string) => {
  const at = field.lastIndexOf("_");
  return at > 0 && SUFFIXES.has(field.slice(at + 1)) ? field.slice(0, at) : field;
};

const whereOf = (r: Row) => ({ where: { file: r.loc.file, line: r.loc.line } });

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

/** The outputs of a delegate that `fields` touch, on the side(s) where the delegate has them. */
function delegateOutputs(
  fields: readonly string[],
  a: Delegate | undefined,
  b: Delegate | undefined,
  from: Event,
  to: Event,
): Output[] {
  const wanted = new Set<Output>();
  for (const f of fields) {
    const column = baseColumn(f);
    for (const o of DELEGATE_FIELD_OUTPUTS[column] ?? [])
      if ((a && printsField(column, o, a, from)) || (b && printsField(column, o, b, to))) wanted.add(o);
  }
  return inOrder(wanted);
}

/** Every output a delegate has copies of: what an added delegate needs, what a removed one leaves behind. */
function allOutputs(d: Delegate, event: Event): Output[] {
  return inOrder(
    Object.values(DELEGATE_FIELD_OUTPUTS)
      .flat()
      .filter((o) => hasOutput(o, d, event)),
  );
}

/** Outputs made only for a seated session (its plan, cards and lists, the tables printed elsewhere). */
const SEATED_ONLY = new Set<Output>(["seating plan", "place card", "table list", "protocol list"]);

const sessionOutputs = (fields: readonly string[], seated: boolean) =>
  inOrder(
    fields
      .flatMap((f) => SESSION_FIELD_OUTPUTS[baseColumn(f)] ?? [])
      .filter((o) => seated || !SEATED_ONLY.has(o)),
  );

/** Key paths whose values differ: "badge.colours.vip", "seating.weights". Arrays compare whole. */
export function changedSettings(a: unknown, b: unknown, prefix = ""): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedSettings(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix];
}

/** The defaults conclave fills in are the same on both sides; a key derived from others is not a setting. */
const DERIVED_SETTINGS = new Set(["defaultLanguage"]);

/**
 * What changed from one validated event to another, by id, and which outputs each change
 * touches. Pure: `moves` are the seat changes already read (see seating.ts), in any order.
 * Changes come out in a stable order: settings, rooms, sessions, delegates (each by id), seats.
 */
export function compareEvents(from: DiffSide, to: DiffSide, moves: readonly SeatMove[] = []): DiffResult {
  const changes: Change[] = [];
  const fe = from.event;
  const te = to.event;
  // The check-in files exist for signed badge codes only (on either side: a change to or from
  // signed codes makes or removes them); delegates' changes ask hasOutput, per side.
  const signed = fe.config.badge.qr === "signed" || te.config.badge.qr === "signed";
  const made = (outputs: Output[]) => (signed ? outputs : outputs.filter((o) => o !== "check-in list"));

  const fc = stripDerived(from.tables.config);
  const tc = stripDerived(to.tables.config);
  for (const path of changedSettings(fc, tc)) {
    const field: FieldChange = { field: path, personal: false };
    const [a, b] = [valueAt(fc, path), valueAt(tc, path)];
    if (a !== undefined) field.from = a;
    if (b !== undefined) field.to = b;
    changes.push({
      kind: "setting-changed",
      id: path,
      label: path,
      fields: [field],
      materials: made(inOrder(settingOutputs(path))),
    });
  }

  // Rooms.
  const fv = byId(from.tables.venues as unknown as Row[]);
  const tv = byId(to.tables.venues as unknown as Row[]);
  for (const id of sortedIds(fv, tv)) {
    const a = fv.get(id);
    const b = tv.get(id);
    const room = (b ?? a)!.room as string;
    if (!a || !b) {
      // A room no session uses prints nowhere; one in use is caught by the sessions that moved.
      changes.push({
        kind: a ? "venue-removed" : "venue-added",
        id,
        label: room,
        materials: [],
        ...whereOf((b ?? a)!),
      });
      continue;
    }
    const fields = changedFields(venuesSpec, a, b);
    if (fields.length === 0) continue;
    const used = te.sessions.filter((s) => s.room.id === id);
    const seated = used.some((s) => s.seating === "assigned");
    const materials = used.length
      ? made(
          inOrder(
            fields
              .flatMap((f) => VENUE_FIELD_OUTPUTS[baseColumn(f.field)] ?? [])
              .filter((o) => seated || !["seating plan", "place card", "table list"].includes(o)),
          ),
        )
      : [];
    changes.push({ kind: "venue-changed", id, label: room, fields, materials, ...whereOf(b) });
  }

  // Sessions.
  const fs = byId(from.tables.sessions as unknown as Row[]);
  const ts = byId(to.tables.sessions as unknown as Row[]);
  for (const id of sortedIds(fs, ts)) {
    const a = fs.get(id);
    const b = ts.get(id);
    const label = ((b ?? a)!.title as string) || id;
    if (!a || !b) {
      const seated = (b ?? a)!.seating === "assigned";
      changes.push({
        kind: a ? "session-removed" : "session-added",
        id,
        label,
        materials: made(sessionOutputs(Object.keys(SESSION_FIELD_OUTPUTS), seated)),
        ...whereOf((b ?? a)!),
      });
      continue;
    }
    const fields = changedFields(sessionsSpec, a, b);
    if (fields.length === 0) continue;
    const names = fields.map((f) => f.field);
    const moved: ("time" | "room")[] = [];
    if (names.some((n) => n === "date" || n === "start" || n === "end")) moved.push("time");
    if (names.includes("room")) moved.push("room");
    const seated = a.seating === "assigned" || b.seating === "assigned";
    changes.push({
      kind: "session-changed",
      id,
      label,
      fields,
      ...(moved.length ? { moved } : {}),
      materials: made(sessionOutputs(names, seated)),
      ...whereOf(b),
    });
  }

  // Delegates.
  const fd = byId(from.tables.delegates as unknown as Row[]);
  const td = byId(to.tables.delegates as unknown as Row[]);
  for (const id of sortedIds(fd, td)) {
    const a = fd.get(id);
    const b = td.get(id);
    const label = latinName((te.delegateById.get(id) ?? fe.delegateById.get(id))!);
    if (!a) {
      changes.push({
        kind: "delegate-added",
        id,
        label,
        materials: allOutputs(te.delegateById.get(id)!, te),
        ...whereOf(b!),
      });
      continue;
    }
    if (!b) {
      changes.push({
        kind: "delegate-removed",
        id,
        label,
        materials: allOutputs(fe.delegateById.get(id)!, fe),
        ...whereOf(a),
      });
      continue;
    }
    const fields = changedFields(delegatesSpec, a, b);
    if (fields.length === 0) continue;
    const materials = delegateOutputs(
      fields.map((f) => f.field),
      fe.delegateById.get(id),
      te.delegateById.get(id),
      fe,
      te,
    );
    changes.push({ kind: "delegate-changed", id, label, fields, materials, ...whereOf(b) });
  }

  // seating.csv: wishes are not printed, but they decide the plan.
  const wish = (w: { kind: string; a: string; b: string; strength?: string; session?: string }) =>
    [w.kind, w.a, w.b, w.strength ?? "", w.session ?? ""].join("\t");
  const fw = new Set(from.tables.seating.map(wish));
  const tw = new Set(to.tables.seating.map(wish));
  const added = [...tw].filter((w) => !fw.has(w)).length;
  const removed = [...fw].filter((w) => !tw.has(w)).length;
  if (added + removed > 0) {
    const seated = te.sessions.some((s) => s.seating === "assigned");
    changes.push({
      kind: "wishes-changed",
      id: to.tables.config.files.seating,
      label: `${added} wish${added === 1 ? "" : "es"} added, ${removed} removed`,
      fields: [
        ...(added ? [{ field: "added", personal: false, to: String(added) }] : []),
        ...(removed ? [{ field: "removed", personal: false, to: String(removed) }] : []),
      ],
      materials: seated ? inOrder(["seating plan", "place card", "table list"]) : [],
    });
  }

  for (const m of [...moves].sort(
    (x, y) => x.session.localeCompare(y.session) || x.delegate.localeCompare(y.delegate),
  ))
    changes.push({
      kind: "seat-moved",
      id: m.delegate,
      label: m.name,
      seat: m,
      materials: seatMoveOutputs(m, te),
    });

  const materials: Partial<Record<Output, number>> = {};
  for (const c of changes) for (const o of c.materials) materials[o] = (materials[o] ?? 0) + 1;
  return { changes, materials };
}

function sortedIds(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** A setting's value as text ("a7-8up", "[4,13]"), undefined when unset. */
function valueAt(config: Record<string, unknown>, path: string): string | undefined {
  let v: unknown = config;
  for (const k of path.split("."))
    v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  if (v === undefined) return undefined;
  return typeof v === "string" ? v : JSON.stringify(v);
}

function stripDerived(config: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([k]) => !DERIVED_SETTINGS.has(k)));
}
