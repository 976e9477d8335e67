import type { Language } from "../../schema/fields.js";
import type { SessionType } from "../../schema/sessions.js";

/** The organisers' roles of event.yaml, each printed on its own line of the cover. */
export type OrganiserRole = "host" | "co-organiser" | "partner" | "sponsor";

/** Words the programme and personal agendas print, in each language. */
export interface AgendaWords {
  programme: string;
  personal: string;
  speakers: string;
  moderator: string;
  speaker: string;
  sections: string;
  index: string;
  page: string;
  /** After a day's heading repeated at the top of a page it runs onto. */
  continued: string;
  notes: string;
  /** Before the main venue, named once above the first day. */
  venue: string;
  /** "Hosted by", "Co-organised by"… before the organisers of that role. */
  organisers: Record<OrganiserRole, string>;
  yourRoles: string;
  table: string;
  noSessions: string;
  types: Record<SessionType, string>;
}

export const AGENDA_WORDS: Record<Language, AgendaWords> = {
  en: {
    programme: "Programme",
    personal: "Personal agenda",
    speakers: "Speakers",
    moderator: "Moderator",
    speaker: "Speaker",
    sections: "Sections",
    index: "Index of speakers",
    page: "Page",
    continued: "continued",
    notes: "Notes",
    venue: "Venue",
    organisers: {
      host: "Hosted by",
      "co-organiser": "Co-organised by",
      partner: "In partnership with",
      sponsor: "Sponsored by",
    },
    yourRoles: "Your role",
    table: "Banquet table",
    noSessions: "No sessions are registered for you yet.",
    types: {
      plenary: "Plenary",
      keynote: "Keynote",
      panel: "Panel",
      workshop: "Workshop",
      ceremony: "Ceremony",
      banquet: "Banquet",
      networking: "Networking",
      break: "Break",
      visit: "Site visit",
    },
  },
  ko: {
    programme: "프로그램",
    personal: "개인 일정표",
    speakers: "연사",
    moderator: "좌장",
    speaker: "연사",
    sections: "세션 분과",
    index: "연사 색인",
    page: "쪽",
    continued: "계속",
    notes: "메모",
    venue: "장소",
    organisers: { host: "주최", "co-organiser": "공동 주최", partner: "협력", sponsor: "후원" },
    yourRoles: "담당 역할",
    table: "만찬 테이블",
    noSessions: "아직 등록된 세션이 없습니다.",
    types: {
      plenary: "전체회의",
      keynote: "기조연설",
      panel: "패널 토론",
      workshop: "워크숍",
      ceremony: "식순",
      banquet: "만찬",
      networking: "네트워킹",
      break: "휴식",
      visit: "현장 방문",
    },
  },
  vi: {
    programme: "Chương trình",
    personal: "Chương trình cá nhân",
    speakers: "Diễn giả",
    moderator: "Điều phối",
    speaker: "Diễn giả",
    sections: "Các phiên chuyên đề",
    index: "Danh mục diễn giả",
    page: "Trang",
    continued: "tiếp theo",
    notes: "Ghi chú",
    venue: "Địa điểm",
    organisers: {
      host: "Đơn vị chủ trì",
      "co-organiser": "Đơn vị đồng tổ chức",
      partner: "Đơn vị phối hợp",
      sponsor: "Nhà tài trợ",
    },
    // "Quý vị", not "bạn": an agenda addresses delegates formally.
    yourRoles: "Vai trò của Quý vị",
    table: "Bàn tiệc",
    noSessions: "Chưa có phiên nào được đăng ký cho Quý vị.",
    types: {
      plenary: "Phiên toàn thể",
      keynote: "Phát biểu đề dẫn",
      panel: "Thảo luận",
      workshop: "Hội thảo",
      ceremony: "Nghi lễ",
      banquet: "Tiệc",
      networking: "Giao lưu",
      break: "Giải lao",
      visit: "Tham quan",
    },
  },
};

/** Section colours, in order of first appearance: distinct, and dark enough for white text. */
export const SECTION_PALETTE = ["#1f6f8b", "#9c4f96", "#d17a22", "#3c8d5a", "#b23a48", "#4a5899", "#7a6a2f"];
