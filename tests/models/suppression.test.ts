// Small-cell suppression: every rule of app/models/suppression.ts, on hand-made counts.
import { describe, expect, it } from "vitest";
import {
  type Cell,
  COMPLEMENT,
  isSuppressed,
  MIN_CELL,
  median,
  protectBreakdown,
  protectCount,
  protectMedian,
  protectRate,
  protectRateBreakdown,
  SUPPRESSED,
} from "../../app/models/suppression";

const cells = (...ns: number[]) => ns.map((n, i) => ({ key: String.fromCharCode(97 + i), n }));
/** What a reader sees: the number, "< 5" or "hidden". */
const seen = (result: Cell[]) =>
  result.map((c) => (isSuppressed(c.value) ? (c.value.complement ? "hidden" : "< 5") : c.value));

describe("counts of people", () => {
  it("hides every count under five, zero included, and shows five and more", () => {
    expect(MIN_CELL).toBe(5);
    for (const n of [0, 1, 2, 3, 4]) expect(protectCount(n)).toEqual({ suppressed: true });
    expect(protectCount(5)).toBe(5);
    expect(protectCount(1234)).toBe(1234);
  });

  it("the marker carries no number", () => {
    expect(JSON.stringify(protectCount(3))).toBe('{"suppressed":true}');
    expect(isSuppressed(protectCount(4))).toBe(true);
    expect(isSuppressed(0)).toBe(false);
    expect(isSuppressed(null)).toBe(false);
  });
});

describe("rates", () => {
  it("hides a rate whose population is under five", () => {
    expect(protectRate(4, 4)).toEqual(SUPPRESSED);
    expect(protectRate(0, 0)).toEqual(SUPPRESSED);
  });

  it("hides a rate whose counted people are under five: rate × population would give them back", () => {
    expect(protectRate(3, 40)).toEqual(SUPPRESSED);
    expect(protectRate(0, 40)).toEqual(SUPPRESSED);
  });

  it("shows a rate of five people or more out of five or more", () => {
    expect(protectRate(5, 5)).toBe(1);
    expect(protectRate(30, 40)).toBe(0.75);
  });
});

describe("medians", () => {
  it("computes the middle value, or the mean of the two middle ones", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([10, 2, 4, 8])).toBe(6);
  });

  it("hides the median of fewer than five people", () => {
    expect(protectMedian([])).toEqual(SUPPRESSED);
    expect(protectMedian([3, 8, 20, 40])).toEqual(SUPPRESSED);
    expect(protectMedian([3, 8, 20, 40, 41])).toBe(20);
  });
});

describe("breakdowns: primary and secondary suppression", () => {
  it("shows a breakdown with no small cell as it is", () => {
    expect(seen(protectBreakdown(cells(12, 30, 5), true))).toEqual([12, 30, 5]);
  });

  it("one small cell under a shown total: the next smallest is hidden too, so that subtraction gives nothing", () => {
    // Total 48 is shown: without the second hiding, 48 − 30 − 12 = 3 would come back.
    const result = protectBreakdown(cells(3, 30, 12, 40), true);
    expect(seen(result)).toEqual(["< 5", 30, "hidden", 40]);
  });

  it("a single zero cell is small too, and is protected the same way", () => {
    // f 67, m 70, unknown 0: showing f and m would say that no one's sex is unknown.
    expect(seen(protectBreakdown(cells(67, 70, 0), true))).toEqual(["hidden", 70, "< 5"]);
  });

  it("two zero cells would both be given away by their sum (0): one more cell is hidden", () => {
    expect(seen(protectBreakdown(cells(0, 0, 9, 50), true))).toEqual(["< 5", "< 5", "hidden", 50]);
  });

  it("small cells adding up to five or more need no more hiding", () => {
    expect(seen(protectBreakdown(cells(3, 4, 30, 12), true))).toEqual(["< 5", "< 5", 30, 12]);
  });

  it("keeps hiding until the hidden cells hold at least five people", () => {
    // The three small cells hold 3 people together: the next smallest (6) is hidden as well.
    expect(seen(protectBreakdown(cells(1, 0, 2, 6, 80), true))).toEqual(["< 5", "< 5", "< 5", "hidden", 80]);
  });

  it("when the total is hidden, nothing can be subtracted: only the small cells are hidden", () => {
    expect(seen(protectBreakdown(cells(3, 0, 1), false))).toEqual(["< 5", "< 5", "< 5"]);
    expect(seen(protectBreakdown(cells(3, 30), false))).toEqual(["< 5", 30]);
  });

  it("ties for the next smallest go to the first cell", () => {
    expect(seen(protectBreakdown(cells(2, 9, 9), true))).toEqual(["< 5", "hidden", 9]);
  });

  it("no hidden cell ever holds a number, and the keys keep their order", () => {
    const result = protectBreakdown(cells(1, 2, 3, 100, 200), true);
    expect(result.map((c) => c.key)).toEqual(["a", "b", "c", "d", "e"]);
    expect(JSON.stringify(result)).not.toMatch(/"value":[0-4]\b/);
  });

  it("the complement marker is distinct from the small-group marker", () => {
    expect(COMPLEMENT).toEqual({ suppressed: true, complement: true });
    expect(isSuppressed(COMPLEMENT)).toBe(true);
  });
});

describe("rate breakdowns", () => {
  it("shows a rate only where both the counted people and the population are shown", () => {
    const result = protectRateBreakdown(
      cells(20, 3, 10), // still in work
      cells(25, 12, 10), // followed up
      { rateShown: true, populationShown: true },
    );
    // b: 3 people counted → "< 5"; then, the counted total (33) being known through the
    // overall rate, the next smallest numerator (c: 10) is hidden as a complement.
    expect(seen(result)).toEqual([0.8, "< 5", "hidden"]);
  });

  it("a small population hides its rate, whatever the numerator", () => {
    const result = protectRateBreakdown(cells(4, 50), cells(4, 60), { rateShown: true, populationShown: true });
    expect(seen(result)).toEqual(["< 5", "hidden"]);
  });

  it("with the overall rate hidden, numerators get no secondary hiding", () => {
    const result = protectRateBreakdown(cells(3, 50), cells(10, 60), { rateShown: false, populationShown: true });
    expect(seen(result)).toEqual(["< 5", 50 / 60]);
  });
});
