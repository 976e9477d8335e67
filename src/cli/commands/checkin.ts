import path from "node:path";
import { claimsMaker } from "../../checkin/badge-codes.js";
import { eventTag, verifyCode } from "../../checkin/code.js";
import { initKeys, loadPublicKey, loadRevisions } from "../../checkin/keys.js";
import { countBySeverity } from "../../diagnostics.js";
import { DataInvalid, UserError } from "../../errors.js";
import { loadEventFolder } from "../../load/event-folder.js";
import { acronymOf } from "../../materials/agenda/schedule.js";
import { latinName } from "../../model/names.js";
import { checkEvent } from "../../validate/index.js";
import type { Ui } from "../ui.js";

const shown = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
};

/** `conclave keys init [dir]`: the event's Ed25519 signing keys for `badge.qr: signed`. */
export async function keysInitCommand(dir: string, o: { force: boolean }, ui: Ui): Promise<number> {
  const { privateFile, publicFile } = await initKeys(path.resolve(dir), o.force);
  ui.out(
    `Signing key → ${shown(privateFile)} (keep it secret: it is in ${shown(path.join(path.resolve(dir), ".gitignore"))})`,
  );
  ui.out(`Public key  → ${shown(publicFile)} (give it to the scanners at the door)`);
  ui.out("Set `badge: { qr: signed }` in event.yaml, then build the badges.");
  return 0;
}

/** The day in the event's time zone, as ISO. */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(Date.now());
}

/**
 * `conclave checkin verify <code> [dir]`: whether a badge code is genuine (the event's public
 * key), for this event, valid on the day (`--at`, default today in the event's time zone), and the
 * delegate's current badge (badge-revisions.csv). Exit 0 genuine and current, 1 refused.
 */
export async function checkinVerifyCommand(
  code: string,
  dir: string,
  o: { at?: string },
  ui: Ui,
): Promise<number> {
  const loaded = await loadEventFolder(dir, { glyphs: false });
  const checked = checkEvent({ ...loaded.input, buildModel: true });
  if (countBySeverity(checked.diagnostics).errors > 0 || !checked.event)
    throw new DataInvalid(checked.diagnostics);
  const event = checked.event;
  if (o.at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.at))
    throw new UserError(`--at ${o.at}: expected a date such as ${event.config.start}`);
  const revisions = loadRevisions(loaded.confinement);
  const verdict = verifyCode(code, {
    publicKey: loadPublicKey(loaded.confinement, shown(loaded.dir)),
    event: eventTag(event, acronymOf(event)),
    today: o.at ?? todayIn(event.config.timezone),
    revisionOf: (id) => (event.delegateById.has(id) ? (revisions.get(id) ?? 1) : undefined),
  });
  const d = verdict.claims ? event.delegateById.get(verdict.claims.delegateId) : undefined;
  const who = verdict.claims
    ? `${verdict.claims.delegateId}${d ? ` ${latinName(d)}` : ""} (${verdict.claims.category}, revision ${verdict.claims.revision}, valid ${verdict.claims.validFrom} to ${verdict.claims.validUntil})`
    : "";
  if (verdict.ok) {
    // What the event's data says now, beside what the code says.
    const now = d ? claimsMaker(event, revisions)(d) : undefined;
    ui.out(`${ui.color.green("✓ genuine")}: ${who}`);
    const rooms = verdict.claims.zones.map((i) => event.rooms[i]?.id ?? `room ${i + 1}`);
    ui.out(`  zones: ${rooms.length > 0 ? rooms.join(", ") : "none"}`);
    if (now && now.category !== verdict.claims.category)
      ui.out(`  note: the data now says ${now.category}; the badge says ${verdict.claims.category}`);
    return 0;
  }
  ui.out(`${ui.color.red("✗ refused")}: ${verdict.reason}${who ? `\n  the code says: ${who}` : ""}`);
  return 1;
}
