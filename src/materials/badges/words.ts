import { type ByLanguage, byLanguage, fillLabel } from "../../model/i18n.js";

/** Words only the badge backs print (labels.badges of each pack; the shared ones are labels.ui). */
export const BADGE_WORDS: ByLanguage<{
  badges: string;
  parallel: (n: number) => string;
  full: (url: string) => string;
  fullPrinted: string;
}> = byLanguage((l, lang) => ({
  badges: l.badges.badges,
  parallel: (n) => fillLabel(lang, l.badges.parallel, { n }),
  full: (url) => fillLabel(lang, l.badges.full, { url }),
  fullPrinted: l.badges.fullPrinted,
}));
