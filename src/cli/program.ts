import { availableParallelism } from "node:os";
import { Command, InvalidArgumentError, Option } from "commander";
import { BADGE_STOCKS } from "../materials/badges/stock-names.js";
import type { MaterialName } from "../materials/index.js";
import { MATERIAL_NAMES } from "../materials/names.js";
import { LANGUAGE_TAG, LANGUAGES } from "../schema/fields.js";
import { version } from "../version.js";
import { parseOnly } from "./commands/only.js";
import { createUi, type Ui } from "./ui.js";

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of 1 or more.");
  return n;
};

const nonNegativeInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number of 0 or more.");
  return n;
};

const portNumber = (value: string) => {
  const n = nonNegativeInt(value);
  if (n > 65535) throw new InvalidArgumentError("expected a port number from 0 to 65535 (0: a free one).");
  return n;
};

const positiveNumber = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a number above 0.");
  return n;
};

/** The most compile workers: more than the cores only take memory (each holds Typst and its fonts). */
export const maxJobs = () => availableParallelism();

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--allow-outside PATH`, repeatable, on every command that reads an event folder. */
const allowOutsideOption = () =>
  new Option(
    "--allow-outside <path>",
    "also read files under this folder outside the event folder (shared logos, fonts); repeatable",
  )
    .argParser(collect)
    .default([]);

const effortNumber = (value: string) => {
  const n = positiveNumber(value);
  if (n > 100) throw new InvalidArgumentError("expected a number above 0 and at most 100.");
  return n;
};

/**
 * `--lang`: any language with a pack, conclave's or the event's own (i18n/fr.yaml). Only the
 * tag's form is checked here; which packs there are is known once the event is read.
 */
const languageTag = (value: string) => {
  if (!LANGUAGE_TAG.test(value))
    throw new InvalidArgumentError(
      `"${value}" is not a language tag: use one of ${LANGUAGES.join(", ")} or the tag of a pack in the event's i18n/ folder (fr for i18n/fr.yaml).`,
    );
  return value;
};

const idList = (value: string) =>
  value
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);

const examples = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

/**
 * The command line (commander). Each action turns options into one call of a command function
 * and hands its exit code to `setExit`; cli/main.ts owns the process. Command modules load on
 * demand, so `--help` and `--version` answer without loading the validator or the fonts.
 */
