import type { Location } from "../diagnostics.js";
import { builtinExample } from "../i18n/examples.js";
import {
  CATEGORIES,
  type Category,
  GENDERS,
  type Gender,
  NAME_ORDERS,
  NAMING_CUSTOMS,
  type NameOrder,
  type NamingCustom,
  PASSPORT_TYPES,
  type PassportType,
  SECTORS,
  type Sector,
} from "./delegate-values.js";
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
import { columnsAt, type TableRow, type TableSpec } from "./table.js";
import { translationsOf } from "./translations.js";

// The value lists live apart (the language packs read them); delegates.csv's spec keeps them at hand.
export * from "./delegate-values.js";

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
      // The examples in a language's script are its pack's (`examples`), read when asked: the
      // specs load at every start, the packs only when a command needs them.
      get example() {
        return builtinExample("ko", "name");
      },
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
      get example() {
        return builtinExample("ko", "transcription").name;
      },
      printed: true,
    },
    {
      name: "name_zh",
      required: false,
      type: text,
      description:
        "The name in Chinese characters for Chinese readers when the person has no Chinese name of their own (a transcription); printed with the Latin name in brackets",
      get example() {
        return builtinExample("zh-Hans", "transcription").name;
      },
      printed: true,
    },
    {
      name: "name_mn",
      required: false,
      type: text,
      description:
        "The name in Mongolian Cyrillic for Mongolian readers when native_name is not Cyrillic (a transcription); printed with the Latin name in brackets",
      get example() {
        return builtinExample("mn", "transcription").name;
      },
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

/** The columns toDelegateRow reads. */
const DELEGATE_FIELDS = [
  "id",
  "given_name",
  "family_name",
  "organisation",
  "country",
  "category",
  "honorific",
  "native_name",
  "name_order",
  "name_ko",
  "name_zh",
  "name_mn",
  "naming_custom",
  "addressed_as",
  "gender",
  "position",
  "delegation",
  "sector",
  "precedence",
  "language",
  "email",
  "phone",
  "sessions",
  "dietary",
  "accessibility",
  "interpreter_for",
  "passport_number",
  "nationality",
  "passport_type",
  "passport_name",
  "date_of_birth",
  "arrival",
  "departure",
] as const;
const delegateColumns = columnsAt(delegatesSpec, DELEGATE_FIELDS);

export function toDelegateRow(row: TableRow): DelegateRow {
  // By column index, not by name, and with no helper call per field: 100,000 rows of 33 fields.
  const c = delegateColumns;
  const v = row.values;
  return {
    loc: row.loc,
    id: (v[c.id] as string | undefined) ?? "",
    givenName: (v[c.given_name] as string | undefined) ?? "",
    familyName: (v[c.family_name] as string | undefined) ?? "",
    organisation: (v[c.organisation] as string | undefined) ?? "",
    country: (v[c.country] as string | undefined) ?? "",
    category: (v[c.category] as Category | undefined) ?? "delegate",
    honorific: v[c.honorific] as string | undefined,
    nativeName: v[c.native_name] as string | undefined,
    nameOrder: v[c.name_order] as NameOrder | undefined,
    nameKo: v[c.name_ko] as string | undefined,
    nameZh: v[c.name_zh] as string | undefined,
    nameMn: v[c.name_mn] as string | undefined,
    namingCustom: v[c.naming_custom] as NamingCustom | undefined,
    addressedAs: v[c.addressed_as] as string | undefined,
    gender: v[c.gender] as Gender | undefined,
    position: v[c.position] as string | undefined,
    delegation: v[c.delegation] as string | undefined,
    sector: v[c.sector] as Sector | undefined,
    precedence: v[c.precedence] as number | undefined,
    language: v[c.language] as Language | undefined,
    email: v[c.email] as string | undefined,
    phone: v[c.phone] as string | undefined,
    sessions: (v[c.sessions] as string[] | undefined) ?? [],
    dietary: v[c.dietary] as string | undefined,
    accessibility: v[c.accessibility] as string | undefined,
    interpreterFor: v[c.interpreter_for] as string | undefined,
    passportNumber: v[c.passport_number] as string | undefined,
    nationality: v[c.nationality] as string | undefined,
    passportType: v[c.passport_type] as PassportType | undefined,
    passportName: v[c.passport_name] as string | undefined,
    dateOfBirth: v[c.date_of_birth] as string | undefined,
    arrival: v[c.arrival] as string | undefined,
    departure: v[c.departure] as string | undefined,
    translations: translationsOf(row),
  };
}
