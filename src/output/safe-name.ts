import { createHash } from "node:crypto";

// `~` is refused too: it marks the suffix `uniqueFileNames` adds, which no cleaned name can mimic.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|~\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Names Windows keeps for devices, with or without an extension: `CON`, `nul.pdf`, `COM1.ics`. */
const DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;

/**
 * A file name made from data: NFC, no separators, control or bidi characters, no leading dots,
 * spaces as hyphens, at most `maxBytes` UTF-8 bytes (cut on a character boundary), never a
 * Windows device name. Two different inputs may give the same name ("A--B" and "A-B"): names of
 * many files in one folder go through `uniqueFileNames`.
 *
 * safeFileName("KR-001", "Kim Min-jun") === "KR-001-Kim-Min-jun"
 * safeFileName("../../etc/passwd") === "etc-passwd"
 * safeFileName("CON") === "_CON"
 */
export function safeFileName(...parts: (string | undefined)[]): string {
  const joined = parts
    .filter((p): p is string => p !== undefined && p !== "")
    .join("-")
    .normalize("NFC")
    .replace(UNSAFE, "-")
    .replace(/\s+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/-{2,}/g, "-")
    .replace(/-+\./g, ".")
    .replace(/^[-.]+|[-.]+$/g, "");
  const bounded = truncateUtf8(joined, 100).replace(/[-.]+$/, "");
  return notDevice(bounded === "" ? "unnamed" : bounded);
}

/** `CON` → `_CON`: a name Windows would open as a device gets a prefix no id can start with. */
export function notDevice(name: string): string {
  return DEVICE.test(name) ? `_${name}` : name;
}

/**
 * One file name per key, none equal to another even on a case-insensitive file system (Windows,
 * macOS): keys whose names would meet (`A-B` and `A--B` both cleaned to "A-B-…", `ab` and `AB`,
 * two long names cut at the same byte) each get `~` and 8 hex digits of their key's SHA-256. The
 * result depends only on the set of keys, so a reprint of a few delegates names their files as
 * the full run does, provided it is given every key.
 *
 * uniqueFileNames([["A-B", "A-B-x"], ["A--B", "A-B-x"], ["C", "C-y"]])
 *   → Map { "A-B" → "A-B-x~77101aaa", "A--B" → "A-B-x~067f9148", "C" → "C-y" }
 */
export function uniqueFileNames(
  entries: Iterable<readonly [key: string, name: string]>,
): Map<string, string> {
  const list = [...entries].map(([key, name]) => [key, notDevice(name.normalize("NFC"))] as const);
  const seen = new Map<string, number>();
  for (const [, name] of list) seen.set(fold(name), (seen.get(fold(name)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const [key, name] of list) {
    out.set(
      key,
      seen.get(fold(name))! > 1
        ? `${name}~${createHash("sha256").update(key).digest("hex").slice(0, 8)}`
        : name,
    );
  }
  return out;
}

const fold = (name: string) => name.toLowerCase();

function truncateUtf8(s: string, maxBytes: number): string {
  let bytes = 0;
  let out = "";
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    bytes += n;
    out += ch;
  }
  return out;
}
