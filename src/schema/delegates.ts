import type { Location } from "../diagnostics.js";
import {
  country,
  date,
  dateTime,
  email,
  id,
  idList,
  integer,
  type Language,
  language,
  oneOf,
  phone,
  text,
} from "./fields.js";
import { columnIndex, type TableRow, type TableSpec } from "./table.js";
import { translationsOf } from "./translations.js";

export const CATEGORIES = [
  "vip",
  "delegate",
  "speaker",
  "press",
  "staff",
  "interpreter",
  "organiser",
] as const;
export type Category = (typeof CATEGORIES)[number];
export const SECTORS = ["government", "parliament", "business", "academia", "media", "other"] as const;
export type Sector = (typeof SECTORS)[number];
export const NAME_ORDERS = ["given-first", "family-first"] as const;
export type NameOrder = (typeof NAME_ORDERS)[number];
/** Naming customs: how a name is ordered and which part of it a person is called by. */
export const NAMING_CUSTOMS = ["ko", "vi", "zh", "ja", "mn", "hu", "western"] as const;
export type NamingCustom = (typeof NAMING_CUSTOMS)[number];
export const GENDERS = ["male", "female"] as const;
export type Gender = (typeof GENDERS)[number];
export const PASSPORT_TYPES = ["diplomatic", "official", "ordinary"] as const;
export type PassportType = (typeof PASSPORT_TYPES)[number];

export const delegatesSpec: TableSpec = {
  key: "delegates",
  columns: [
    {
      name: "id",
      required: true,
      type: id,
      description: "Unique delegate id, used in file names, QR codes and references",
      example: "KR-001",
    },
    {
      name: "given_name",
      required: true,
      type: text,
      description: "Given name in Latin script, as in the passport (badges, letters, lists)",
      example: "Min-jun",
      printed: true,
    },
    {
      name: "family_name",
      required: true,
      type: text,
      description: "Family name in Latin script (badges, letters, and the sort order of every list)",
      example: "Kim",
      printed: true,
    },
    {
      name: "organisation",
      required: true,
      type: text,
      description: "Organisation the delegate represents",
      example: "Hanbit Logistics",
      printed: true,
      translatable: true,
    },
    {
      name: "country",
      required: true,
      type: country,
      description: "Country the delegate comes from (ISO 3166-1 alpha-2)",
      example: "KR",
    },
    {
      name: "category",
      required: true,
      type: oneOf(CATEGORIES),
      description: `Badge class: ${CATEGORIES.join(", ")}`,
      example: "delegate",
    },
    {
      name: "honorific",
      required: false,
      type: text,
      description: "Form of address: Mr, Ms, Dr, Prof, Hon., H.E., Ông, Bà…",
      example: "Hon.",
      printed: true,
      translatable: true,
    },
    {
      name: "native_name",
      required: false,
      type: text,
      description:
        "Full name in the delegate's own script, written in its own order; native_name_zh: the same person's name in Chinese characters for Chinese readers (a Korean's Hanja name)",
      example: "김민준",
      printed: true,
      translatable: true,
    },
    {
      name: "name_order",
      required: false,
      type: oneOf(NAME_ORDERS),
      description:
        "Order of the native name; defaults from the naming custom: given-first for western, family-first for the others",
      example: "family-first",
    },
    {
      name: "name_ko",
      required: false,
      type: text,
      description:
        "The name in Hangul for Korean readers when native_name is not Hangul (Vietnamese, Western names); letters print it with the Latin name in brackets",
      example: "호앙 민 찌",
      printed: true,
    },
    {
      name: "name_zh",
      required: false,
      type: text,
      description:
        "The name in Chinese characters for Chinese readers when the person has no Chinese name of their own (a transcription); printed with the Latin name in brackets",
      example: "阮文安",
      printed: true,
    },
    {
      name: "name_mn",
      required: false,
      type: text,
      description:
        "The name in Mongolian Cyrillic for Mongolian readers when native_name is not Cyrillic (a transcription); printed with the Latin name in brackets",
      example: "Ким Минжүн",
      printed: true,
    },
    {
      name: "naming_custom",
      required: false,
      type: oneOf(NAMING_CUSTOMS),
      description: `Naming custom (${NAMING_CUSTOMS.join(", ")}): name order and the name a person is called by; defaults from nationality, then country`,
      example: "ko",
    },
    {
      name: "addressed_as",
      required: false,
      type: text,
      description: "The name used after Mr/Ms in salutations when the naming custom's rule does not fit",
      example: "Batbold",
      printed: true,
    },
    {
      name: "gender",
      required: false,
      type: oneOf(GENDERS),
      description:
        "male or female, only where the person has said it: gives Mr/Ms, Ông/Bà when the honorific does not",
      example: "female",
    },
    {
      name: "position",
      required: false,
      type: text,
      description: "Title or position",
      example: "Member of the National Assembly",
      printed: true,
      translatable: true,
    },
    {
      name: "delegation",
      required: false,
      type: text,
      description: "Delegation the delegate travels with (for seating and badge order)",
      example: "Korean business delegation",
      printed: true,
    },
    {
      name: "sector",
      required: false,
      type: oneOf(SECTORS),
      description: `Sector: ${SECTORS.join(", ")}`,
      example: "parliament",
    },
    {
      name: "precedence",
      required: false,
      type: integer(1),
      description: "Protocol rank, 1 = highest; used for the head table and running orders",
      example: "3",
    },
    {
      name: "language",
      required: false,
      type: language,
      description:
        "Language of the delegate's materials (en, ko, vi); defaults to the event's first language",
      example: "ko",
    },
    {
      name: "email",
      required: false,
      type: email,
      description: "Email address for letters; never printed on a badge",
      example: "minjun.kim@example.kr",
      personal: true,
    },
    {
      name: "phone",
      required: false,
      type: phone,
      description: "Phone number; never printed",
      example: "+82 10 5555 0101",
      personal: true,
      numberLike: "phone",
    },
    {
      name: "sessions",
      required: false,
      type: idList,
      description: "Ids of the sessions the delegate registered for, separated by ;",
      example: "S1-URBAN;BANQUET",
    },
    {
      name: "dietary",
      required: false,
      type: text,
      description: "Dietary requirements (catering lists only)",
      example: "vegetarian",
      personal: true,
    },
    {
      name: "accessibility",
      required: false,
      type: text,
      description: "Accessibility needs (seating, catering and staff lists only)",
      example: "wheelchair",
      personal: true,
    },
    {
      name: "interpreter_for",
      required: false,
      type: id,
      description: "Id of the delegate this interpreter works for",
      example: "KR-001",
    },
    {
      name: "passport_number",
      required: false,
      type: text,
      description: "Passport number (visa letters only)",
      example: "M12345678",
      personal: true,
      numberLike: "code",
    },
    {
      name: "nationality",
      required: false,
      type: country,
      description: "Nationality as in the passport (visa letters only)",
      example: "KR",
      personal: true,
    },
    {
      name: "passport_type",
      required: false,
      type: oneOf(PASSPORT_TYPES),
      description: `Passport type (${PASSPORT_TYPES.join(", ")}; default ordinary): decides visa exemptions`,
      example: "diplomatic",
      personal: true,
    },
    {
      name: "passport_name",
      required: false,
      type: text,
      description:
        "The name exactly as the passport prints it (visa letters only); default FAMILY GIVEN in ASCII capitals",
      example: "HONG HYUNWOO",
      personal: true,
    },
    {
      name: "date_of_birth",
      required: false,
      type: date,
      description: "Date of birth, YYYY-MM-DD (visa letters only)",
      example: "1968-03-14",
      personal: true,
    },
    {
      name: "arrival",
      required: false,
      type: dateTime,
      description: "Arrival date, optionally with time",
      example: "2023-06-19 14:35",
    },
    {
      name: "departure",
      required: false,
      type: dateTime,
      description: "Departure date, optionally with time",
      example: "2023-06-22",
    },
  ],
};

