import type { Diagnostic } from "./diagnostics.js";

/**
 * The three kinds of failure (DESIGN habit 3). `UserError` is a mistake in how conclave was called
 * or configured (exit 2); `DataInvalid` carries the diagnostics of data that cannot be used
 * (exit 1); `BuildFailed` is a material that could not be made from valid data (exit 1).
 * Anything else is a bug in conclave and is shown with its stack.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export class DataInvalid extends Error {
  override readonly name = "DataInvalid";
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    message = "the event data has errors",
  ) {
    super(message);
  }
}

export class BuildFailed extends Error {
  override readonly name = "BuildFailed";
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
