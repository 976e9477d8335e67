import { type Diagnostic, diag } from "../diagnostics.js";
import { activePack } from "../i18n/active.js";
import type { TableRow, TableSpec } from "../schema/table.js";
import { findMojibake } from "./mojibake.js";
import { isVietnameseSyllable, type Reading, readTcvn3, readVni } from "./vietnamese.js";

/** A check of one row's text, run while the file is read; it adds what it finds to `out`. */
export type RowCheck = (row: TableRow, out: Diagnostic[]) => void;

// Every legacy Vietnamese and mojibake form needs a character of U+0080–U+00FF (or one of the
// Windows-1252 punctuation marks): text without one is spared every other test.
const SUSPECT =
  /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/;
// Words are split at spaces and ASCII punctuation only: TCVN3 uses Latin-1 symbols as letters.
const WORD_BREAK = /[\s!-/:-@[-`{-~\u2013\u2014]+/u;
const LATIN1 = /[\u00a0-\u00ff]/;

export type LegacyKind = "VNI" | "TCVN3 (ABC)";
/** The language whose legacy font encodings (VNI, TCVN3) these checks read: its pack names the converter. */
const LEGACY_LANGUAGE = "vi";
export interface LegacyFinding {
  kind: LegacyKind;
  severity: "error" | "warning";
  /** The value read as Unicode Vietnamese. */
  reading: string;
}

/**
 * Whether a value is Vietnamese typed with a legacy font encoding. Each word is taken as typed
 * when it is already a Vietnamese syllable ("Hoà", "Lê", "Minh"); otherwise it is read as VNI or
 * TCVN3, and the reading counts only when it is a Vietnamese syllable. An error needs every word
 * to be Vietnamese, two legacy marks (a Vietnamese delegate's row counts as one) and one mark that
 * no European spelling makes; one word of another language ("Carmen", "Łukasz") makes it none.
 * A warning needs a strong mark and more Vietnamese words than others.
 *
 *   assessLegacyVietnamese("Nguyeãn Vaên Minh", false) → { kind: "VNI", severity: "error", reading: "Nguyễn Văn Minh" }
 *   assessLegacyVietnamese("Zoë Ångström-Łukasz", false) → undefined
 */
export function assessLegacyVietnamese(value: string, vietnameseRow: boolean): LegacyFinding | undefined {
  const words = value.split(WORD_BREAK).filter((w) => w !== "" && !/^\d+$/.test(w));
  // Only a word with a Latin-1 character can be legacy text; one that is Vietnamese as typed is not.
  const candidates = words.filter((w) => LATIN1.test(w) && !isSyllable(w));
  if (candidates.length === 0) return undefined;
  for (const [kind, read] of [
    ["VNI", readVni],
    ["TCVN3 (ABC)", readTcvn3],
  ] as const) {
    const readings = new Map<string, Reading>();
    let strong = 0;
    for (const word of candidates) {
      const r = read(word);
      if (r && isSyllable(r.text)) {
        readings.set(word, r);
        strong += r.strong;
      }
    }
    if (strong === 0) continue;
    let signs = vietnameseRow ? 1 : 0;
    let foreign = 0;
    let converted = 0;
    let reading = value;
    for (const word of words) {
      const r = readings.get(word);
      if (r) {
        converted++;
        signs += r.signs;
        reading = reading.replace(word, r.text);
      } else if (!isSyllable(word)) foreign++;
    }
    if (foreign === 0 && signs >= 2) return { kind, severity: "error", reading };
    if (foreign === 0 || converted > foreign) return { kind, severity: "warning", reading };
  }
  return undefined;
}

// Names repeat (Nguyễn, Văn, Thị…): a bounded memo keeps 100,000 rows cheap.
const syllables = new Map<string, boolean>();
function isSyllable(word: string): boolean {
  let v = syllables.get(word);
  if (v === undefined) {
    v = isVietnameseSyllable(word);
    if (syllables.size > 20_000) syllables.clear();
    syllables.set(word, v);
  }
  return v;
}

/** What a value of a text field was found to be: mojibake, legacy Vietnamese, or nothing (null). */
type TextFinding =
  | { mojibake: NonNullable<ReturnType<typeof findMojibake>> }
  | { legacy: LegacyFinding }
  | null;

function assessText(value: string, vietnameseRow: boolean): TextFinding {
  const mojibake = findMojibake(value);
  if (mojibake) return { mojibake };
  const legacy = assessLegacyVietnamese(value, vietnameseRow);
  return legacy ? { legacy } : null;
}

/**
 * Text typed with a legacy Vietnamese font encoding (VNI, TCVN3), which prints as mojibake in
 * Unicode fonts; and UTF-8 that a spreadsheet read as Windows-1252/1258 and saved again.
 */
export function legacyVietnameseCheck(spec: TableSpec): RowCheck {
  const textFields = spec.columns
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.type.name === "text" && !c.personal);
  const countryAt = spec.columns.findIndex((c) => c.name === "country");
  // Organisations and positions repeat down a delegates file (a delegation's company, "Giám đốc"),
  // and the verdict depends on the value and whether the row is Vietnamese only: each is worked
  // out once, in a memo bounded as the syllables' is.
  const memo = [new Map<string, TextFinding>(), new Map<string, TextFinding>()] as const;
  const assess = (value: string, vietnameseRow: boolean) => {
    const seen = memo[vietnameseRow ? 1 : 0];
    let found = seen.get(value);
    if (found === undefined) {
      found = assessText(value, vietnameseRow);
      if (seen.size > 20_000) seen.clear();
      seen.set(value, found);
    }
    return found;
  };
  return (row, out) => {
    const vietnameseRow = countryAt >= 0 && row.values[countryAt] === "VN";
    for (const { c, index } of textFields) {
      const value = row.text[index];
      if (!value || !SUSPECT.test(value)) continue;
      const found = assess(value, vietnameseRow);
      if (found === null) continue;
      const where = {
        file: row.loc.file,
        line: row.loc.line,
        column: row.loc.columns[c.name] ?? 0,
        field: c.name,
      };
      if ("mojibake" in found) {
        const { mojibake } = found;
        out.push(
          diag(
            "mojibake",
            mojibake.severity,
            where,
            `${c.name} "${value}" looks like UTF-8 text that a spreadsheet opened as Windows-1252 and saved again` +
              (mojibake.repaired ? ` (it was "${mojibake.repaired}")` : ""),
            'Do not open a UTF-8 CSV by double-clicking it in Excel: import it (Data › From Text/CSV, File origin "65001: Unicode (UTF-8)") or take the original again, then save as "CSV UTF-8 (comma delimited)".',
          ),
        );
        continue;
      }
      const { legacy } = found;
      out.push(
        diag(
          "legacy-vietnamese-encoding",
          legacy.severity,
          where,
          `${c.name} "${value}" looks like Vietnamese typed in the legacy ${legacy.kind} encoding ("${legacy.reading}")`,
          `Convert the sheet to Unicode (e.g. with Unikey's converter, ${converterMenu()}from ` +
            `${legacy.kind === "VNI" ? "VNI Windows" : "TCVN3 (ABC)"} to Unicode), then save as "CSV UTF-8".` +
            (legacy.severity === "warning" ? " If the value is right as it is, ignore this warning." : ""),
        ),
      );
    }
  };
}

