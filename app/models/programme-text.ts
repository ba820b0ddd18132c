import type { ProgrammeText, ProgrammeTexts } from "../../db/enums";

/**
 * A programme's words in the page's language, or the French whole when that language was not written:
 * `lang` says which, so that the page marks a French block `lang="fr"`.
 */
export function programmeText(
  programme: { texts: ProgrammeTexts },
  locale: string,
): { text: ProgrammeText; lang: "fr" | "en" | "bm" } {
  const lang = locale === "en" || locale === "bm" ? locale : "fr";
  const text = programme.texts[lang];
  return text ? { text, lang } : { text: programme.texts.fr, lang: "fr" };
}
