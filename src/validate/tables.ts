import type { DelegateRow } from "../schema/delegates.js";
import type { EventConfig } from "../schema/event.js";
import type { SeatingRow } from "../schema/seating.js";
import type { SessionRow } from "../schema/sessions.js";
import type { VenueRow } from "../schema/venues.js";

/** The typed rows of every file, as the cross-file rules see them. */
export interface EventTables {
  config: EventConfig;
  delegates: DelegateRow[];
  venues: VenueRow[];
  sessions: SessionRow[];
  /** seating.csv, empty when the event has none. */
  seating: SeatingRow[];
}
