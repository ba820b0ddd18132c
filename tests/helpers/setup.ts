// Runs before every test file. Route tests render in jsdom; Testing Library's
// cleanup is registered here so each test starts from an empty document.
import { afterEach } from "vitest";

afterEach(async () => {
  if (typeof document !== "undefined") {
    const { cleanup } = await import("@testing-library/react");
    cleanup();
  }
});
