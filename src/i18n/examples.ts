import { builtinPack, builtinPackFile } from "./builtin.js";
import type { Pack } from "./schema.js";

/** A pack's `examples`: a language's text that conclave's help and hints quote. */
export type PackExamples = NonNullable<Pack["examples"]>;

/**
 * An example of `lang`'s text from conclave's own pack (`examples` in templates/i18n/<lang>.yaml),
 * for what is written before any event's packs are read: the columns' examples (src/schema/) and
 * the sample event.yaml of `conclave init`. A built-in pack without it is a bug in conclave, so
 * it throws (an internal error).
 */
export function builtinExample<K extends keyof PackExamples>(
  lang: string,
  key: K,
): NonNullable<PackExamples[K]> {
  const value = builtinPack(lang).examples?.[key];
  if (value === undefined)
    throw new Error(`the built-in language pack ${builtinPackFile(lang)} has no examples.${key}`);
  return value as NonNullable<PackExamples[K]>;
}
