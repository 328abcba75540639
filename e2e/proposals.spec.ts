import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

test("the dashboard lists the demo proposal, whose page shows its trays and samples", async ({ page }) => {
  await signIn(page, "user");
  await expect(page).toHaveTitle(/Dashboard/);
  const upcoming = page.getByRole("region", { name: "Upcoming beamtimes" });
  const demo = upcoming.getByRole("link", { name: /2026-0042/ });
  await expect(demo).toContainText("In-situ micro-CT");
  await expect(demo).toContainText("12 samples");

  await demo.click();
  await expect(page).toHaveURL(/\/proposals\/2026-0042$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/In-situ micro-CT/);

  const trays = page.getByRole("region", { name: "Trays" });
  await expect(trays.getByRole("heading", { level: 3 })).toHaveCount(2);
  const firstTray = trays.getByRole("list", { name: "Positions of tray T-DEMO-A" });
  await expect(firstTray.getByRole("listitem")).toHaveCount(8);
  await expect(firstTray.getByRole("listitem", { name: "1: Pupa day 1 (S-DEMO-01)" })).toBeVisible();
  await expect(firstTray.getByRole("listitem", { name: "7: free" })).toBeVisible();
  const grid = trays.getByRole("list", { name: "Positions of tray T-DEMO-B" });
  await expect(grid.getByRole("listitem")).toHaveCount(24);
  await expect(grid.getByRole("listitem", { name: "A1: Amber piece 1 (S-DEMO-07)" })).toBeVisible();

  const samples = page.getByRole("table", { name: /Samples of proposal 2026-0042/ });
  await expect(samples.getByRole("row")).toHaveCount(13);
  await expect(samples.getByRole("row", { name: /S-DEMO-12/ })).toContainText("Amber piece 6");

  // The seeded datasets; other specs (Concert, pyscicat) may have registered more by now.
  const datasets = page.getByRole("region", { name: "Datasets" });
  for (const scan of ["Pupa day 1 scan_0001", "Pupa day 2 scan_0002", "Pupa day 3 scan_0003"]) {
    await expect(datasets.getByRole("link", { name: scan })).toBeVisible();
  }

  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(
    accessibility.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
});

test("an unknown proposal answers 404 with a way back", async ({ page }) => {
  await signIn(page, "staff");
  const response = await page.goto("/proposals/1999-0001");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveTitle(/Dashboard/);
});

test("a dataset's page shows its scientific metadata as a tree and its file list", async ({ page }) => {
  await signIn(page, "user", "user", "/proposals/2026-0042");
  await page.getByRole("region", { name: "Datasets" }).getByRole("link", { name: "Pupa day 1 scan_0001" }).click();
  await expect(page).toHaveURL(/\/datasets\/demo\/2026-0042\/scan_0001$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pupa day 1 scan_0001");
  const metadata = page.getByRole("region", { name: "Scientific metadata" });
  await expect(metadata).toContainText("energy: 20 keV");
  await expect(metadata).toContainText("number_of_projections: 3000");
  await expect(page.getByRole("region", { name: "Files" })).toContainText("No file list has been registered");
  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(accessibility.violations.map((v) => v.id)).toEqual([]);
});
