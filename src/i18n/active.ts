import { AsyncLocalStorage } from "node:async_hooks";
import { builtinPack, builtinPacks } from "./builtin.js";
import type { LanguagePacks } from "./packs.js";
import type { Pack } from "./schema.js";

/**
 * The packs in effect while one event's materials are made: conclave's, with the event's own
 * changes (i18n/<lang>.yaml). The build, material commands and reprint run their work inside
 * `withLanguagePacks`; anything outside one (a unit test, a library caller) gets the built-in packs.
 *
 * Why a scope and not a parameter: today ~70 places ask for a language's words by the language
 * alone (`formatDateLong(iso, lang)`, `AGENDA_WORDS(lang)`). Passing the packs to each is the
 * next step of issue #20; until then the scope makes an event's packs reach every one of them,
 * and two builds running at once in one process each see their own event's packs.
 */
const scope = new AsyncLocalStorage<ReadonlyMap<string, Pack>>();

/** Runs `fn` (and everything it awaits) with `packs` in effect. */
export function withLanguagePacks<T>(packs: LanguagePacks, fn: () => T): T {
  return scope.run(new Map(packs.entries.map((e) => [e.language, e.pack])), fn);
}

/** The pack of `lang` in effect: the event's when one is, else conclave's. */
export function activePack(lang: string): Pack {
  return scope.getStore()?.get(lang) ?? builtinPack(lang as Parameters<typeof builtinPack>[0]);
}

/** Every pack in effect: the event's when a build runs, else conclave's. */
export function packsInEffect(): ReadonlyMap<string, Pack> {
  return scope.getStore() ?? builtinPacks();
}
