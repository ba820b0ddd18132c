import { foldText } from "./text";

/**
 * Where an offer or a person is, as one line: "Kalaban Coro, Koulikoro". A commune named as its
 * region ("Kayes" in the Kayes region) is written once, however its accents or capitals were typed.
 */
export function placeName(commune: string | null | undefined, regionLabel: string | null | undefined): string {
  const parts = [commune?.trim(), regionLabel?.trim()].filter((part): part is string => Boolean(part));
  return parts.filter((part, i) => parts.findIndex((other) => foldText(other) === foldText(part)) === i).join(", ");
}
