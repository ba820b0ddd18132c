// Small-cell suppression: reports never show how many people
// are in a group of fewer than five, not even zero, and never let a reader work
// such a number out from the figures that are shown. Pure functions: the
// indicators model applies them before anything leaves it, so that neither the
// page nor the CSV ever holds a raw small count.

/** Groups of fewer people than this are never shown. */
export const MIN_CELL = 5;

/**
 * What replaces a hidden figure. A small group is shown "< 5". A figure hidden only
 * so that a small one cannot be worked out by subtraction (`complement`) may be
 * large: it is shown as "hidden", not "< 5", which would be untrue.
 */
export type Suppressed = { suppressed: true; complement?: true };
export type Shown = number | Suppressed;

export const SUPPRESSED: Suppressed = Object.freeze({ suppressed: true as const });
export const COMPLEMENT: Suppressed = Object.freeze({ suppressed: true as const, complement: true as const });

export function isSuppressed(value: unknown): value is Suppressed {
  return typeof value === "object" && value !== null && (value as Suppressed).suppressed === true;
}

/** A number of people: hidden under MIN_CELL (0 included: it is fewer than five people). */
export function protectCount(n: number): Shown {
  return n < MIN_CELL ? SUPPRESSED : n;
}

/**
 * A share of people (0 to 1). Hidden when the population is under MIN_CELL, and
 * also when the people counted are: the population is shown beside the rate, so
 * rate × population would give that small number back.
 */
export function protectRate(numerator: number, population: number): Shown {
  if (population < MIN_CELL || numerator < MIN_CELL) return SUPPRESSED;
  return numerator / population;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of one value per person: hidden when fewer than MIN_CELL people. */
export function protectMedian(values: number[]): Shown {
  return values.length < MIN_CELL ? SUPPRESSED : median(values);
}

export type Cell = { key: string; value: Shown };

/**
 * The counts of a breakdown whose cells add up to its total (an "unknown" cell
 * included). Primary suppression hides every cell under MIN_CELL. When the
 * total is shown, the hidden cells could be recovered by subtraction: so the
 * hidden cells together must hold at least MIN_CELL people, otherwise the
 * smallest shown cell is hidden too, and again until they do. This includes the
 * classic rule (one hidden cell → hide the next smallest) and also hides two
 * zero cells, whose sum (0) would give both away. Ties go to the first cell.
 */
export function protectBreakdown(counts: { key: string; n: number }[], totalShown: boolean): Cell[] {
  const hidden = counts.map((c) => c.n < MIN_CELL);
  const small = [...hidden];
  if (totalShown && hidden.some(Boolean)) {
    let hiddenSum = counts.reduce((sum, c, i) => (hidden[i] ? sum + c.n : sum), 0);
    while (hiddenSum < MIN_CELL) {
      let next = -1;
      counts.forEach((c, i) => {
        if (!hidden[i] && (next === -1 || c.n < counts[next]!.n)) next = i;
      });
      if (next === -1) break;
      hidden[next] = true;
      hiddenSum += counts[next]!.n;
    }
  }
  return counts.map((c, i) => ({ key: c.key, value: small[i] ? SUPPRESSED : hidden[i] ? COMPLEMENT : c.n }));
}

/**
 * Rates of a breakdown: numerators and populations are both protected as
 * breakdowns (so neither can be recovered from the totals), and a rate is shown
 * only where both are. `numerators` and `populations` list the same keys.
 */
export function protectRateBreakdown(
  numerators: { key: string; n: number }[],
  populations: { key: string; n: number }[],
  { rateShown, populationShown }: { rateShown: boolean; populationShown: boolean },
): Cell[] {
  const num = protectBreakdown(numerators, rateShown);
  const pop = protectBreakdown(populations, populationShown);
  return populations.map((p, i) => {
    const a = num[i]!.value;
    const b = pop[i]!.value;
    if (!isSuppressed(a) && !isSuppressed(b)) return { key: p.key, value: a / b };
    // "< 5" when a small group is the reason, "hidden" when only a complement is.
    const small = (isSuppressed(a) && !a.complement) || (isSuppressed(b) && !b.complement);
    return { key: p.key, value: small ? SUPPRESSED : COMPLEMENT };
  });
}
