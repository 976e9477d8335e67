/**
 * A synthetic event, valid by construction and seeded: fictional Korean, Vietnamese and English
 * names, organisations, sessions over several days and rooms, and a banquet.
 *
 *   npm run bench:generate -- --delegates 100000 --sessions 2000 --out /tmp/big [--seed 7]
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRandom } from "../src/seating/random.js";

const KR_FAMILY = [
  ["김", "Kim"],
  ["이", "Lee"],
  ["박", "Park"],
  ["최", "Choi"],
  ["정", "Jung"],
  ["강", "Kang"],
  ["조", "Cho"],
  ["윤", "Yoon"],
  ["장", "Jang"],
  ["임", "Lim"],
  ["한", "Han"],
  ["오", "Oh"],
];
const KR_GIVEN = [
  ["민준", "Min-jun"],
  ["서연", "Seo-yeon"],
  ["지훈", "Ji-hun"],
  ["수빈", "Su-bin"],
  ["현우", "Hyun-woo"],
  ["지민", "Ji-min"],
  ["예린", "Ye-rin"],
  ["도윤", "Do-yoon"],
  ["하은", "Ha-eun"],
  ["성호", "Seong-ho"],
];
const VN_FAMILY = [
  ["Nguyễn", "Nguyen"],
  ["Trần", "Tran"],
  ["Lê", "Le"],
  ["Phạm", "Pham"],
  ["Hoàng", "Hoang"],
  ["Võ", "Vo"],
  ["Đặng", "Dang"],
  ["Bùi", "Bui"],
];
const VN_GIVEN = [
  ["Văn An", "Van An"],
  ["Thị Hoa", "Thi Hoa"],
  ["Minh Tuấn", "Minh Tuan"],
  ["Thu Hằng", "Thu Hang"],
  ["Quốc Bảo", "Quoc Bao"],
  ["Ngọc Lan", "Ngoc Lan"],
  ["Đức Thắng", "Duc Thang"],
];
const EN_FAMILY = ["Grant", "Okafor", "Schmidt", "Haddad", "Novak", "Silva", "Moreau", "Larsen"];
const EN_GIVEN = ["Oliver", "Amara", "Lena", "Yusuf", "Marta", "Tomás", "Claire", "Nils"];
const ORGS = [
  "Hanbit Logistics",
  "Seoul Green Energy",
  "Mekong Film Studio",
  "Bến Thành Cuisine",
  "Nuri AI Systems",
  "Harbourline Shipping",
  "Thủ Đức Innovation Hub",
  "Sejong Fashion Group",
];
const CATEGORIES = ["delegate", "delegate", "delegate", "delegate", "speaker", "vip", "press", "staff"];

const prng = createRandom;

export interface GeneratedEvent {
  "event.yaml": string;
  "delegates.csv": string;
  "venues.csv": string;
  "sessions.csv": string;
  "seating.csv": string;
}

/**
 * A valid fictional event. The gala seats the first `gala` delegates (default 1,000) at tables of
 * ten plus a head table of twelve, with what a real banquet has: a precedence order, interpreters
 * for the first VIPs, delegations, guests needing accessible seats, and wishes in seating.csv.
 */
