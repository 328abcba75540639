import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../e2e/support/sign-in";
import { wedgeScan } from "../e2e/support/wedge-scan";
import { releaseDir, releaseEnvironment } from "../playwright.release.config";

/** Runs one of the release's tools (node tools/<name>.mjs) on an embedded database in dataDir. */
function tool(name: string, dataDir: string, ...args: string[]) {
  return toolWith({}, name, dataDir, ...args);
}

/** The same, with more environment variables. */
function toolWith(env: Record<string, string>, name: string, dataDir: string, ...args: string[]) {
  const run = spawnSync("node", [`tools/${name}.mjs`, ...args], {
    cwd: releaseDir,
    env: {
      ...process.env,
      ...releaseEnvironment,
      NODE_ENV: "production",
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      ...env,
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Starts the release's server.js with an environment changed as given; it must refuse to start. */
function refusedStart(changes: Record<string, string | undefined>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "brs-refused-"));
  try {
    const environment: NodeJS.ProcessEnv = {
      ...process.env,
      ...releaseEnvironment,
      NODE_ENV: "production",
      HOSTNAME: "127.0.0.1",
      PORT: "3399",
      DATA_DIR: dataDir,
      ...changes,
    };
    for (const [name, value] of Object.entries(changes)) if (value === undefined) delete environment[name];
    const run = spawnSync("node", ["server.js"], {
      cwd: releaseDir,
      env: environment,
      encoding: "utf8",
      timeout: 30_000,
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function collectPolicyViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

test("the production server refuses to start with pending migrations, a weak secret or no identity provider", () => {
  // An empty embedded database: every migration of the release is pending.
  const pending = refusedStart({ DATABASE_URL: "" });
  expect(pending.status).toBe(1);
  expect(pending.output).toContain("cannot start");
  const migrations = readdirSync(path.join("prisma", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  expect(pending.output).toContain(`lacks ${migrations.length} migration(s) of this release: ${migrations.join(", ")}`);
  expect(pending.output).toContain("node tools/migrate.mjs");

  const weak = refusedStart({ AUTH_SECRET: "short" });
  expect(weak.status).toBe(1);
  expect(weak.output).toContain("AUTH_SECRET: too weak");
  expect(weak.output).not.toContain("short");

  const noIdentityProvider = refusedStart({
    OIDC_ISSUER: undefined,
    OIDC_CLIENT_ID: undefined,
    OIDC_CLIENT_SECRET: undefined,
  });
  expect(noIdentityProvider.status).toBe(1);
  expect(noIdentityProvider.output).toContain("OIDC_ISSUER: required in production");
});

test("probes answer and every page carries the security headers with a fresh script nonce", async ({ request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok" });
  expect(await (await request.get("/api/ready")).json()).toEqual({
    status: "ready",
    checks: { database: "ok", migrations: "ok" },
  });
  const first = await request.get("/signin");
  const second = await request.get("/signin");
  const policy = first.headers()["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic';/);
  expect(policy).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain(`form-action 'self' ${releaseEnvironment.OIDC_ISSUER}`);
  expect(second.headers()["content-security-policy"]).not.toBe(policy);
  expect(first.headers()["x-frame-options"]).toBe("DENY");
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  // Plain http here: no HSTS (it is sent only when APP_URL is https, i.e. behind TLS).
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(await first.text()).toContain(`nonce="${nonce}"`);
  expect((await request.get("/api/v1/whoami")).headers()["x-content-type-options"]).toBe("nosniff");
});

test("staff sign in through the OpenID provider, open a proposal and resolve a scanned sample", async ({ page }) => {
  const violations = collectPolicyViolations(page);
  await signIn(page, "staff", "staff", "/proposals/2026-0042");
  await expect(page).toHaveURL(/\/proposals\/2026-0042$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "In-situ micro-CT of insect development in amber and resin",
  );
  await expect(page.getByRole("link", { name: "S-DEMO-01" }).first()).toBeVisible();

  await page.goto("/scan");
  await page.getByLabel("Sample or tray ID").fill("S-DEMO-02");
  await page.getByRole("button", { name: "Look up" }).click();
  const card = page.getByRole("article", { name: "Sample S-DEMO-02" });
  await expect(card.getByRole("heading", { name: "Pupa day 2" })).toBeVisible();
  await expect(card).toContainText("2026-0042");
  await expect(card).toContainText("T-DEMO-A");
  // A handheld scanner types the label's URL and Enter: resolved without touching a field.
  await wedgeScan(page, `${releaseEnvironment.APP_URL}/t/T-DEMO-B`);
  await expect(page.getByRole("article", { name: "Tray T-DEMO-B" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("the release's own tools migrate, back up, restore after a wipe, and report the same records", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "brs-release-tools-"));
  try {
    expect(tool("migrate", dataDir).status).toBe(0);
    expect(tool("seed", dataDir).output).toContain("12 samples and 3 datasets");
    const backupFile = path.join(dataDir, "drill.tar.gz");
    const backup = tool("backup", dataDir, backupFile);
    expect(backup.status, backup.output).toBe(0);
    expect(backup.output).toMatch(/1 proposal.*12 samples.*3 datasets/s);

    rmSync(path.join(dataDir, "pglite"), { recursive: true, force: true });
    const restore = tool("restore", dataDir, backupFile);
    expect(restore.status, restore.output).toBe(0);
    expect(restore.output).toMatch(/1 proposal.*12 samples.*3 datasets/s);
    const status = tool("migrate", dataDir, "--status");
    expect(status.status, status.output).toBe(0);
    expect(status.output).toContain("pending: none");

    // The publishing worker as a process of its own: off without a target; with one it queues and tries.
    const unconfigured = tool("scicat-publish", dataDir, "--once");
    expect(unconfigured.status).toBe(1);
    expect(unconfigured.output).toContain("No SciCat target is configured");
    const unreachable = {
      SCICAT_PUBLISH_URL: "http://127.0.0.1:9/api/v3",
      SCICAT_PUBLISH_TOKEN: "smoke",
      SCICAT_PUBLISH_PROPOSALS: "all",
    };
    const publish = toolWith(unreachable, "scicat-publish", dataDir, "--requeue", "--once");
    expect(publish.status, publish.output).toBe(0);
    expect(publish.output).toMatch(/Queued \d+ records for SciCat/);
    expect(publish.output).toMatch(/0 published, \d+ to retry, 0 refused/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
