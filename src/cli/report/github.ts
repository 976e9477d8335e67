import { countBySeverity, type Diagnostic } from "../../diagnostics.js";
import { safeDiagnostic, safeLine } from "./safe-text.js";

const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/**
 * GitHub Actions workflow commands, so problems show on the lines of a pull request:
 *
 *   ::error file=events/cicon/delegates.csv,line=12,col=4,title=duplicate-id::id "KR-001" is already used on line 5
 *
 * @param pathOf maps a diagnostic's file to the path GitHub knows (relative to the repository).
 */
export function formatGithub(diagnostics: readonly Diagnostic[], pathOf: (file: string) => string): string {
  const lines = diagnostics.map((raw) => {
    const d = safeDiagnostic(raw);
    const props = [`file=${escapeProperty(safeLine(pathOf(raw.file)))}`];
    if (d.line > 0) props.push(`line=${d.line}`);
    if (d.column > 0) props.push(`col=${d.column}`);
    props.push(`title=${escapeProperty(d.code)}`);
    const text = d.hint ? `${d.message}\n${d.hint}` : d.message;
    return `::${d.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(text)}`;
  });
  const { errors, warnings } = countBySeverity(diagnostics);
  lines.push(`${errors} errors, ${warnings} warnings`);
  return lines.join("\n");
}
