import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { scicatAccount } from "./support/scicat-account";
import { signIn } from "./support/sign-in";

const python = spawnSync("python3", ["--version"]);
const installCommand = "python3 -m pip install -r clients/scicat-compat/requirements.txt";

test.describe("the official pyscicat client against /api/v3", () => {
  test.skip(python.error !== undefined || python.status !== 0, "python3 is not installed, so pyscicat cannot run");

  test("creates a sample, a dataset with files and a preview, updates it; staff see both on the pages", async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const importable = spawnSync("python3", ["-c", "import pyscicat, pytest"], { encoding: "utf8" });
    expect(importable.status, `pyscicat or pytest is missing; install them with: ${installCommand}`).toBe(0);

    const sampleId = `S-PY-${randomBytes(4).toString("hex").toUpperCase()}`;
    const pytest = spawnSync(
      "python3",
      ["-m", "pytest", "clients/scicat-compat/test_pyscicat.py", "-q", "-p", "no:cacheprovider"],
      {
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
      },
    );
    const output = `${pytest.stdout ?? ""}${pytest.stderr ?? ""}`;
    console.log(output);
    expect(pytest.status, `pytest failed:\n${output}`).toBe(0);

    await signIn(page, "staff", "staff", `/s/${sampleId}`);
    await page.goto(`/s/${sampleId}`);
    await expect(page.getByText(sampleId).first()).toBeVisible();
    await expect(page.getByText(/pyscicat scan [0-9a-f]{8}/).first()).toBeVisible();
    // The preview pyscicat attached, on the sample's page (as its dataset's) and on the dataset's.
    await page.goto(`/proposals/2026-0042/samples/${sampleId}`);
    const preview = page.getByRole("img", { name: /^Preview [0-9a-f]{8}$/ });
    await expect(preview).toBeVisible();
    await page
      .getByRole("link", { name: /pyscicat scan [0-9a-f]{8}/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: /pyscicat scan/ })).toBeVisible();
    await expect(preview).toBeVisible();
  });
});
