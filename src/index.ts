/** conclave as a library: the pure core, usable without the command line. */

export {
  BuildAborted,
  type BuildHooks,
  type BuildOptions,
  type BuildProgress,
  type BuildResult,
  buildEventFolder,
} from "./build/index.js";
export { decodeBytes, type Encoding } from "./csv/decode.js";
export { chooseDelimiter, normalizeHeader, parseCsv } from "./csv/parse.js";
export type { Diagnostic, Location, Severity } from "./diagnostics.js";
export { BuildFailed, DataInvalid, UserError } from "./errors.js";
export { loadEventFolder } from "./load/event-folder.js";
export type { MaterialContext, MaterialResult } from "./materials/context.js";
export { buildEvent } from "./model/build.js";
export { latinName, pick } from "./model/names.js";
export type { Delegate, Event, Room, Session } from "./model/types.js";
export { type EventConfig, parseEventConfig } from "./schema/event.js";
export { type CheckInput, type CheckResult, checkEvent } from "./validate/index.js";