export function createProgram(
  setExit: (code: number) => void,
  makeUi: (opts: { quiet?: boolean; color?: boolean }) => Ui = createUi,
): Command {
  const program = new Command();
  const ui = () => makeUi(program.opts<{ quiet?: boolean; color?: boolean }>());
  const run = (p: Promise<number>) => p.then(setExit);

  // Before any subcommand exists, so every one inherits it: usage errors come back to main.ts
  // as CommanderError (exit 2) instead of commander calling process.exit(1).
  program.exitOverride();
  program
    .name("conclave")
    .description(
      "Organise an international conference from spreadsheets: validate delegates, venues and sessions,\nthen make print-ready agendas, badges, seating plans and letters in Korean, Vietnamese and English.",
    )
    .version(version, "-V, --version", "print the version")
    .option("-q, --quiet", "print only results and errors")
    .option("--no-color", "never colour the output (NO_COLOR and FORCE_COLOR are honoured too)")
    .helpOption("-h, --help", "show help")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      `${examples([
        "conclave init my-event            # answer a few questions, get event.yaml and empty CSVs",
        "conclave init demo --example      # the CICON 2023 example event",
        "conclave validate demo            # every problem in the data, with file:line:column",
        "conclave build demo --out print   # every material into print/",
      ])}
Exit codes: 0 ok; 1 invalid data or a failed build; 2 usage, configuration or environment error.`,
    );

  program
    .command("init")
    .description("create an event folder: event.yaml, empty delegates/venues/sessions CSVs and a README")
    .argument("[dir]", "folder to create or fill", ".")
    .option("-y, --yes", "take the defaults without asking (needed when stdin is not a terminal)", false)
    .option("--example", "write the CICON 2023 example event instead", false)
    .option("--force", "overwrite files that already exist", false)
    .addHelpText(
      "after",
      examples([
        "conclave init events/summit-2025",
        "conclave init /tmp/x --yes",
        "conclave init demo --example",
      ]),
    )
    .action((dir: string, o: { yes: boolean; example: boolean; force: boolean }) =>
      run(import("./commands/init.js").then((m) => m.initCommand(dir, o, ui()))),
    );

  program
    .command("validate")
    .description("check the event's data and report every problem (file, line, column, hint)")
    .argument("[dir]", "event folder holding event.yaml", ".")
    .addOption(
      new Option("--format <format>", "report format")
        .choices(["pretty", "json", "github"])
        .default("pretty"),
    )
    .option("--strict", "treat warnings as errors (exit 1)", false)
    .addOption(allowOutsideOption())
    .addHelpText(
      "after",
      examples([
        "conclave validate events/cicon-2023",
        "conclave validate . --format json > report.json",
        "conclave validate . --format github --strict   # annotations in a GitHub Actions job",
      ]),
    )
    .action(
      (dir: string, o: { format: "pretty" | "json" | "github"; strict: boolean; allowOutside: string[] }) =>
        run(import("./commands/validate.js").then((m) => m.validateCommand(dir, o, ui()))),
    );

  program
    .command("languages")
    .description("list the language packs (conclave's and the event's i18n/<lang>.yaml) and what each covers")
    .argument("[dir]", "event folder whose own packs to list too")
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .addHelpText(
      "after",
      examples([
        "conclave languages",
        "conclave languages events/cicon-2023",
        "conclave languages . --format json",
      ]),
    )
    .action((dir: string | undefined, o: { format: "pretty" | "json" }) =>
      run(import("./commands/languages.js").then((m) => m.languagesCommand(dir, o, ui()))),
    );

  // --jobs above the cores is lowered to them, with a notice (printed by the action, which has the ui).
  let jobsNotice: string | undefined;
  const jobsOption = () =>
    new Option("-j, --jobs <n>", `parallel compile workers, at most the number of cores (${maxJobs()})`)
      .argParser((value: string) => {
        const n = positiveInt(value);
        if (n <= maxJobs()) return n;
        jobsNotice = `--jobs ${n}: using ${maxJobs()}, the number of cores (more workers only take memory).`;
        return maxJobs();
      })
      .default(maxJobs(), "number of cores");
  const noticeJobs = (u: Ui) => {
    if (jobsNotice) u.log(jobsNotice);
    return u;
  };

  program
    .command("build")
    .description(
      "validate, then make every material (agenda, badges, letters, seating, protocol) into the output folder",
    )
    .argument("[dir]", "event folder holding event.yaml", ".")
    .option("-o, --out <dir>", "output folder (default: <dir>/out)")
    .option("--only <materials>", `comma-separated subset of: ${MATERIAL_NAMES.join(", ")}`, parseOnly)
    .addOption(jobsOption())
    .addOption(allowOutsideOption())
    .addOption(
      new Option("--format <format>", "summary format").choices(["pretty", "json"]).default("pretty"),
    )
    .option("--strict", "treat warnings (such as badge-overflow) as errors: exit 1", false)
    .option("--full", "compile every document again, ignoring out/.conclave/ (docs/changes.md)", false)
    .addHelpText(
      "after",
      examples([
        "conclave build events/cicon-2023",
        "conclave build . --full   # ignore what the last build remembers",
        "conclave build . --out /srv/print --only badges,letters",
        "conclave build . --format json   # summary for CI",
      ]),
    )
    .action(
      (
        dir: string,
        o: {
          out?: string;
          only?: MaterialName[];
          jobs: number;
          format: "pretty" | "json";
          allowOutside: string[];
          strict: boolean;
          full: boolean;
        },
      ) => run(import("./commands/build.js").then((m) => m.buildCommand(dir, o, noticeJobs(ui())))),
    );

  for (const name of MATERIAL_NAMES) {
    // The check-in lists are `conclave checkin lists`, beside `checkin verify` (below).
    if (name === "checkin") continue;
    const cmd = program
      .command(name)
      .description(`validate, then make only the ${name}`)
      .argument("[dir]", "event folder holding event.yaml", ".")
      .option("-o, --out <dir>", "output folder (default: <dir>/out)")
      .addOption(jobsOption())
      .addOption(allowOutsideOption())
      .option("--strict", "treat warnings (such as badge-overflow) as errors: exit 1", false);
    if (name === "badges") {
      cmd
        .addOption(
          new Option("--stock <stock>", "label stock (default: badge.stock in event.yaml)").choices(
            BADGE_STOCKS,
          ),
        )
        .addOption(
          new Option("--sort <order>", "badge order (default: badge.sort, family)").choices([
            "family",
            "delegation",
            "category",
          ]),
        )
        .option("--delegates <ids>", "reprint only these delegate ids, comma-separated", idList)
        .option("--skip <n>", "labels already used on the first sheet", nonNegativeInt)
        .option("--calibrate", "print one sheet of outlines and rulers to align the printer", false)
        .option(
          "--volume-sheets <n>",
          "split into files of N sheets (badges-001.pdf…), compiled in parallel",
          nonNegativeInt,
        )
        .option("--no-back", "fronts only, no duplex backs");
    }
    if (name === "seating") {
      cmd
        .option(
          "--seed <n>",
          "seed of the solver (default: seating.seed, 1): same seed, same plan",
          nonNegativeInt,
        )
        .option(
          "--effort <x>",
          "work budget of the search, times the default (default: seating.effort, 1): same budget, same plan on any machine",
          effortNumber,
        )
        .option(
          "--seconds <s>",
          "safety cap on the search time per seated session (default: seating.time_limit_seconds, 120); a plan it cuts short is not reproducible, and conclave says so",
          positiveNumber,
        )
        // The old name of --seconds, kept so that scripts written for it still run.
        .addOption(
          new Option("--time-limit <s>", "the same as --seconds").argParser(positiveNumber).hideHelp(),
        )
        .option("--keep <file>", "keep the seats of an edited assignment.csv fixed")
        // Always passed (false by default): how makeSeating tells this command from a whole build.
        .addOption(
          new Option(
            "--fresh",
            "plan afresh: ignore the previous plan (by default guests keep their tables)",
          ).default(false),
        );
    }
    if (name === "letters") {
      cmd
        .addOption(
          new Option("--kind <kind>", "invitation or visa-support letters")
            .choices(["invitation", "visa"])
            .default("invitation"),
        )
        .addOption(
          new Option(
            "--lang <lang>",
            `every letter in this language (${LANGUAGES.join(", ")}, or a pack of the event's i18n/)`,
          ).argParser(languageTag),
        )
        .option("--delegates <ids>", "letters only for these delegate ids, comma-separated", idList)
        .option("--dry-run", "list the files that would be written, write nothing", false);
    }
    if (name === "agenda") {
      cmd
        .option("--bilingual <pair>", "also a bilingual programme, e.g. ko+en (default: agenda.bilingual)")
        .option("--delegates <ids>", "personal agendas only for these delegate ids, comma-separated", idList)
        .addOption(
          new Option(
            "--lang <lang>",
            `personal agendas in this language for everyone (${LANGUAGES.join(", ")}, or a pack of the event's i18n/)`,
          ).argParser(languageTag),
        )
        .option("--no-personal", "the programme files only, no personal agendas")
        .option("--large-print", "also a large-print programme per language: 16 pt, one column")
        .option("--site", "the programme site (out/site/) alone: no PDFs, calendars or personal agendas")
        .option("--no-site", "leave out the programme site");
    }
    cmd
      .addHelpText(
        "after",
        examples(
          name === "seating"
            ? [
                "conclave seating events/cicon-2023",
                "conclave seating . --seed 7 --effort 2   # twice the work for a better plan",
                "conclave seating . --keep out/seating/BANQUET/assignment.csv   # after editing it",
              ]
            : name === "letters"
              ? [
                  "conclave letters events/cicon-2023",
                  "conclave letters . --kind visa",
                  "conclave letters . --delegates KR-001 --lang en --dry-run",
                ]
              : name === "agenda"
                ? [
                    "conclave agenda events/cicon-2023",
                    "conclave agenda . --bilingual ko+en",
                    "conclave agenda . --delegates KR-001,VN-004   # two personal agendas",
                    "conclave agenda . --site   # the programme site alone, out/site/",
                    "conclave agenda . --large-print --no-personal   # 16 pt programmes too",
                  ]
                : name === "badges"
                  ? [
                      "conclave badges events/cicon-2023",
                      "conclave badges . --stock cr80 --delegates KR-001,KR-017   # reprint two cards",
                      "conclave badges . --skip 3          # the first sheet has 3 labels used",
                      "conclave badges . --calibrate       # one sheet of outlines to align the printer",
                    ]
                  : [`conclave ${name} events/cicon-2023`, `conclave ${name} . --out print`],
        ),
      )
      .action((dir: string, o: { out?: string; jobs: number } & Record<string, unknown>) =>
        run(import("./commands/material.js").then((m) => m.materialCommand(name, dir, o, noticeJobs(ui())))),
      );
  }

  program
    .command("preview")
    .description(
      "a local web page of the materials as rendered pages (pick a material and a delegate), rebuilt when a file changes",
    )
    .argument("[dir]", "event folder holding event.yaml", ".")
    .option("-p, --port <n>", "port on 127.0.0.1 (default: a free one, printed)", portNumber)
    .addOption(jobsOption())
    .addOption(allowOutsideOption())
    .addHelpText(
      "after",
      `${examples([
        "conclave preview events/cicon-2023   # prints http://127.0.0.1:<port>/; Ctrl-C stops it",
        "conclave preview . --port 8040",
      ])}
The preview builds into a temporary folder of its own (never out/) and removes it when stopped.
A change to a CSV, event.yaml, a template or any other file of the event folder rebuilds, and the
page reloads; errors in the data are shown on the page with their file, line and column.
The programme site is at /site/.`,
    )
    .action((dir: string, o: { port?: number; jobs: number; allowOutside: string[] }) =>
      run(
        import("./commands/preview.js").then((m) =>
          m.previewCommand(dir, { ...o, port: o.port ?? 0 }, noticeJobs(ui())),
        ),
      ),
    );

  program
    .command("diff")
    .description(
      "what changed in the data since the last build (or another folder or git revision), and which materials to print again",
    )
    .argument("[dir]", "event folder holding event.yaml", ".")
    .option(
      "--from <folder|git-rev>",
      "compare with this event folder or git revision instead of the last build",
    )
    .option("-o, --out <dir>", "output folder of the last build (default: <dir>/out)")
    .option(
      "--assignment <path>",
      "a newer seating plan (output folder, seating/ folder or assignment.csv): who moved table since the last build",
    )
    .addOption(
      new Option("--format <format>", "report format")
        .choices(["pretty", "json", "markdown", "github"])
        .default("pretty"),
    )
    .addOption(allowOutsideOption())
    .addHelpText(
      "after",
      `${examples([
        "conclave diff events/cicon-2023                 # since the last conclave build",
        "conclave diff . --from HEAD~1 --format markdown # for a pull-request comment",
        "conclave diff . --from ../cicon-2023-monday",
      ])}
Exit codes: 0 nothing changed; 1 something changed; 2 usage, environment, or data that is not valid.`,
    )
    .action(
      (
        dir: string,
        o: {
          from?: string;
          out?: string;
          assignment?: string;
          format: "pretty" | "json" | "markdown" | "github";
          allowOutside: string[];
        },
      ) => run(import("./commands/diff.js").then((m) => m.diffCommand(dir, o, ui()))),
    );

  program
    .command("reprint")
    .description(
      "on-site reprints: only the badges whose printed face changed since the last `reprint --done`, and a list of old badges to destroy",
    )
    .argument("[dir]", "event folder holding event.yaml", ".")
    .option("-o, --out <dir>", "output folder of the build (default: <dir>/out)")
    .option("--done", "the last reprint is printed: later reprints have only what changes after now", false)
    .option("--blanks <n>", "add N blank badges in each category (walk-ins, written by hand)", nonNegativeInt)
    .option("--start-at <k>", "start on position K of the first sheet (a half-used label sheet)", positiveInt)
    .option("--delegates <ids>", "reprint exactly these delegate ids, comma-separated", idList)
    .addOption(jobsOption())
    .addOption(allowOutsideOption())
    .addHelpText(
      "after",
      examples([
        "conclave reprint events/cicon-2023              # what changed since the last reprint point",
        "conclave reprint . --blanks 2 --start-at 3      # 2 blanks per category, a sheet with 2 labels used",
        "conclave reprint . --delegates KR-001,VN-004    # exactly these two",
        "conclave reprint . --done                       # printed: move the reprint point",
      ]),
    )
    .action(
      (
        dir: string,
        o: {
          out?: string;
          done: boolean;
          blanks?: number;
          startAt?: number;
          delegates?: string[];
          jobs: number;
          allowOutside: string[];
        },
      ) => run(import("./commands/reprint.js").then((m) => m.reprintCommand(dir, o, ui()))),
    );

  program
    .command("keys")
    .description("the event's keys for signed badge codes (badge.qr: signed)")
    .command("init")
    .description("make the Ed25519 signing key (kept in the event folder, git-ignored) and its public key")
    .argument("[dir]", "event folder", ".")
    .option("--force", "replace an existing key (every printed badge must then be reprinted)", false)
    .action((dir: string, o: { force: boolean }) =>
      run(import("./commands/checkin.js").then((m) => m.keysInitCommand(dir, o, ui()))),
    );

  const checkin = program
    .command("checkin")
    .description("at the door: check-in lists, and checking badge codes");
  checkin
    .command("lists")
    .description(
      "validate, then make only the check-in files (out/checkin/): lists of who is expected at each door, checkin.csv/json for check-in apps, checkin.html for a laptop at the door",
    )
    .argument("[dir]", "event folder holding event.yaml", ".")
    .option("-o, --out <dir>", "output folder (default: <dir>/out)")
    .addOption(jobsOption())
    .addOption(allowOutsideOption())
    .option("--strict", "treat warnings as errors: exit 1", false)
    .addHelpText(
      "after",
      examples(["conclave checkin lists events/cicon-2023", "conclave checkin lists . --out print"]),
    )
    .action((dir: string, o: { out?: string; jobs: number } & Record<string, unknown>) =>
      run(
        import("./commands/material.js").then((m) => m.materialCommand("checkin", dir, o, noticeJobs(ui()))),
      ),
    );
  checkin
    .command("verify")
    .description("whether a badge code is genuine, for this event, valid today and the current badge")
    .argument("<code>", "the text of the QR code (CC1:…)")
    .argument("[dir]", "event folder", ".")
    .option("--at <date>", "check as on this day (default: today in the event's time zone)")
    .addHelpText("after", examples(["conclave checkin verify CC1:AEZ3… events/cicon-2023 --at 2023-06-20"]))
    .action((code: string, dir: string, o: { at?: string }) =>
      run(import("./commands/checkin.js").then((m) => m.checkinVerifyCommand(code, dir, o, ui()))),
    );

  const templates = program
    .command("templates")
    .description("list the Typst templates, or copy one into the event folder to edit it")
    .addHelpText(
      "after",
      examples(["conclave templates list", "conclave templates eject badge events/cicon-2023"]),
    );
  templates
    .command("list")
    .description("list built-in templates and the event's overrides")
    .argument("[dir]", "event folder", ".")
    .action((dir: string) =>
      run(import("./commands/templates.js").then((m) => m.templatesListCommand(dir, ui()))),
    );
  templates
    .command("eject")
    .description("copy a built-in template (and its shared parts) into <dir>/templates/ to customise it")
    .argument("<name>", "template name, as `templates list` shows it")
    .argument("[dir]", "event folder", ".")
    .option("--force", "overwrite an already ejected template", false)
    .action((name: string, dir: string, o: { force: boolean }) =>
      run(import("./commands/templates.js").then((m) => m.templatesEjectCommand(name, dir, o, ui()))),
    );

  return program;
}
