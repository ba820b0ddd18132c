import type { ProgrammeTexts } from "../../../db/enums";

/** A programme's title in the page's language, French when that language has none. */
export const programmeTitle = (texts: ProgrammeTexts, language: string) =>
  (texts[language as keyof ProgrammeTexts] ?? texts.fr).title;
