import path from "node:path";
import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig(({ isSsrBuild }) => ({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  // The server build's entry is our Express server, which wraps React Router's handler.
  build: isSsrBuild ? { rollupOptions: { input: "./app/server/index.ts" } } : {},
  plugins: [tailwindcss(), process.env.VITEST ? null : reactRouter()],
  test: {
    environment: "node",
    setupFiles: ["tests/helpers/setup.ts"],
    env: { DATABASE_PATH: ":memory:", TZ: "UTC" },
    testTimeout: 20_000,
    hookTimeout: 240_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/{models,routes}/**/*.test.{ts,tsx}"] } },
      // The browser project builds the portal once (global setup), only when its tests run.
      {
        extends: true,
        // A journey clicks through many pages: give it room on a busy two-core machine.
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 90_000,
        },
      },
    ],
  },
}));
