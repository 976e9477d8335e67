import { readFile } from "node:fs/promises";
import path from "node:path";
import { decodeBytes } from "../../csv/decode.js";
import { parseCsv } from "../../csv/parse.js";
import type { Event } from "../../model/types.js";
import { sessionFolderName } from "../../output/file-names.js";

/**
 * The tables of an earlier `conclave seating` run (out/seating/<session>/assignment.csv of the
 * first seated session), so `conclave badges` or `conclave agenda` alone still print each
 * delegate's table. Undefined when there is no plan yet.
 */
export async function previousTables(outDir: string, event: Event): Promise<Map<string, string> | undefined> {
  const session = event.sessions.find((s) => s.seating === "assigned");
  return session ? (await previousAssignment(outDir, event, session.id))?.tables : undefined;
}

/**
 * Each delegate's table in the last plan of one seated session (delegate id → table id as
 * assignment.csv writes it: "head" or the printed number) and seat number (none for an
 * interpreter behind the head table), for badges and agendas and as the anchor of a re-solve. Delegates no longer in delegates.csv are left out. Undefined when there
 * is no readable plan: a re-solve then plans afresh.
 */
export async function previousAssignment(
  outDir: string,
  event: Event,
  sessionId: string,
): Promise<{ tables: Map<string, string>; seats: Map<string, number> } | undefined> {
  const bytes = await readFile(
    path.join(outDir, "seating", sessionFolderName(event, sessionId), "assignment.csv"),
  ).catch(() => undefined);
  if (!bytes) return undefined;
  const decoded = decodeBytes(new Uint8Array(bytes));
  if (!decoded.ok) return undefined;
  const [header, ...rows] = parseCsv(decoded.text, ",").records;
  const cols = header?.cells ?? [];
  const t = cols.indexOf("table");
  const d = cols.indexOf("delegate_id");
  const s = cols.indexOf("session");
  const seatColumn = cols.indexOf("seat");
  if (t < 0 || d < 0) return undefined;
  const out = new Map<string, string>();
  const seats = new Map<string, number>();
  for (const r of rows) {
    const id = (r.cells[d] ?? "").replace(/^'/, "");
    if (s >= 0 && (r.cells[s] ?? "").replace(/^'/, "") !== sessionId) continue;
    const table = (r.cells[t] ?? "").replace(/^'/, "").trim().toLowerCase();
    if (!event.delegateById.has(id) || !table) continue;
    out.set(id, table);
    const seat = Number((r.cells[seatColumn] ?? "").replace(/^'/, ""));
    if (seatColumn >= 0 && Number.isInteger(seat) && seat > 0) seats.set(id, seat);
  }
  return out.size > 0 ? { tables: out, seats } : undefined;
}
