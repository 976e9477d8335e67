import { parseEventConfig } from "../src/schema/event.js";
import { checkEvent } from "../src/validate/index.js";
import type { GeneratedEvent } from "./generate.js";

/**
 * A generated event, validated, and its seated session: what the seating benchmark and the
 * seating tests both start from.
 */
export function checkedGala(files: GeneratedEvent) {
  const parsed = parseEventConfig(files["event.yaml"]);
  if (!parsed.ok) throw new Error(`generated event.yaml is invalid: ${JSON.stringify(parsed.diagnostics)}`);
  const enc = (t: string) => new TextEncoder().encode(t);
  const checked = checkEvent({
    config: parsed.config,
    files: {
      delegates: { name: "delegates.csv", bytes: enc(files["delegates.csv"]) },
      venues: { name: "venues.csv", bytes: enc(files["venues.csv"]) },
      sessions: { name: "sessions.csv", bytes: enc(files["sessions.csv"]) },
      seating: { name: "seating.csv", bytes: enc(files["seating.csv"]) },
    },
  });
  if (!checked.event) throw new Error(JSON.stringify(checked.diagnostics.slice(0, 3)));
  const session = checked.event.sessions.find((s) => s.seating === "assigned")!;
  return { event: checked.event, session };
}
