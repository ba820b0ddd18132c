// Runs before every test file. Route tests render in jsdom; Testing Library's
// cleanup is registered here so each test starts from an empty document.
import { afterEach, beforeAll } from "vitest";

beforeAll(async () => {
  if (typeof document === "undefined") return;
  // CI is a busy two-core machine: `findBy…` waits up to 5 s for what the user would
  // see (Testing Library's 1 s default ran out there while nothing was wrong).
  const { configure } = await import("@testing-library/dom");
  configure({ asyncUtilTimeout: 5_000 });
});

afterEach(async () => {
  if (typeof document !== "undefined") {
    const { cleanup } = await import("@testing-library/react");
    cleanup();
  }
});
