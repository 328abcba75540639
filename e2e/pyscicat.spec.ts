import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { scicatAccount } from "./support/scicat-account";
import { signIn } from "./support/sign-in";

const python = spawnSync("python3", ["--version"]);
const installCommand = "python3 -m pip install -r clients/scicat-compat/requirements.txt";

test.describe("the official pyscicat client against /api/v3", () => {
  test.skip(python.error !== undefined || python.status !== 0, "python3 is not installed, so pyscicat cannot run");

  test("creates a sample, a dataset with files and updates it; staff see the dataset on the sample page", async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const importable = spawnSync("python3", ["-c", "import pyscicat, pytest"], { encoding: "utf8" });
    expect(importable.status, `pyscicat or pytest is missing; install them with: ${installCommand}`).toBe(0);

    const sampleId = `S-PY-${randomBytes(4).toString("hex").toUpperCase()}`;
    const pytest = spawnSync("python3", ["-m", "pytest", "clients/scicat-compat", "-q", "-p", "no:cacheprovider"], {
      encoding: "utf8",
      timeout: 90_000,
      env: {
        ...process.env,
        APP_URL: baseURL,
        SCICAT_USERNAME: scicatAccount.username,
        SCICAT_PASSWORD: scicatAccount.password,
        SCICAT_PROPOSAL_ID: "2026-0042",
        SCICAT_SAMPLE_ID: sampleId,
      },
    });
    const output = `${pytest.stdout ?? ""}${pytest.stderr ?? ""}`;
    console.log(output);
    expect(pytest.status, `pytest failed:\n${output}`).toBe(0);

    await signIn(page, "staff", "staff", `/s/${sampleId}`);
    await page.goto(`/s/${sampleId}`);
    await expect(page.getByText(sampleId).first()).toBeVisible();
    await expect(page.getByText(/pyscicat scan [0-9a-f]{8}/).first()).toBeVisible();
  });
});
