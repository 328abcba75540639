import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components by design; tests are server code.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  esbuild: { jsx: "automatic" },
  test: {
    pool: "forks",
    // Two cores: more workers only thrash, and each PostgreSQL test file has its own database.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      // Unit and integration tests: server code against a real database (tests/support/database.ts).
      { extends: true, test: { name: "server", include: ["tests/**/*.test.ts"] } },
      // Component tests, next to the components they test: React in jsdom with Testing Library.
      {
        extends: true,
        test: {
          name: "components",
          include: ["components/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["tests/support/component-setup.ts"],
        },
      },
    ],
  },
});
