import { Chalk, type ChalkInstance } from "chalk";
import type { Ora } from "ora";
import { safeLine } from "./report/safe-text.js";

// The spinner library is loaded only where a spinner can be shown (an interactive stderr outside
// CI): a build in CI or piped to a file starts without it.
const interactive = process.stderr.isTTY === true && !isCi(process.env);
const ora = interactive ? (await import("ora")).default : undefined;

function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== "" && env.CI !== "false";
}

/**
 * The one place that decides about the terminal (DESIGN habit 5): results to stdout, logs and
 * spinners to stderr; spinners only on an interactive stderr outside CI; colours honour
 * NO_COLOR, FORCE_COLOR and --no-color.
 */
export interface Ui {
  color: ChalkInstance;
  quiet: boolean;
  /** Interactive stdin: prompts may be shown. */
  canPrompt: boolean;
  /** Writes a result line to stdout. */
  out(text: string): void;
  /** Writes a log line to stderr (suppressed by --quiet). */
  log(text: string): void;
  /** Writes an error line to stderr (never suppressed). */
  error(text: string): void;
  /** A spinner on a TTY, plain start/finish lines elsewhere. */
  task(text: string): Task;
}

export interface Task {
  /** New text for the running task; with done/total, plain terminals print it at each quarter. */
  update(text: string, done?: number, total?: number): void;
  succeed(text: string): void;
  /** Finished, but with something the user must look at. */
  warn(text: string): void;
  fail(text: string): void;
}

export interface UiOptions {
  quiet?: boolean;
  color?: boolean;
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

export function colorLevel(
  env: NodeJS.ProcessEnv,
  stream: { isTTY?: boolean },
  flag: boolean | undefined,
): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    if (force === "2") return 2;
    if (force === "3") return 3;
    return 1;
  }
  if (!stream.isTTY || env.TERM === "dumb") return 0;
  return 1;
}

export function createUi(options: UiOptions = {}): Ui {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const stdin = options.stdin ?? process.stdin;
  const quiet = options.quiet === true;
  const color = new Chalk({ level: colorLevel(env, stderr, options.color) });
  const spinners = ora !== undefined && !quiet && stderr.isTTY === true && !isCi(env);
  const ui: Ui = {
    color,
    quiet,
    canPrompt: stdin.isTTY === true,
    out: (text) => stdout.write(`${text}\n`),
    log: (text) => {
      if (!quiet) stderr.write(`${text}\n`);
    },
    error: (text) => stderr.write(`${text}\n`),
    task(raw) {
      // Task lines name folders and files the user chose: cleaned like diagnostics (safe-text.ts).
      const text = safeLine(raw);
      if (spinners && ora) {
        // The terminal keeps its own Ctrl-C: with ora's stdin discarding (raw mode), Ctrl-C
        // reached the build as a keystroke that was never turned into SIGINT, and a long build
        // could not be stopped.
        const spinner: Ora = ora({ text, stream: stderr, discardStdin: false }).start();
        return {
          update: (t) => {
            spinner.text = safeLine(t);
          },
          succeed: (t) => spinner.succeed(safeLine(t)),
          warn: (t) => spinner.warn(safeLine(t)),
          fail: (t) => spinner.fail(safeLine(t)),
        };
      }
      // Without a spinner, progress is a plain line at each quarter of the work, so a CI log
      // shows that a long build is moving without a line per document.
      let lastQuarter = 0;
      return {
        update: (t, done, total) => {
          if (done === undefined || !total) return;
          const quarter = Math.floor((done / total) * 4);
          if (quarter > lastQuarter && quarter < 4) {
            lastQuarter = quarter;
            ui.log(`  ${safeLine(t)}`);
          }
        },
        succeed: (t) => ui.log(`${color.green("✓")} ${safeLine(t)}`),
        warn: (t) => ui.error(`${color.yellow("!")} ${safeLine(t)}`),
        fail: (t) => ui.error(`${color.red("✗")} ${safeLine(t)}`),
      };
    },
  };
  return ui;
}
