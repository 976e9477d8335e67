import { type Diagnostic, diagAt, type Location } from "../diagnostics.js";
import { idIndexBuilder } from "../util/ids.js";
import type { EventTables } from "./tables.js";

/** Duplicate ids in each file (after NFC and trimming, which reading already did), duplicate emails. */
export function checkIds(t: EventTables): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rows of [t.delegates, t.venues, t.sessions] as { id: string; loc: Location }[][]) {
    const seen = new Map<string, Location>();
    // The cross-file rules' set of ids, built in this pass over the rows (src/util/ids.ts).
    const index = idIndexBuilder();
    for (const r of rows) {
      index.add(r.id);
      if (!r.id) continue;
      const key = r.id.toLowerCase();
      const first = seen.get(key);
      if (first) {
        out.push(
          diagAt(
            "duplicate-id",
            "error",
            r.loc,
            "id",
            `id "${r.id}" is already used on line ${first.line}`,
            "Every row needs its own id: give this one a new id, or delete the duplicate row.",
          ),
        );
      } else seen.set(key, r.loc);
    }
    index.done(rows);
    out.push(...leadingZeroIds(rows));
  }
  const emails = new Map<string, Location>();
  for (const d of t.delegates) {
    if (!d.email) continue;
    const key = d.email.toLowerCase();
    const first = emails.get(key);
    if (first) {
      out.push(
        diagAt(
          "duplicate-email",
          "warning",
          d.loc,
          "email",
          `the email address is the same as on line ${first.line}`,
          "Two delegates sharing an address get each other's letters; check that this is intended.",
        ),
      );
    } else emails.set(key, d.loc);
  }
  return out;
}

/**
 * Ids such as 0012 become 12 when a spreadsheet treats the column as numbers. When most purely
 * numeric ids share a zero-padded width, a shorter one has lost its zeros.
 */
function leadingZeroIds(rows: { id: string; loc: Location }[]): Diagnostic[] {
  const numeric = rows.filter((r) => /^\d+$/.test(r.id));
  const padded = numeric.filter((r) => r.id.startsWith("0"));
  if (padded.length < 2 || padded.length * 2 < numeric.length) return [];
  const width = padded[0]!.id.length;
  return numeric
    .filter((r) => !r.id.startsWith("0") && r.id.length < width)
    .map((r) =>
      diagAt(
        "excel-damage",
        "warning",
        r.loc,
        "id",
        `id "${r.id}" looks like ${r.id.padStart(width, "0")} with its leading zeros lost`,
        "Format the id column as text in the spreadsheet and restore the zeros; references elsewhere may not match.",
      ),
    );
}
