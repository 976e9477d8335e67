import { type ByLanguage, byLanguage } from "../../model/i18n.js";
import type { SessionType } from "../../schema/sessions.js";

/** The organisers' roles of event.yaml, each printed on its own line of the cover. */
export type OrganiserRole = "host" | "co-organiser" | "partner" | "sponsor";

/** Words the programme and personal agendas print, in each language. */
export interface AgendaWords {
  programme: string;
  personal: string;
  speakers: string;
  moderator: string;
  speaker: string;
  sections: string;
  index: string;
  page: string;
  /** After a day's heading repeated at the top of a page it runs onto. */
  continued: string;
  notes: string;
  /** Before the main venue, named once above the first day. */
  venue: string;
  /** "Hosted by", "Co-organised by"… before the organisers of that role. */
  organisers: Record<OrganiserRole, string>;
  yourRoles: string;
  table: string;
  noSessions: string;
  /** After a label that a name or a list follows: ": ", zh "：" (full-width, no space). */
  colon: string;
  types: Record<SessionType, string>;
}

/** The agenda's words come from each language's pack (templates/i18n/<lang>.yaml, labels.agenda). */
export const AGENDA_WORDS: ByLanguage<AgendaWords> = byLanguage((l) => l.agenda);

/** Section colours, in order of first appearance: distinct, and dark enough for white text. */
export const SECTION_PALETTE = ["#1f6f8b", "#9c4f96", "#d17a22", "#3c8d5a", "#b23a48", "#4a5899", "#7a6a2f"];
