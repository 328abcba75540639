import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

const install = "python3 -m pip install -r clients/python/requirements-test.txt";
const python = spawnSync("python3", ["--version"], { encoding: "utf8" });

test("a Concert run with the Python metadata handler registers its datasets, and the sample page shows them", async ({
  page,
  baseURL,
}, testInfo) => {
  test.skip(python.error !== undefined || python.status !== 0, "python3 is not installed");
  test.setTimeout(240_000);
  const imports = spawnSync("python3", ["-c", "import concert, httpx, pytest, pytest_asyncio"], { encoding: "utf8" });
  expect(imports.status, `The Python test packages are missing; run: ${install}\n${imports.stderr}`).toBe(0);

  await signIn(page, "staff");
  await page.goto("/admin/tokens");
  await page.getByLabel("Name").fill("E2E Concert session");
  for (const scope of ["samples:read", "datasets:read", "datasets:write"]) await page.getByLabel(scope).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const tokenField = page.getByLabel("Token for E2E Concert session");
  await expect(tokenField).toHaveValue(/^brs_/);
  const token = await tokenField.inputValue();

  const results = path.join(mkdtempSync(path.join(tmpdir(), "brs-concert-")), "results.json");
  const pytest = spawnSync("python3", ["-m", "pytest", "clients/python/tests", "-q", "-rs", "-p", "no:cacheprovider"], {
    encoding: "utf8",
    timeout: 200_000,
    env: { ...process.env, REGISTRY_URL: `${baseURL}/api/v1`, REGISTRY_TOKEN: token, REGISTRY_RESULTS: results },
  });
  const output = `${pytest.stdout ?? ""}${pytest.stderr ?? ""}${pytest.error ? `\n${pytest.error.message}` : ""}`;
  await testInfo.attach("pytest output", { body: output, contentType: "text/plain" });
  if (pytest.status !== 0) console.log(output);
  expect(pytest.status, `pytest failed:\n${output}`).toBe(0);
  // Nothing skipped: with REGISTRY_URL set, every backend and Concert test must have run.
  expect(output).not.toMatch(/skipped/);

  expect(existsSync(results), "the Concert test recorded the datasets it registered").toBe(true);
  const { pids } = JSON.parse(readFileSync(results, "utf8")) as { pids: string[] };
  expect(pids).toHaveLength(2);
  await page.goto("/proposals/2026-0042/samples/S-DEMO-04");
  for (const pid of pids) {
    await expect(page.getByText(pid, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole("link", { name: "concert_0000" })).toBeVisible();
  await expect(page.getByRole("link", { name: "concert_0001" })).toBeVisible();
});
