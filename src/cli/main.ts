import { CommanderError } from "commander";
import { BuildFailed, DataInvalid, UserError } from "../errors.js";
import { createProgram } from "./program.js";
import { formatPretty } from "./report/pretty.js";
import { safeLines } from "./report/safe-text.js";
import { createUi } from "./ui.js";

/**
 * The one error handler and the only place that sets the exit code (DESIGN habit 3):
 * 0 ok; 1 invalid data or a failed build; 2 usage, configuration or environment; 130 interrupted.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = createProgram((code) => {
    exitCode = code;
  });
  const noColor = argv.includes("--no-color");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    const ui = createUi({ color: noColor ? false : undefined });
    const c = ui.color;
    if (error instanceof CommanderError) {
      // Commander has already printed the message (or the help/version).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      ui.error(`${c.red("error:")} ${safeLines(error.message)}`);
      if (error.hint) ui.error(`${c.cyan("hint:")} ${safeLines(error.hint)}`);
      return 2;
    }
    if (error instanceof DataInvalid) {
      ui.error(formatPretty(error.diagnostics, c));
      const config = error.diagnostics.some((d) => d.code === "event-config");
      if (config) ui.error(`${c.red("error:")} ${safeLines(error.message)}`);
      return config ? 2 : 1;
    }
    if (error instanceof BuildFailed) {
      ui.error(`${c.red("error:")} ${safeLines(error.message)}`);
      if (error.hint) ui.error(`${c.cyan("hint:")} ${safeLines(error.hint)}`);
      return 1;
    }
    if (error instanceof Error && error.name === "ExitPromptError") {
      ui.error("Cancelled.");
      return 130;
    }
    ui.error(
      `${c.red("internal error:")} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    ui.error("This is a bug in conclave, not in your data. Please report it with the command you ran.");
    return 1;
  }
}

/**
 * A reader that stops early (`conclave --help | head`, a pager closed with q) closes the pipe; the
 * next write then fails with EPIPE. That is not the user's mistake nor ours: the rest of the output
 * is dropped and the command runs to its end, so a build piped into `head` still writes every file
 * whole rather than dying half-way with a stack trace.
 */
function dropOutputWhenReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") return;
    throw error;
  });
}
dropOutputWhenReaderLeaves(process.stdout);
dropOutputWhenReaderLeaves(process.stderr);

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
