import { defineConfig } from "@playwright/test";
import { chromiumProjects, expectOnLoadedMachines } from "./playwright.config";

// The production smoke: the release folder (what the Docker image runs) served by node server.js
// against PostgreSQL (E2E_DATABASE_URL) or the embedded database, with the local OpenID provider
// running as its own process, as in the Compose demo profile.
const port = Number(process.env.E2E_RELEASE_PORT ?? 3300);
const baseURL = `http://localhost:${port}`;
export const releaseDir = process.env.E2E_RELEASE_DIR ?? "/tmp/brs-release-e2e/app";
export const releaseEnvironment = {
  PORT: String(port),
  APP_URL: baseURL,
  DATA_DIR: process.env.E2E_RELEASE_DATA_DIR ?? "/tmp/brs-release-e2e/data",
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
  AUTH_SECRET: "release-smoke-secret-that-is-long-enough-for-production",
  OIDC_ISSUER: `http://localhost:${port + 1}`,
  OIDC_CLIENT_ID: "beamtime-sample-registry",
  OIDC_CLIENT_SECRET: "release-smoke-client-secret",
  OIDC_PROVIDER_ID: "local",
  OIDC_PROVIDER_NAME: "Demo accounts (local identity provider)",
  OIDC_DEMO_ACCOUNTS: "true",
  LOCAL_IDP_PORT: String(port + 1),
};

export default defineConfig({
  testDir: "e2e-release",
  outputDir: "test-results/release",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: expectOnLoadedMachines,
  reporter: [["list"]],
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: chromiumProjects,
  webServer: {
    command: "bash scripts/ci/serve-release.sh",
    url: `${baseURL}/api/ready`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...releaseEnvironment, RELEASE_DIR: releaseDir },
  },
});
