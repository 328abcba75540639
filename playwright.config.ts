import { defineConfig, devices } from "@playwright/test";
import { scicatAccount } from "./e2e/support/scicat-account";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

/** Debian's Chromium: Playwright's own browser download cannot work offline. */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The one browser project of both configurations (this one and playwright.release.config.ts). */
export const chromiumProjects = [
  {
    name: "chromium",
    use: {
      ...devices["Desktop Chrome"],
      launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
    },
  },
];

/**
 * A loaded CI machine (two cores, both tiers, the SciCat peer beside) once took more than the
 * default 5 s from a form's submit to the next page: assertions wait for what must happen and fail
 * when it does not happen, not when a page is slow.
 */
export const expectOnLoadedMachines = { timeout: 15_000 };

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: expectOnLoadedMachines,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: chromiumProjects,
  webServer: {
    // Exactly what a newcomer runs: build if needed, migrate, seed, serve.
    command: "npm start",
    url: baseURL,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      APP_URL: baseURL,
      DATA_DIR: process.env.E2E_DATA_DIR ?? "/tmp/brs-e2e-data",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      SEED_DEMO_DATA: "true",
      NODE_ENV: "production",
      // The local identity provider, enabled on purpose as a production demo would.
      LOCAL_IDP: "true",
      LOCAL_IDP_PORT: String(port + 1),
      AUTH_SECRET: "e2e-secret-that-is-long-enough-for-production-checks",
      // The functional account pyscicat logs in with (e2e/pyscicat.spec.ts).
      SCICAT_FUNCTIONAL_ACCOUNTS: JSON.stringify([scicatAccount]),
    },
  },
});
