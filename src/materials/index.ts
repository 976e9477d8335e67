import { type AgendaCliOptions, makeAgenda } from "./agenda/index.js";
import { type BadgeCliOptions, makeBadges } from "./badges/index.js";
import { makeCheckin } from "./checkin/index.js";
import type { Material } from "./context.js";
import { type LetterCliOptions, makeLetters } from "./letters/index.js";
import type { MaterialName } from "./names.js";
import { makeProtocol } from "./protocol/index.js";
import { makeSeating, type SeatingCliOptions } from "./seating/index.js";

export type { Material, MaterialContext, MaterialResult } from "./context.js";
export { MATERIAL_NAMES, type MaterialName } from "./names.js";

/** Seating goes first: badges, personal agendas and the protocol lists print each delegate's table. */
export const BUILD_ORDER: readonly MaterialName[] = [
  "seating",
  "agenda",
  "badges",
  "checkin",
  "letters",
  "protocol",
];

/**
 * The materials this version can make. A material appears here once its issue lands; the CLI
 * reports the others as not available rather than pretending to build them.
 */
export const MATERIALS: Partial<Record<MaterialName, Material>> = {
  agenda: (ctx, options) => makeAgenda(ctx, options as AgendaCliOptions),
  badges: (ctx, options) => makeBadges(ctx, options as BadgeCliOptions),
  checkin: (ctx) => makeCheckin(ctx),
  letters: (ctx, options) => makeLetters(ctx, options as LetterCliOptions),
  seating: (ctx, options) => makeSeating(ctx, options as SeatingCliOptions),
  protocol: (ctx) => makeProtocol(ctx),
};
