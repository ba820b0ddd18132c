/** Lower-cased, accents removed: how search, matching and name comparisons see a word. */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
