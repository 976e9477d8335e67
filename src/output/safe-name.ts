const UNSAFE = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A file name made from data: NFC, no separators, control or bidi characters, no leading dots,
 * spaces as hyphens, at most `maxBytes` UTF-8 bytes (cut on a character boundary).
 *
 * safeFileName("KR-001", "Kim Min-jun") === "KR-001-Kim-Min-jun"
 * safeFileName("../../etc/passwd") === "etc-passwd"
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
  return bounded === "" ? "unnamed" : bounded;
}

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
