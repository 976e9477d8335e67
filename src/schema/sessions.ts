import type { Location } from "../diagnostics.js";
import { date, type FieldType, id, idList, type Language, oneOf, text, time } from "./fields.js";
import { type TableRow, type TableSpec, valuesOf } from "./table.js";
import { translationsOf } from "./translations.js";

export const SESSION_TYPES = [
  "plenary",
  "keynote",
  "panel",
  "workshop",
  "ceremony",
  "banquet",
  "networking",
  "break",
  "visit",
] as const;
export type SessionType = (typeof SESSION_TYPES)[number];
export const AUDIENCES = ["all", "registered"] as const;
export type Audience = (typeof AUDIENCES)[number];
export const SEATING_MODES = ["none", "assigned"] as const;
export type SeatingMode = (typeof SEATING_MODES)[number];

/**
 * What a speaker does in a session, written after the id in the speakers column:
 * `KR-004:opening;VN-001:welcome;KR-006:congratulatory`. Letters and programmes print it in
 * each language's words (개회사, phát biểu khai mạc…).
 */
export const SPEECH_ROLES = [
  "opening",
  "welcome",
  "congratulatory",
  "keynote",
  "closing",
  "moderator",
  "mc",
  "panellist",
  "speaker",
] as const;
export type SpeechRole = (typeof SPEECH_ROLES)[number];

/** `KR-004:opening;VN-001` → ids in order, and the role of those that have one. */
export const speakerList: FieldType<{ ids: string[]; roles: Record<string, SpeechRole> }> = {
  name: "ids separated by ;, each optionally followed by :role",
  parse(value) {
    const ids: string[] = [];
    const roles: Record<string, SpeechRole> = {};
    for (const part of value.split(/[;|]/)) {
      const [rawId = "", rawRole, ...more] = part.split(":").map((x) => x.trim());
      if (!rawId && rawRole === undefined) continue;
      const parsedId = idList.parse(rawId);
      if (!parsedId.ok) return parsedId;
      const one = parsedId.value[0];
      if (!one || parsedId.value.length > 1 || more.length > 0)
        return {
          ok: false,
          message: `"${part.trim()}" in the speakers list is not an id with an optional role`,
          hint: "Write each speaker as ID or ID:role, separated by ';' (e.g. KR-004:opening;VN-001:welcome).",
        };
      if (!ids.includes(one)) ids.push(one);
      if (rawRole !== undefined) {
        const role = SPEECH_ROLES.find((r) => r === rawRole.toLowerCase());
        if (!role)
          return {
            ok: false,
            message: `"${rawRole}" after ${one} is not a speech role`,
            hint: `Use one of: ${SPEECH_ROLES.join(", ")} (e.g. ${one}:opening).`,
          };
        roles[one] = role;
      }
    }
    return { ok: true, value: { ids, roles } };
  },
};

export const sessionsSpec: TableSpec = {
  key: "sessions",
  columns: [
    {
      name: "id",
      required: true,
      type: id,
      description: "Unique session id, used by delegates.csv",
      example: "S1-URBAN",
    },
    {
      name: "title",
      required: true,
      type: text,
      description: "Title in the event's first language; title_ko, title_vi… for the others",
      example: "Smart urban development and environment",
      printed: true,
      translatable: true,
    },
    {
      name: "date",
      required: true,
      type: date,
      description: "Day of the session, YYYY-MM-DD",
      example: "2023-06-20",
    },
    {
      name: "start",
      required: true,
      type: time,
      description: "Start time, HH:MM in the event's time zone",
      example: "14:00",
    },
    {
      name: "end",
      required: true,
      type: time,
      description: "End time, HH:MM in the event's time zone",
      example: "15:30",
    },
    {
      name: "room",
      required: true,
      type: id,
      description: "Id of the room in venues.csv",
      example: "ROOM-LOTUS",
    },
    {
      name: "section",
      required: false,
      type: text,
      description: "Thematic section or track",
      example: "Smart urban development and environment",
      printed: true,
      translatable: true,
    },
    {
      name: "type",
      required: false,
      type: oneOf(SESSION_TYPES),
      description: `Kind of session: ${SESSION_TYPES.join(", ")}`,
      example: "panel",
    },
    {
      name: "speakers",
      required: false,
      type: speakerList,
      description: `Delegate ids of the speakers, separated by ;, each optionally with its role after a colon (${SPEECH_ROLES.join(", ")})`,
      example: "KR-004:opening;VN-012",
    },
    {
      name: "moderator",
      required: false,
      type: id,
      description: "Delegate id of the moderator",
      example: "VN-003",
    },
    {
      name: "description",
      required: false,
      type: text,
      description: "Abstract shown in the programme",
      example: "How data and green finance reshape Thu Duc City.",
      printed: true,
      multiline: true,
      translatable: true,
    },
    {
      name: "audience",
      required: false,
      type: oneOf(AUDIENCES),
      description:
        "all: everyone attends; registered (default): delegates listing it in their sessions column, plus its speakers and moderator",
      example: "registered",
    },
    {
      name: "seating",
      required: false,
      type: oneOf(SEATING_MODES),
      description: "assigned: conclave plans the seats (banquets, sometimes the plenary)",
      example: "assigned",
    },
  ],
};

export interface SessionRow {
  loc: Location;
  id: string;
  title: string;
  date: string;
  /** Minutes since midnight. */
  start: number;
  end: number;
  room: string;
  section?: string;
  type?: SessionType;
  speakers: string[];
  /** Roles given in the speakers column, by delegate id. */
  speakerRoles: Record<string, SpeechRole>;
  moderator?: string;
  description?: string;
  audience: Audience;
  seating: SeatingMode;
  translations: Record<string, Partial<Record<Language, string>>>;
}

export function toSessionRow(row: TableRow): SessionRow {
  const v = valuesOf(row, sessionsSpec);
  const s = (k: string) => v.get(k) as string | undefined;
  return {
    loc: row.loc,
    id: s("id") ?? "",
    title: s("title") ?? "",
    date: s("date") ?? "",
    start: (v.get("start") as number | undefined) ?? Number.NaN,
    end: (v.get("end") as number | undefined) ?? Number.NaN,
    room: s("room") ?? "",
    section: s("section"),
    type: v.get("type") as SessionType | undefined,
    ...speakersOf(v.get("speakers")),
    moderator: s("moderator"),
    description: s("description"),
    audience: (v.get("audience") as Audience | undefined) ?? "registered",
    seating: (v.get("seating") as SeatingMode | undefined) ?? "none",
    translations: translationsOf(row),
  };
}

function speakersOf(value: unknown): { speakers: string[]; speakerRoles: Record<string, SpeechRole> } {
  const v = value as { ids: string[]; roles: Record<string, SpeechRole> } | undefined;
  return { speakers: v?.ids ?? [], speakerRoles: v?.roles ?? {} };
}
