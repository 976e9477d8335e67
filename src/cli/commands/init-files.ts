import { builtinExample } from "../../i18n/examples.js";
import { BADGE_STOCKS } from "../../schema/event.js";
import type { Language } from "../../schema/fields.js";

export interface InitAnswers {
  name: string;
  edition: string;
  start: string;
  end: string;
  timezone: string;
  city: string;
  host: string;
  coOrganisers: string[];
  languages: Language[];
  stock: (typeof BADGE_STOCKS)[number];
}

const q = (s: string) => JSON.stringify(s);

/**
 * The sample mapping of a spreadsheet's headers to conclave's columns that event.yaml's comment
 * shows: the Vietnamese pack's `examples.headers`, `{ "Họ": family_name, "Tên": given_name }`.
 */
function sampleColumns(): string {
  const headers = builtinExample("vi", "headers");
  return `{ ${Object.entries(headers)
    .map(([column, header]) => `${q(header)}: ${column}`)
    .join(", ")} }`;
}

/** The files of a new event folder, from the wizard's answers. Pure (conclave's own packs aside): name → contents. */
export function initFiles(a: InitAnswers): Record<string, string> {
  const organisers = [
    `  - name: ${q(a.host)}\n    role: host`,
    ...a.coOrganisers.map((o) => `  - name: ${q(o)}\n    role: co-organiser`),
  ].join("\n");
  const eventYaml = `# conclave event file. Every setting is described in docs/data-format.md#eventyaml.
# Text settings take one string, or one string per language: { en: "…", ko: "…", vi: "…" }.

name: ${q(a.name)}
edition: ${q(a.edition)}
start: ${a.start}            # first day, YYYY-MM-DD
end: ${a.end}              # last day, YYYY-MM-DD
timezone: ${a.timezone}    # IANA name; session times in sessions.csv are in this zone
city: ${q(a.city)}

organisers:
${organisers}

# Languages of the materials; the first is the default for delegates without a language.
languages: [${a.languages.join(", ")}]

branding:
  primary: "#1f4e79"
  secondary: "#c8a24a"
  # logo: logo.svg          # relative to this folder

# Extra font files or folders, for scripts the bundled Pretendard lacks (Chinese, Cyrillic…).
fonts: []

# The CSV files (relative to this folder) and, if your headers differ, a mapping to ours:
files:
  delegates: delegates.csv
  venues: venues.csv
  sessions: sessions.csv
# columns:
#   delegates: ${sampleColumns()}

validation:
  travel_buffer_minutes: 15   # a speaker needs this long between sessions at different venues

badge:
  stock: ${a.stock}             # ${BADGE_STOCKS.join(", ")}
  qr: id                     # id, a URL pattern such as https://checkin.example/{id}, or vcard
`;
  const readme = `# ${a.name} ${a.edition}

Event data for [conclave](https://www.npmjs.com/package/conclave).

- \`event.yaml\`: the event's settings.
- \`delegates.csv\`, \`venues.csv\`, \`sessions.csv\`: one row per person, room and session.
  Columns are documented in conclave's docs/data-format.md.
- \`seating.csv\` (optional): wishes for seated sessions (together, apart, fixed table or seat).

Check the data, then make the materials into \`out/\`:

    conclave validate .
    conclave build .
`;
  return {
    "event.yaml": eventYaml,
    "delegates.csv":
      "id,honorific,given_name,family_name,native_name,organisation,position,country,category,delegation,sector,precedence,language,email,sessions\n",
    "venues.csv":
      "id,venue,room,capacity,address,layout,tables,seats_per_table,head_table_seats,accessible_seats\n",
    "sessions.csv": "id,title,date,start,end,room,section,type,speakers,moderator,audience,seating\n",
    "seating.csv": "kind,a,b,strength,session,note\n",
    "README.md": readme,
  };
}
