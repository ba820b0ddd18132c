// How far a typed word is from a word of the index, counting the slips French
// speakers make when writing a trade's name as cheaper than other edits.

// Letters written for one another because they sound alike: mecanisien, mekanicien, plonbier, maçon/masson.
const SOUND_ALIKE_PAIRS = ["cs", "ck", "cq", "kq", "sz", "iy", "mn", "gj"];
const SOUND_ALIKE = new Set(
  SOUND_ALIKE_PAIRS.flatMap((pair) => {
    const [a, b] = [pair.charCodeAt(0), pair.charCodeAt(1)];
    return [(a << 16) | b, (b << 16) | a];
  }),
);

/** The letter and those written for it (c → c, s, k, q). */
export function soundingAlike(letter: string): string[] {
  const others = SOUND_ALIKE_PAIRS.filter((pair) => pair.includes(letter)).map((pair) => pair.replace(letter, ""));
  return [letter, ...others];
}

// The distance table's rows and each word's letter costs, reused: no allocation per word compared.
let buffers = Array.from({ length: 5 }, () => new Float64Array(64));

/** What adding or dropping each letter costs: half for a letter beside the same letter (chaufeur, aprenti). */
function fillInsertionCosts(word: string, costs: Float64Array) {
  for (let i = 0; i < word.length; i++) costs[i] = word[i] === word[i - 1] || word[i] === word[i + 1] ? 0.5 : 1;
}

/**
 * Weighted edit distance (insertions, deletions, substitutions, swaps of two
 * neighbouring letters) between two folded words, or Infinity as soon as it
 * must exceed `max`: most words of the index are given up after a few letters.
 */
export function spellingDistance(typed: string, word: string, max: number): number {
  const m = typed.length;
  const n = word.length;
  if (Math.abs(m - n) > 2 * max) return Infinity;
  if (buffers[0]!.length <= Math.max(m, n)) buffers = buffers.map(() => new Float64Array(2 * Math.max(m, n) + 1));
  let [beforePrevious, previous, current, typedCosts, wordCosts] = buffers as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  fillInsertionCosts(typed, typedCosts);
  fillInsertionCosts(word, wordCosts);
  previous[0] = 0;
  for (let j = 1; j <= n; j++) previous[j] = previous[j - 1]! + wordCosts[j - 1]!;
  for (let i = 1; i <= m; i++) {
    const letter = typed.charCodeAt(i - 1);
    const dropped = typedCosts[i - 1]!;
    current[0] = previous[0]! + dropped;
    let best = current[0];
    for (let j = 1; j <= n; j++) {
      const other = word.charCodeAt(j - 1);
      const change = letter === other ? 0 : SOUND_ALIKE.has((letter << 16) | other) ? 0.5 : 1;
      let cost = Math.min(previous[j]! + dropped, current[j - 1]! + wordCosts[j - 1]!, previous[j - 1]! + change);
      if (i > 1 && j > 1 && letter === word.charCodeAt(j - 2) && typed.charCodeAt(i - 2) === other) {
        cost = Math.min(cost, beforePrevious[j - 2]! + 1);
      }
      current[j] = cost;
      if (cost < best) best = cost;
    }
    if (best > max) return Infinity;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[n]! > max ? Infinity : previous[n]!;
}

/**
 * The most a word may be misspelt and still be corrected: none under 4 letters, where every word is near
 * another; then more as words grow, so that "chanteur" does not become "chantier" (2) but "electrisen" does
 * become "electricien" (1.5).
 */
export function allowedDistance(typed: string): number {
  if (typed.length < 4) return 0;
  if (typed.length < 6) return 1;
  return typed.length < 9 ? 1.5 : 2;
}
