/**
 * iCalendar (RFC 5545) text: escaping, line folding and the VEVENT properties conclave writes.
 *
 *   BEGIN:VEVENT
 *   UID:OPENING@cicon-2023.conclave
 *   DTSTART:20230620T020000Z
 *   SUMMARY:Opening ceremony: 31 years of Korea–Viet Nam partnership
 *   LOCATION:Grand Hall\, Saigon Riverside Hotel\, 12 Tôn Đức Thắng…
 *   END:VEVENT
 */

/** Escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** UTF-8 length of one code point. */
const octetsOf = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/**
 * Folds a content line into lines of at most 75 octets, continuation lines starting with one
 * space (§3.1), never splitting a UTF-8 character or a surrogate pair.
 */
export function foldLine(line: string): string {
  // Most lines are short: a line of at most 25 UTF-16 units is at most 75 octets.
  if (line.length <= 25) return line;
  let total = 0;
  for (const ch of line) total += octetsOf(ch.codePointAt(0)!);
  if (total <= 75) return line;
  const out: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = octetsOf(ch.codePointAt(0)!);
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

export interface IcsEvent {
  uid: string;
  /** UTC instants, in milliseconds since the epoch. */
  start: number;
  end: number;
  summary: string;
  location?: string;
  description?: string;
  categories?: string[];
}

export interface IcsCalendar {
  name: string;
  timezone: string;
  /** DTSTAMP of every event: fixed (not the clock) so builds are reproducible. */
  stamp: number;
  events: readonly IcsEvent[];
}

/** A UTC instant as a DATE-TIME in UTC form: 20230620T020000Z. */
export function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** A calendar file, CRLF line ends, every line folded. */
export function renderIcs(cal: IcsCalendar): string {
  return assembleIcs(
    cal,
    cal.events.map((e) => renderEvent(e, cal.stamp)),
  );
}

/**
 * A calendar file around events already rendered by `renderEvent`: a caller writing thousands of
 * calendars from the same few hundred events renders each event once.
 */
export function assembleIcs(cal: Pick<IcsCalendar, "name" | "timezone">, events: readonly string[]): string {
  const head = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//conclave//conference organiser//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    `X-WR-TIMEZONE:${zoneName(cal.timezone)}`,
  ];
  return `${head.map(foldLine).join("\r\n")}\r\n${events.join("")}END:VCALENDAR\r\n`;
}

/**
 * The zone's name as calendar apps know it. Intl accepts any case (`asia/ho_chi_minh`) and gives
 * back its own canonical name; that name is used unless it is another alias of the zone (some ICU
 * versions answer `Asia/Saigon` for `Asia/Ho_Chi_Minh`) and the user's own name is written in
 * mixed case, which is how IANA writes every zone.
 *
 *   zoneName("europe/london") → "Europe/London"    zoneName("Asia/Ho_Chi_Minh") → "Asia/Ho_Chi_Minh"
 */
export function zoneName(timeZone: string): string {
  // Asked once per calendar file: 10,000 personal calendars would build 10,000 formatters.
  let name = zoneNames.get(timeZone);
  if (name === undefined) {
    name = canonicalZoneName(timeZone);
    zoneNames.set(timeZone, name);
  }
  return name;
}

const zoneNames = new Map<string, string>();

function canonicalZoneName(timeZone: string): string {
  const canonical = new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
  if (canonical.toLowerCase() === timeZone.toLowerCase()) return canonical;
  const oneCase = timeZone === timeZone.toLowerCase() || timeZone === timeZone.toUpperCase();
  return oneCase ? canonical : timeZone;
}

/** One VEVENT, every line folded and ended with CRLF; `stamp` is its DTSTAMP. */
export function renderEvent(e: IcsEvent, stamp: number): string {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(stamp)}`,
    `DTSTART:${utcStamp(e.start)}`,
    `DTEND:${utcStamp(e.end)}`,
    `SUMMARY:${escapeText(e.summary)}`,
  ];
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(",")}`);
  lines.push("END:VEVENT");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

/** How a wall-clock time maps onto a zone's day: once, never (clocks go forward), or twice. */
export type WallTimeKind = "exact" | "skipped" | "repeated";

export interface WallTime {
  /** The UTC instant, in milliseconds since the epoch. */
  instant: number;
  kind: WallTimeKind;
  /** Minutes the clocks move that night (60 for most zones); 0 for an exact time. */
  shift: number;
}

const DAY = 86_400_000;

/**
 * A wall-clock time in an IANA time zone → the UTC instant, as RFC 5545 §3.3.5 reads a local
 * time: a time that happens twice (clocks going back) is its first occurrence; a time that never
 * happens (clocks going forward) is read with the offset from before the gap, so 01:30 in London
 * on 2023-03-26 is 01:30 GMT, which the clocks show as 02:30. Validation reports both cases.
 *
 * The offsets a day before and a day after are the two a changeover day can have; each is tried,
 * and kept if it maps back to the same wall clock.
 */
export function resolveWallTime(date: string, minutes: number, timeZone: string): WallTime {
  // A programme asks for the same few hundred times once per language and per file.
  const key = `${timeZone} ${date} ${minutes}`;
  let found = wallTimes.get(key);
  if (!found) {
    found = computeWallTime(date, minutes, timeZone);
    wallTimes.set(key, found);
  }
  return found;
}

const wallTimes = new Map<string, WallTime>();

function computeWallTime(date: string, minutes: number, timeZone: string): WallTime {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  const before = offsetMs(wall - DAY, timeZone);
  const after = offsetMs(wall + DAY, timeZone);
  const early = wall - before;
  const late = wall - after;
  const earlyFits = early + offsetMs(early, timeZone) === wall;
  const lateFits = late + offsetMs(late, timeZone) === wall;
  const shift = Math.abs(after - before) / 60_000;
  if (earlyFits && lateFits && early !== late)
    return { instant: Math.min(early, late), kind: "repeated", shift };
  if (earlyFits) return { instant: early, kind: "exact", shift: 0 };
  if (lateFits) return { instant: late, kind: "exact", shift: 0 };
  return { instant: early, kind: "skipped", shift };
}

/** A wall-clock time in an IANA time zone → the UTC instant (see `resolveWallTime`). */
export function zonedToUtc(date: string, minutes: number, timeZone: string): number {
  return resolveWallTime(date, minutes, timeZone).instant;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, f);
  }
  const name = f.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const sign = m[1] === "-" ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
}
