import type { Language } from "../schema/fields.js";
import type { SpeechRole } from "../schema/sessions.js";
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
export const SPEECH_ROLE_WORDS: Record<Language, Record<SpeechRole, { label: string; letter: string }>> = {
  en: {
    opening: { label: "Opening address", letter: "deliver the opening address at" },
    welcome: { label: "Welcome address", letter: "deliver the welcome address at" },
    congratulatory: { label: "Congratulatory remarks", letter: "deliver congratulatory remarks at" },
    keynote: { label: "Keynote address", letter: "deliver the keynote address at" },
    closing: { label: "Closing address", letter: "deliver the closing address at" },
    moderator: { label: "Moderator", letter: "moderate" },
    mc: { label: "Master of ceremonies", letter: "serve as master of ceremonies at" },
    panellist: { label: "Panellist", letter: "join the panel of" },
    speaker: { label: "Speaker", letter: "speak at" },
  },
  ko: {
    opening: { label: "개회사", letter: "개회사를" },
    welcome: { label: "환영사", letter: "환영사를" },
    congratulatory: { label: "축사", letter: "축사를" },
    keynote: { label: "기조연설", letter: "기조연설을" },
    closing: { label: "폐회사", letter: "폐회사를" },
    moderator: { label: "좌장", letter: "좌장을" },
    mc: { label: "사회", letter: "사회를" },
    // A panellist is a 토론자: "패널 토론을 맡아" would make them the one who runs the panel.
    panellist: { label: "토론자", letter: "토론자를" },
    speaker: { label: "발표", letter: "발표를" },
  },
  vi: {
    opening: { label: "Phát biểu khai mạc", letter: "phát biểu khai mạc tại" },
    welcome: { label: "Phát biểu chào mừng", letter: "phát biểu chào mừng tại" },
    congratulatory: { label: "Phát biểu chúc mừng", letter: "phát biểu chúc mừng tại" },
    keynote: { label: "Phát biểu đề dẫn", letter: "trình bày bài phát biểu đề dẫn tại" },
    closing: { label: "Phát biểu bế mạc", letter: "phát biểu bế mạc tại" },
    moderator: { label: "Điều phối", letter: "điều phối" },
    mc: { label: "Dẫn chương trình", letter: "dẫn chương trình" },
    panellist: { label: "Diễn giả tọa đàm", letter: "tham gia tọa đàm tại" },
    speaker: { label: "Diễn giả", letter: "trình bày tham luận tại" },
  },
};
