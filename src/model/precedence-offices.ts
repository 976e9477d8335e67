/**
 * The public offices that rank a guest by their `position` (src/model/precedence.ts), highest
 * level 1, in the order they are tried: the first that matches wins, so "vice minister" is tried
 * before "minister". The words that name each office are the language packs' (`precedence.<key>`
 * in templates/i18n/<lang>.yaml, and an event's own i18n/<lang>.yaml); every pack's words are
 * tried, as a position may be written in any language.
 */
export const PRECEDENCE_OFFICES = [
  {
    key: "vice-chair",
    level: 4,
    office: "vice chair of a people's committee, vice mayor or vice governor",
  },
  { key: "deputy-prime-minister", level: 2, office: "deputy prime minister" },
  { key: "vice-minister", level: 3, office: "vice minister or deputy minister" },
  { key: "head-of-state", level: 1, office: "head of state or government" },
  { key: "minister", level: 2, office: "speaker of the national assembly, minister" },
  {
    key: "member-ambassador-mayor",
    level: 3,
    office: "member of the national assembly, ambassador, chair of a people's committee, mayor, governor",
  },
  {
    key: "director-general",
    level: 5,
    office: "consul general, director general, director of a provincial department",
  },
] as const;

export type PrecedenceOffice = (typeof PRECEDENCE_OFFICES)[number]["key"];
export const PRECEDENCE_OFFICE_KEYS = PRECEDENCE_OFFICES.map((o) => o.key) as [
  PrecedenceOffice,
  ...PrecedenceOffice[],
];
