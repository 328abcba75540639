import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const proposalId = `E2E-${Date.now().toString(36).toUpperCase()}`;

test("a proposer registers a proposal, two trays, three samples by form and twenty pasted from a spreadsheet", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "user2");
  await page.getByRole("link", { name: "Register a proposal" }).click();
  await expect(page.getByRole("heading", { name: "Register a proposal" })).toBeVisible();

  await page.getByLabel("Proposal ID").fill(proposalId);
  await page.getByLabel("Title").fill("Fatigue cracks in additively manufactured titanium");
  await page.getByLabel("PI first name").fill("Grace");
  await page.getByLabel("PI last name").fill("Hopper");
  await page.getByLabel("PI email").fill("grace.hopper@example.org");
  await page.getByLabel("Beamtime start").fill("2026-12-14T08:00");
  await page.getByLabel("Beamtime end").fill("2026-12-16T08:00");
  await page.getByRole("button", { name: "Add measurement period" }).click();
  await page.getByLabel("Period 1 start").fill("2026-12-14T08:00");
  await page.getByLabel("Period 1 end").fill("2026-12-14T20:00");
  await page.getByRole("button", { name: "Add measurement period" }).click();
  await page.getByLabel("Period 2 start").fill("2026-12-15T20:00");
  await page.getByLabel("Period 2 end").fill("2026-12-15T08:00");
  await page.getByLabel("Period 2 comment").fill("night shift");
  await page.getByRole("button", { name: "Add metadata" }).click();
  await page.getByLabel("Key 1").fill("beamtimeHours");
  await page.getByLabel("Type 1").selectOption("number");
  await page.getByLabel("Value 1").fill("48");
  await expectAccessible(page);

  // The second period ends before it starts: the schema says so at the field, nothing is saved.
  await page.getByRole("button", { name: "Register proposal" }).click();
  await expect(page.getByText("The period must end after it starts")).toBeVisible();
  await expect(page.getByLabel("Period 2 end")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Period 2 start").fill("2026-12-15T08:00");
  await page.getByLabel("Period 2 end").fill("2026-12-15T20:00");
  await page.getByRole("button", { name: "Register proposal" }).click();

  await expect(page).toHaveURL(new RegExp(`/proposals/${proposalId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Fatigue cracks in additively manufactured titanium",
  );
  const periods = page.getByRole("region", { name: "Measurement periods" }).getByRole("listitem");
  await expect(periods).toHaveCount(2);
  await expect(periods.nth(1)).toContainText("night shift");

  // Two trays: a 4 × 6 grid and a linear holder with a given ID.
  await page.getByRole("link", { name: "New tray" }).click();
  await page.getByLabel("Name").fill("Coupons");
  await page.getByLabel("Layout").selectOption({ label: "4 × 6 grid (24)" });
  await page.getByRole("button", { name: "Create tray" }).click();
  await expect(page.getByRole("heading", { name: /^Coupons T-/ })).toBeVisible();
  const heading = (await page.getByRole("heading", { name: /^Coupons T-/ }).textContent()) ?? "";
  const gridTrayId = heading.match(/T-[A-Z0-9]{5}/)![0];

  await page.getByRole("link", { name: "New tray" }).click();
  await page.getByLabel("Tray ID").fill(`${proposalId}-RACK`);
  await page.getByLabel("Name").fill("Reference rack");
  await page.getByLabel("Layout").selectOption({ label: "8 positions (1 × 8)" });
  await page.getByRole("button", { name: "Create tray" }).click();
  await expect(
    page.getByRole("list", { name: `Positions of tray ${proposalId}-RACK` }).getByRole("listitem"),
  ).toHaveCount(8);

  // Three samples by form: one on a chosen grid position, two on the first free positions.
  await page.getByRole("link", { name: `Add a sample to ${gridTrayId}` }).click();
  await page.getByLabel("Name").fill("Coupon as-built");
  await page.getByLabel("Label text").fill("as-built");
  await page.getByRole("radio", { name: "B2, free" }).check({ force: true });
  await page.getByRole("button", { name: "Add and add another" }).click();
  // The form comes back for the next sample on the same tray, which now shows B2 as taken.
  await expect(page.getByRole("radio", { name: /^B2, taken by S-/ })).toBeDisabled();
  await expect(page.getByText(/added\. Add the next one/)).toBeVisible();
  await page.getByLabel("Name").fill("Coupon heat-treated");
  await page.getByRole("button", { name: "Add and add another" }).click();
  await expect(page.getByRole("radio", { name: /^A1, taken by S-/ })).toBeDisabled();
  await page.getByLabel("Name").fill("Coupon HIP");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Add sample", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Coupon HIP");
  await expect(page.getByRole("region", { name: "Tray position" })).toContainText("position A2");
  await expect(page.getByRole("region", { name: "History" })).toContainText("created");
  await page.getByRole("link", { name: `Proposal ${proposalId}` }).click();

  const grid = page.getByRole("list", { name: `Positions of tray ${gridTrayId}` });
  await expect(grid.getByRole("listitem", { name: /^B2: Coupon as-built/ })).toBeVisible();
  await expect(grid.getByRole("listitem", { name: /^A1: Coupon heat-treated/ })).toBeVisible();
  await expect(grid.getByRole("listitem", { name: /^A2: Coupon HIP/ })).toBeVisible();

  // A paste with a bad row: the preview names it, and nothing is stored.
  await page.getByRole("link", { name: "Import samples" }).click();
  const cells = (rows: string[][]) =>
    [["Name", "Tray", "Position", "Label", "alloy"], ...rows].map((r) => r.join("\t")).join("\n");
  const good = Array.from({ length: 20 }, (_, i) => [
    `Pasted ${i + 1}`,
    i < 12 ? gridTrayId : `${proposalId}-RACK`,
    "",
    `P${i + 1}`,
    "Ti-6Al-4V",
  ]);
  await page
    .getByLabel("Spreadsheet cells or CSV")
    .fill(cells([...good.slice(0, 19), ["Pasted 20", gridTrayId, "B2", "P20", "Ti-6Al-4V"]]));
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("table", { name: "Import preview" });
  await expect(preview.getByRole("row", { name: /Pasted 20/ })).toContainText("already taken");
  await expect(page.getByRole("button", { name: /^Import \d+ samples$/ })).toBeDisabled();
  await expectAccessible(page);
  await page.goto(`/proposals/${proposalId}`);
  await expect(page.getByText("3 samples", { exact: true })).toBeVisible();

  // The same paste without the bad row: twenty samples, placed in order.
  await page.getByRole("link", { name: "Import samples" }).click();
  await page.getByLabel("Spreadsheet cells or CSV").fill(cells(good));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("20 rows, 0 with errors")).toBeVisible();
  await page.getByRole("button", { name: "Import 20 samples" }).click();
  await expect(page).toHaveURL(new RegExp(`/proposals/${proposalId}$`));
  await expect(page.getByText("23 samples", { exact: true })).toBeVisible();
  await expect(grid.getByRole("listitem", { name: /^A3: Pasted 1 / })).toBeVisible();
  await expect(
    page
      .getByRole("list", { name: `Positions of tray ${proposalId}-RACK` })
      .getByRole("listitem", { name: /^8: Pasted 20 / }),
  ).toBeVisible();

  // The samples table filters by tray and searches.
  await page.getByLabel("Tray", { exact: true }).selectOption(`${proposalId}-RACK`);
  await expect(page.getByText("8 of 23 samples")).toBeVisible();
  await page.getByLabel("Search samples").fill("Pasted 2");
  await expect(page.getByText("1 of 23 samples")).toBeVisible();
  await page.getByLabel("Tray", { exact: true }).selectOption("");
  await expect(page.getByText("2 of 23 samples")).toBeVisible();
});

test("a member moves a sample on the tray grid, where taken positions cannot be chosen", async ({ page }) => {
  await signIn(page, "user");
  await page.goto("/proposals/2026-0042/samples/S-DEMO-08/edit");
  await expect(page.getByRole("radio", { name: "A1, taken by S-DEMO-07" })).toBeDisabled();
  await page.getByRole("radio", { name: "A2, free" }).check({ force: true });
  await page.getByRole("button", { name: "Save sample" }).click();
  await expect(page.getByRole("region", { name: "Tray position" })).toContainText("position A2");
  await expect(page.getByRole("region", { name: "History" })).toContainText("placement: T-DEMO-B A3 → T-DEMO-B A2");

  await page.goto("/proposals/2026-0042/samples/S-DEMO-01");
  await expect(page.getByText("cannot be deleted: the datasets must keep their sample")).toBeVisible();
});

test("a tray with a custom layout gets exactly its rows × columns positions", async ({ page }) => {
  await signIn(page, "user", "user", "/proposals/2026-0042/trays/new");
  await page.getByLabel("Name").fill("Custom rack");
  await page.getByLabel("Layout").selectOption({ label: "custom rows × columns" });
  await page.getByLabel("Rows").fill("2");
  await page.getByLabel("Columns").fill("3");
  await page.getByRole("button", { name: "Create tray" }).click();
  const heading = page.getByRole("heading", { name: /^Custom rack T-/ });
  await expect(heading).toContainText("2 × 3");
  const trayId = ((await heading.textContent()) ?? "").match(/T-[A-Z0-9]{5}/)![0];
  const grid = page.getByRole("list", { name: `Positions of tray ${trayId}` });
  await expect(grid.getByRole("listitem")).toHaveCount(6);
  await expect(grid.getByRole("listitem", { name: "B3: free" })).toBeVisible();
});

test("a tray's page has its QR code for download", async ({ page }) => {
  await signIn(page, "user", "user", "/proposals/2026-0042/trays/T-DEMO-A/edit");
  const qr = page.getByRole("region", { name: "QR code" });
  await expect(qr.getByRole("img", { name: "QR code of T-DEMO-A" })).toBeVisible();
  await expect(qr).toContainText("/t/T-DEMO-A");
  const download = page.waitForEvent("download");
  await qr.getByRole("button", { name: "Download SVG" }).click();
  expect((await download).suggestedFilename()).toBe("T-DEMO-A.svg");
});

test("staff may read a proposal but not change it", async ({ page }) => {
  await signIn(page, "staff");
  const response = await page.goto("/proposals/2026-0042/edit");
  expect(response?.status()).toBe(403);
  await page.goto("/proposals/2026-0042");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit proposal" })).toHaveCount(0);
});
