import type { Location } from "../diagnostics.js";
import { builtinExample } from "../i18n/examples.js";
import type { Language } from "./fields.js";
import { id, integer, oneOf, text } from "./fields.js";
import { type TableRow, type TableSpec, valuesOf } from "./table.js";
import { translationsOf } from "./translations.js";

export const LAYOUTS = ["theatre", "classroom", "banquet", "boardroom", "reception"] as const;
export type Layout = (typeof LAYOUTS)[number];

export const venuesSpec: TableSpec = {
  key: "venues",
  columns: [
    {
      name: "id",
      required: true,
      type: id,
      description: "Unique room id, used by sessions.csv",
      example: "GRAND-BALLROOM",
    },
    {
      name: "venue",
      required: true,
      type: text,
      description: "Building or hotel",
      example: "Saigon Riverside Hotel",
      printed: true,
      translatable: true,
    },
    {
      name: "room",
      required: true,
      type: text,
      description: "Room name as signposted",
      example: "Grand Ballroom",
      printed: true,
      translatable: true,
    },
    {
      name: "capacity",
      required: true,
      type: integer(1),
      description: "Number of people the room holds in its layout",
      example: "400",
    },
    {
      name: "address",
      required: false,
      type: text,
      description: "Street address (letters, calendars)",
      // The vi pack's `examples.address`, read when asked (the specs load at every start).
      get example() {
        return builtinExample("vi", "address");
      },
      printed: true,
      multiline: true,
      translatable: true,
    },
    {
      name: "city",
      required: false,
      type: text,
      description: "City",
      example: "Ho Chi Minh City",
      printed: true,
      translatable: true,
    },
    {
      name: "layout",
      required: false,
      type: oneOf(LAYOUTS),
      description: `Room set-up: ${LAYOUTS.join(", ")}`,
      example: "banquet",
    },
    {
      name: "tables",
      required: false,
      type: integer(1),
      description: "Number of tables (banquet and classroom layouts)",
      example: "15",
    },
    {
      name: "seats_per_table",
      required: false,
      type: integer(1),
      description: "Seats at each ordinary table",
      example: "10",
    },
    {
      name: "head_table_seats",
      required: false,
      type: integer(1),
      description: "Seats at the head table, counted separately from the ordinary tables",
      example: "12",
    },
    {
      name: "accessible_seats",
      required: false,
      type: integer(0),
      description: "Seats reachable by wheelchair",
      example: "4",
    },
  ],
};

export interface VenueRow {
  loc: Location;
  id: string;
  venue: string;
  room: string;
  capacity: number;
  address?: string;
  city?: string;
  layout?: Layout;
  tables?: number;
  seatsPerTable?: number;
  headTableSeats?: number;
  accessibleSeats?: number;
  translations: Record<string, Partial<Record<Language, string>>>;
}

export function toVenueRow(row: TableRow): VenueRow {
  const v = valuesOf(row, venuesSpec);
  const n = (k: string) => v.get(k) as number | undefined;
  const s = (k: string) => v.get(k) as string | undefined;
  return {
    loc: row.loc,
    id: s("id") ?? "",
    venue: s("venue") ?? "",
    room: s("room") ?? "",
    capacity: n("capacity") ?? 0,
    address: s("address"),
    city: s("city"),
    layout: v.get("layout") as Layout | undefined,
    tables: n("tables"),
    seatsPerTable: n("seats_per_table"),
    headTableSeats: n("head_table_seats"),
    accessibleSeats: n("accessible_seats"),
    translations: translationsOf(row),
  };
}