export function generateEvent(
  delegates: number,
  sessions: number,
  seed = 1,
  options: { gala?: number } = {},
): GeneratedEvent {
  const galaSize = Math.min(delegates, options.gala ?? 1000);
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const days = Math.max(2, Math.ceil(sessions / 400));
  const slots = [540, 630, 720, 810, 900, 990, 1080]; // 09:00 … 18:00, 80-minute sessions
  const perDaySlot = Math.ceil(sessions / (days * slots.length));
  const rooms = perDaySlot + 1;
  const venueRows = ["id,venue,room,capacity,layout,tables,seats_per_table,head_table_seats"];
  for (let r = 0; r < rooms - 1; r++)
    venueRows.push(`R${r},Saigon Expo Centre,Hall ${r + 1},${delegates + 10},theatre,,,`);
  const banquetTables = Math.ceil(galaSize / 10) + 1;
  const accessible = Math.max(2, Math.ceil(galaSize / 100));
  venueRows[0] += ",accessible_seats";
  for (let r = 1; r < venueRows.length; r++) venueRows[r] += ",";
  venueRows.push(
    `BANQUET,Saigon Expo Centre,Mekong Ballroom,${delegates + 10},banquet,${banquetTables},10,12,${accessible * 2}`,
  );

  const sessionRows = ["id,title,title_ko,title_vi,date,start,end,room,type,speakers,audience,seating"];
  const sessionIds: string[] = [];
  const start = new Date(Date.UTC(2027, 5, 14));
  const dayOf = (d: number) => new Date(start.getTime() + d * 86_400_000).toISOString().slice(0, 10);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  let made = 0;
  for (let d = 0; d < days && made < sessions - 1; d++) {
    for (const slot of slots) {
      for (let r = 0; r < rooms - 1 && made < sessions - 1; r++) {
        const id = `S${made}`;
        // Speaker ids are spread so that no one speaks twice at the same time.
        const speaker = `D${(made * 7919) % delegates}`;
        sessionRows.push(
          `${id},Session ${made} on trade and investment,세션 ${made},Phiên ${made},${dayOf(d)},${hhmm(slot)},${hhmm(slot + 80)},R${r},panel,${speaker},registered,none`,
        );
        sessionIds.push(id);
        made++;
      }
    }
  }
  sessionRows.push(
    `GALA,Gala banquet,갈라 만찬,Tiệc chiêu đãi,${dayOf(0)},19:30,22:00,BANQUET,banquet,,registered,assigned`,
  );

  const delegateRows = [
    "id,given_name,family_name,native_name,organisation,country,category,language,email,sessions,precedence,delegation,interpreter_for,accessibility",
  ];
  const sessionsPerSlot = rooms - 1;
  for (let i = 0; i < delegates; i++) {
    const kind = rnd();
    let given: string;
    let family: string;
    let native = "";
    let country: string;
    let language: string;
    if (kind < 0.45) {
      const f = pick(KR_FAMILY);
      const g = pick(KR_GIVEN);
      [given, family, native, country, language] = [g[1]!, f[1]!, f[0]! + g[0]!, "KR", "ko"];
    } else if (kind < 0.85) {
      const f = pick(VN_FAMILY);
      const g = pick(VN_GIVEN);
      [given, family, native, country, language] = [g[1]!, f[1]!, `${f[0]} ${g[0]}`, "VN", "vi"];
    } else {
      [given, family, country, language] = [pick(EN_GIVEN), pick(EN_FAMILY), "GB", "en"];
    }
    // Two sessions in different time slots, so nobody is double-booked; the first 1,000 go to the gala.
    const a = Math.floor(rnd() * sessionIds.length);
    const b = (a + sessionsPerSlot * (1 + Math.floor(rnd() * 3))) % sessionIds.length;
    const mine = [sessionIds[a], sessionIds[b]];
    const atGala = i < galaSize;
    if (atGala) mine.push("GALA");
    // Gala roles: the first eight rank for the head table; the next four interpret for the first four.
    const precedence = atGala && i < 8 ? String(i + 1) : "";
    const interpreterFor = atGala && i >= 8 && i < 12 ? `D${i - 8}` : "";
    const category = interpreterFor
      ? "interpreter"
      : i < 8
        ? "vip"
        : pick(CATEGORIES.filter((c) => c !== "interpreter"));
    const needs = atGala && i > 12 && i % 97 === 0 && i / 97 <= accessible ? "wheelchair" : "";
    delegateRows.push(
      `D${i},${given},${family},${native},${pick(ORGS)},${country},${category},${language},d${i}@example.org,${mine.join(";")},${precedence},${country} delegation,${interpreterFor},${needs}`,
    );
  }
  const eventYaml = `name: { en: Synthetic Trade Summit, ko: 합성 무역 서밋, vi: Hội nghị Thương mại Tổng hợp }
start: ${dayOf(0)}
end: ${dayOf(days - 1)}
timezone: Asia/Ho_Chi_Minh
city: Ho Chi Minh City
languages: [en, ko, vi]
`;
  // Wishes among gala guests past the head table: pairs to keep apart and pairs to seat together.
  const wishRows = ["kind,a,b,strength,session,note"];
  for (let k = 0; k < Math.floor(galaSize / 50); k++) {
    const a = 20 + ((k * 37) % Math.max(1, galaSize - 20));
    const b = 20 + ((k * 37 + 11) % Math.max(1, galaSize - 20));
    if (a !== b && a < galaSize && b < galaSize)
      wishRows.push(`${k % 2 ? "together" : "apart"},D${a},D${b},${k % 3 ? "prefer" : "must"},GALA,`);
  }
  return {
    "event.yaml": eventYaml,
    "seating.csv": `${wishRows.join("\n")}\n`,
    "delegates.csv": `${delegateRows.join("\n")}\n`,
    "venues.csv": `${venueRows.join("\n")}\n`,
    "sessions.csv": `${sessionRows.join("\n")}\n`,
  };
}

const USAGE = `usage: npm run bench:generate -- --delegates N --sessions M --out DIR [--seed S]

Writes a synthetic, valid event (event.yaml and the four CSV files) into DIR.
  --delegates N   number of delegates (default 1000)
  --sessions M    number of sessions (default 100)
  --out DIR       folder to write (created if missing)
  --seed S        random seed (default 1); the same seed gives the same files
  --help          this text
`;

/** The options, or a usage error: a mistyped flag gets the usage, not a stack trace. */
function readOptions(): { delegates: string; sessions: string; out: string; seed: string } {
  let values: { delegates?: string; sessions?: string; out?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        delegates: { type: "string", default: "1000" },
        sessions: { type: "string", default: "100" },
        out: { type: "string" },
        seed: { type: "string", default: "1" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}

${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const counts = [values.delegates, values.sessions, values.seed];
  if (!values.out || counts.some((v) => !/^\d+$/.test(v ?? ""))) {
    process.stderr.write(
      `${values.out ? "error: --delegates, --sessions and --seed take whole numbers\n\n" : ""}${USAGE}`,
    );
    process.exit(2);
  }
  return values as { delegates: string; sessions: string; out: string; seed: string };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const values = readOptions();
  const files = generateEvent(Number(values.delegates), Number(values.sessions), Number(values.seed));
  await mkdir(values.out, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(values.out, name), content);
  process.stdout.write(
    `Wrote ${values.delegates} delegates and ${values.sessions} sessions to ${values.out}\n`,
  );
}
