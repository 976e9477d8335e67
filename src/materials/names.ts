/** The materials conclave makes; kept apart from their code so the CLI can list them cheaply. */
export const MATERIAL_NAMES = ["agenda", "badges", "checkin", "letters", "seating", "protocol"] as const;
export type MaterialName = (typeof MATERIAL_NAMES)[number];
