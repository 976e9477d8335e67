import type { Confinement } from "../load/confine.js";
import { acronymOf } from "../materials/agenda/schedule.js";
import type { Delegate, Event } from "../model/types.js";
import { type BadgeClaims, eventTag, signCode } from "./code.js";
import { loadPrivateKey, loadRevisions } from "./keys.js";

/** The day before `date` (ISO). */
function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * What a delegate's badge code says: valid from the day before the event (arrivals, the
 * registration desk opening the evening before) to its last day; the rooms of the sessions they
 * attend as zones; the revision of badge-revisions.csv (1 when not listed).
 */
export function claimsMaker(
  event: Event,
  revisions: ReadonlyMap<string, number>,
  /** One above the file's revision (a reprint's badges). */
  raise = false,
): (d: Delegate) => BadgeClaims {
  const tag = eventTag(event, acronymOf(event));
  const roomIndex = new Map(event.rooms.map((r, i) => [r.id, i]));
  const zones = new Map<string, Set<number>>();
  for (const s of event.sessions) {
    const i = roomIndex.get(s.room.id);
    if (i === undefined) continue;
    for (const id of s.attendeeIds) {
      const set = zones.get(id) ?? new Set<number>();
      set.add(i);
      zones.set(id, set);
    }
  }
  const validFrom = dayBefore(event.config.start);
  return (d) => ({
    event: tag,
    delegateId: d.id,
    revision: Math.min(65_535, (revisions.get(d.id) ?? 1) + (raise ? 1 : 0)),
    validFrom,
    validUntil: event.config.end,
    category: d.category,
    zones: [...(zones.get(d.id) ?? [])].sort((a, b) => a - b),
  });
}

/** Signs each delegate's badge code with the event's private key (`badge.qr: signed`). */
export function badgeSigner(
  event: Event,
  c: Confinement,
  shownDir: string,
  raise = false,
): (d: Delegate) => string {
  const key = loadPrivateKey(c, shownDir);
  const claims = claimsMaker(event, loadRevisions(c), raise);
  return (d) => signCode(claims(d), key);
}
