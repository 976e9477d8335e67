import { type Diagnostic, diag } from "../../diagnostics.js";
import type { Delegate, Event } from "../../model/types.js";
import { type FitOptions, type FittedText, fitText, type Measurer } from "../../render/measure.js";

/** The seating material a text is printed on, as diagnostics name it. */
export type SeatingMaterial = "floor plan" | "place cards" | "table list" | "table poster";

/** Whether fitText kept every word (it cuts, with "…", only when minSize is not small enough). */
export function fitsWhole(text: string, t: FittedText): boolean {
  // Words as white space (no-break spaces included) separates them, on both sides: a text whose
  // spaces were made no-break to keep its words on one line is whole when every word is there.
  const words = (s: string) => s.split(/\s+/).filter(Boolean).join(" ");
  return words(t.lines.join(" ")) === words(text);
}

/**
 * Fits `text` into its box from the largest to the smallest size, trying each way of setting it
 * in turn (say one line, then two smaller lines); when even the last does not fit at its minimum,
 * the text is cut with "…" and a `seating-overflow` warning names the delegate, the material and
 * the field, so nothing on a seating material is ever clipped silently.
 */
export function fitOrReport(
  m: Measurer,
  text: string,
  tries: readonly (FitOptions & { text?: string })[],
  where: { event: Event; delegate: Delegate; material: SeatingMaterial; field: string },
  problems: Diagnostic[],
): FittedText {
  let t: FittedText = { lines: [], size: tries[0]?.maxSize ?? 0 };
  for (const o of tries) {
    // A try may set the text another way (`text`: the same words, some spaces no-break).
    t = fitText(m, o.text ?? text, o);
    if (fitsWhole(text, t)) return t;
  }
  const last = tries.at(-1)!;
  const { event, delegate: d, material, field } = where;
  problems.push(
    diag(
      "seating-overflow",
      "warning",
      {
        file: event.config.files.delegates,
        line: d.line,
        ...(d.columns[field] ? { column: d.columns[field] } : {}),
        field,
      },
      `${d.id}: ${material}: "${text}" does not fit ${Math.round((last.width * 25.4) / 72)} mm at ${last.minSize} pt, the smallest size allowed; it is printed as "${t.lines.join(" ")}"`,
      "Shorten the value (or give a shorter native_name / position), or accept the cut.",
    ),
  );
  return t;
}
