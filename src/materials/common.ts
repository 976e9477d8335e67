import { UserError } from "../errors.js";
import type { Event } from "../model/types.js";
import { closest } from "../util/suggest.js";

/** The colours and fonts every template's `lib/theme.typ` reads. */
export interface Theme {
  primary: string;
  secondary: string;
  fonts: readonly string[];
}

/** The event's branding, with conclave's defaults where event.yaml sets none. */
export function themeOf(event: Event, fonts: readonly string[]): Theme {
  return {
    primary: event.config.branding.primary ?? "#1f4e79",
    secondary: event.config.branding.secondary ?? "#c8a24a",
    fonts,
  };
}

/** `--delegates`: every id must exist; the first unknown one gets a "did you mean". */
export function requireDelegates(event: Event, ids: readonly string[] | undefined): void {
  if (!ids || ids.length === 0) return;
  const unknown = ids.filter((id) => !event.delegateById.has(id));
  if (unknown.length === 0) return;
  const guess = closest(unknown[0]!, event.delegateById.keys());
  throw new UserError(
    `--delegates: no delegate with id ${unknown.join(", ")}`,
    guess ? `Did you mean ${guess}?` : "Use ids from the id column of delegates.csv.",
  );
}
