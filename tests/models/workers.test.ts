// How many worker processes `npm start` runs, from WEB_CONCURRENCY.
import os from "node:os";
import { describe, expect, it } from "vitest";
import { workerCount } from "../../app/server/workers";

describe("workerCount", () => {
  it("is one per core unless WEB_CONCURRENCY says how many", () => {
    expect(workerCount({})).toBe(os.availableParallelism());
    expect(workerCount({ WEB_CONCURRENCY: "" })).toBe(os.availableParallelism());
    expect(workerCount({ WEB_CONCURRENCY: "1" })).toBe(1);
    expect(workerCount({ WEB_CONCURRENCY: " 3 " })).toBe(3);
  });

  it("stops the start on a count that is not a whole number of at least one", () => {
    for (const wrong of ["0", "-2", "1.5", "deux", "1e9999"]) {
      expect(() => workerCount({ WEB_CONCURRENCY: wrong }), wrong).toThrow(/WEB_CONCURRENCY/);
    }
  });
});