/**
 * The menu item of Unikey's converter as the hint quotes it ("'Chuyển mã' "): the Vietnamese
 * pack's `examples.converter`, or nothing when the pack in effect has none.
 */
function converterMenu(): string {
  const menu = activePack(LEGACY_LANGUAGE).examples?.converter;
  return menu ? `'${menu}' ` : "";
}

/** The columns that hold a person's name, the text a badge or letter prints largest. */
const PERSON_NAMES = new Set(["given_name", "family_name", "native_name"]);
const LETTER = /\p{L}/u;

/**
 * A person's name with no letter in it: only combining marks (nothing for them to sit on, so
 * they print as dotted circles or nothing), or only digits, punctuation or symbols (`-`, `.`,
 * `123`), usually a placeholder or a broken export. A warning, not an error: the text is printed
 * as it is, and a `-` for a guest with one name may be what the organiser meant.
 */
export function nameLettersCheck(spec: TableSpec): RowCheck {
  const fields = spec.columns.map((c, index) => ({ c, index })).filter(({ c }) => PERSON_NAMES.has(c.name));
  return (row, out) => {
    for (const { c, index } of fields) {
      const value = row.text[index];
      if (!value || LETTER.test(value)) continue;
      const marksOnly = /^[\p{M}\s]+$/u.test(value);
      const codes = [...new Set(value)]
        .slice(0, 6)
        .map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`)
        .join(" ");
      out.push(
        diag(
          "name-without-letters",
          "warning",
          { file: row.loc.file, line: row.loc.line, column: row.loc.columns[c.name] ?? 0, field: c.name },
          marksOnly
            ? `${c.name} has no letter, only combining marks (${codes}) with nothing to sit on`
            : `${c.name} has no letter in it, only digits, punctuation or symbols (${codes})`,
          "Type the name as it should print, with its letters; if the value is right as it is (a placeholder you mean to print), ignore this warning.",
        ),
      );
    }
  };
}
