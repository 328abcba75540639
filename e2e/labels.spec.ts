import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test("a user prints the labels of one tray as a PDF that scans back to the tray's samples", async ({
  page,
  baseURL,
}) => {
  await signIn(page, "user", "user", "/proposals/2026-0042");
  await page.getByRole("link", { name: "Print labels of T-DEMO-B" }).click();
  await expect(page.getByRole("heading", { name: "Print labels" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Samples in chosen trays" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Amber inclusions (T-DEMO-B)", exact: true })).toBeChecked();
  await page.getByLabel("Label format").selectOption({ label: "A4, 24 labels 70 × 37 mm (Avery Zweckform 3474)" });
  await page.getByLabel("Skip first labels").fill("2");
  await expect(page.getByText("6 labels on 1 sheet.")).toBeVisible();
  const preview = page.getByRole("region", { name: "Preview at true size" });
  await expect(preview.getByRole("img", { name: "QR code for S-DEMO-07" })).toBeVisible();

  const downloadStarted = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download PDF" }).click();
  const download = await downloadStarted;
  expect(download.suggestedFilename()).toBe("2026-0042-labels-a4-3x8-zweckform-3474.pdf");
  const dir = mkdtempSync(path.join(tmpdir(), "brs-labels-e2e-"));
  const pdf = path.join(dir, "labels.pdf");
  await download.saveAs(pdf);

  expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" })).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
  execFileSync("pdftoppm", ["-r", "300", "-gray", "-png", pdf, path.join(dir, "page")]);
  const [image] = readdirSync(dir).filter((file) => file.endsWith(".png"));
  const decoded = execFileSync(
    "zbarimg",
    ["--nodbus", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", path.join(dir, image)],
    { encoding: "utf8" },
  )
    .trim()
    .split("\n")
    .sort();
  expect(decoded).toEqual(["07", "08", "09", "10", "11", "12"].map((n) => `${baseURL}/s/S-DEMO-${n}`));

  // The tray's samples now count as printed.
  await page.reload();
  await page.getByRole("radio", { name: "Only samples not printed yet" }).check();
  await expect(page.getByText("6 labels on 1 sheet.")).toBeVisible();
  await expect(preview.getByRole("img", { name: "QR code for S-DEMO-07" })).toHaveCount(0);
});