export interface DelegateRow {
  loc: Location;
  id: string;
  givenName: string;
  familyName: string;
  organisation: string;
  country: string;
  category: Category;
  honorific?: string;
  nativeName?: string;
  nameOrder?: NameOrder;
  nameKo?: string;
  nameZh?: string;
  nameMn?: string;
  namingCustom?: NamingCustom;
  addressedAs?: string;
  gender?: Gender;
  position?: string;
  delegation?: string;
  sector?: Sector;
  precedence?: number;
  language?: Language;
  email?: string;
  phone?: string;
  sessions: string[];
  dietary?: string;
  accessibility?: string;
  interpreterFor?: string;
  passportNumber?: string;
  nationality?: string;
  passportType?: PassportType;
  passportName?: string;
  dateOfBirth?: string;
  arrival?: string;
  departure?: string;
  /** `<field>_<lang>` variants: translations.position.ko */
  translations: Record<string, Partial<Record<Language, string>>>;
}

export function toDelegateRow(row: TableRow): DelegateRow {
  // By column index, not by name: 100,000 rows of 25 fields each.
  const c = columnIndex(delegatesSpec) as Record<string, number>;
  const v = row.values;
  const s = (k: string) => v[c[k]!] as string | undefined;
  return {
    loc: row.loc,
    id: s("id") ?? "",
    givenName: s("given_name") ?? "",
    familyName: s("family_name") ?? "",
    organisation: s("organisation") ?? "",
    country: s("country") ?? "",
    category: (v[c.category!] as Category | undefined) ?? "delegate",
    honorific: s("honorific"),
    nativeName: s("native_name"),
    nameOrder: v[c.name_order!] as NameOrder | undefined,
    nameKo: s("name_ko"),
    nameZh: s("name_zh"),
    nameMn: s("name_mn"),
    namingCustom: v[c.naming_custom!] as NamingCustom | undefined,
    addressedAs: s("addressed_as"),
    gender: v[c.gender!] as Gender | undefined,
    position: s("position"),
    delegation: s("delegation"),
    sector: v[c.sector!] as Sector | undefined,
    precedence: v[c.precedence!] as number | undefined,
    language: v[c.language!] as Language | undefined,
    email: s("email"),
    phone: s("phone"),
    sessions: (v[c.sessions!] as string[] | undefined) ?? [],
    dietary: s("dietary"),
    accessibility: s("accessibility"),
    interpreterFor: s("interpreter_for"),
    passportNumber: s("passport_number"),
    nationality: s("nationality"),
    passportType: v[c.passport_type!] as PassportType | undefined,
    passportName: s("passport_name"),
    dateOfBirth: s("date_of_birth"),
    arrival: s("arrival"),
    departure: s("departure"),
    translations: translationsOf(row),
  };
}
