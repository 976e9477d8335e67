import type { SpeechRole } from "../schema/sessions.js";
import { type ByLanguage, byLanguage } from "./i18n.js";
import type { Session } from "./types.js";

/**
 * A delegate's role in a session: the role the speakers column gives (`KR-004:opening`), else
 * what the session makes of them. A moderator of a ceremony is its master of ceremonies (사회),
 * of any other session its moderator (좌장); a speaker of a keynote gives the keynote address,
 * of a panel is a panellist. Undefined when the delegate neither speaks nor moderates.
 */
export function speechRoleOf(session: Session, delegateId: string): SpeechRole | undefined {
  if (session.moderator?.id === delegateId) return session.type === "ceremony" ? "mc" : "moderator";
  if (!session.speakers.some((s) => s.id === delegateId)) return undefined;
  const given = session.speakerRoles[delegateId];
  if (given) return given;
  if (session.type === "keynote") return "keynote";
  if (session.type === "panel") return "panellist";
  return "speaker";
}

/**
 * Each role in each language: `label` as a programme prints it beside a name, `letter` as a
 * letter's sentence takes it (en "to deliver the opening address at “…”", ko "「…」의 개회사를
 * 맡아", vi "nhận lời phát biểu khai mạc tại “…”").
 */
export const SPEECH_ROLE_WORDS: ByLanguage<Record<SpeechRole, { label: string; letter: string }>> =
  byLanguage((l) => l.roles);
