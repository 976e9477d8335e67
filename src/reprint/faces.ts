import { createHash } from "node:crypto";
import type { BadgeOptions } from "../materials/badges/plan.js";
import { layoutBadges, sortDelegates } from "../materials/badges/plan.js";
import { type LetterKind, planLetters } from "../materials/letters/plan.js";
import { latinName } from "../model/names.js";
import type { Event } from "../model/types.js";
import type { Category } from "../schema/delegates.js";

/** One delegate's badge as printed: what tells a reprint apart, and what the list names. */
export interface PrintedFace {
  id: string;
  /** The name as the list of what to print or destroy shows it (Latin order, as on the badge). */
  name: string;
  category: Category;
  /** sha256 of everything printed on the badge: its front, its back, its band, the shared header. */
  fingerprint: string;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * Every delegate's printed badge, by id. Pure: the faces are laid out as `conclave badges` lays
 * them out (the same options), and each is fingerprinted by the JSON the template receives for
 * it, so a change that prints nothing (a phone, a passport number) changes no fingerprint. What
 * depends on the badge's place in the run is replaced by what it stands for: the QR code's
 * virtual path by the text it encodes, the band's index by the band itself.
 */
export function printedFaces(event: Event, options: BadgeOptions): Map<string, PrintedFace> {
  const layout = layoutBadges(event, { ...options, ids: undefined, blanks: [], skip: 0, calibrate: false });
  const { data } = layout;
  const withBacks = data.duplex || data.stock.fold;
  // What every badge shares and prints: the header, the stock, the colours and fonts.
  const common = sha256(
    JSON.stringify([
      data.header,
      data.event,
      data.theme,
      data.stock,
      data.geometry,
      data.logo,
      data.cut_marks,
    ]),
  );
  const faces = new Map<string, PrintedFace>();
  layout.delegates.forEach((d, i) => {
    const { qr: _qr, band, back_band, ...face } = layout.face(i);
    const printed = {
      face,
      qr: layout.qrText(i),
      band: data.bands[band],
      back: withBacks ? { band: data.bands[back_band], programme: data.backs[face.lang] } : null,
    };
    faces.set(d.id, {
      id: d.id,
      name: latinName(d),
      category: d.category,
      fingerprint: sha256(`${common}\n${JSON.stringify(printed)}`),
    });
  });
  return faces;
}

/**
 * Every letter of a kind (invitation, or visa support) as written, by recipient id: fingerprinted
 * by the letter's data (what letter.typ prints), so a changed address, title, passport line or
 * programme line reprints it and a phone does not. The logo and signature are the same for every
 * letter and left out here. A visa letter the data cannot make (no passport data) is not one.
 */
export function printedLetters(
  event: Event,
  kind: LetterKind = "invitation",
  /** `letterModules(eventDir)`: the languages the event's letters can be written in (default: conclave's). */
  modules?: ReadonlySet<string>,
): Map<string, PrintedFace> {
  const order = sortDelegates(event.delegates, event.config.badge.sort, event.config.defaultLanguage);
  const { letters } = planLetters(event, { kind, order, ...(modules ? { modules } : {}) });
  return new Map(
    letters.map((l) => [
      l.delegate.id,
      {
        id: l.delegate.id,
        name: latinName(l.delegate),
        category: l.delegate.category,
        fingerprint: sha256(JSON.stringify([l.lang, l.file, l.data])),
      },
    ]),
  );
}

/** What a reprint prints and what it takes out of the boxes, between two sets of faces. */
export interface ReprintChanges {
  /** Badges to print: new (added) or changed, in the current faces. */
  print: { face: PrintedFace; reason: "added" | "changed" | "asked" }[];
  /** Old badges to destroy: the version printed at the point, of a changed or removed delegate. */
  destroy: { face: PrintedFace; reason: "changed" | "removed" | "asked" }[];
}

/**
 * Compares the faces at the reprint point with the faces now. With `ids` (`--delegates`), those
 * delegates are reprinted whatever changed, and their old badges (if they had one) destroyed.
 */
export function compareFaces(
  before: ReadonlyMap<string, PrintedFace>,
  now: ReadonlyMap<string, PrintedFace>,
  ids?: readonly string[],
): ReprintChanges {
  const print: ReprintChanges["print"] = [];
  const destroy: ReprintChanges["destroy"] = [];
  if (ids && ids.length > 0) {
    for (const id of ids) {
      const face = now.get(id);
      if (face) print.push({ face, reason: "asked" });
      const old = before.get(id);
      if (old) destroy.push({ face: old, reason: "asked" });
    }
    return { print, destroy };
  }
  for (const [id, face] of now) {
    const old = before.get(id);
    if (!old) print.push({ face, reason: "added" });
    else if (old.fingerprint !== face.fingerprint) {
      print.push({ face, reason: "changed" });
      destroy.push({ face: old, reason: "changed" });
    }
  }
  for (const [id, old] of before) if (!now.has(id)) destroy.push({ face: old, reason: "removed" });
  return { print, destroy };
}
