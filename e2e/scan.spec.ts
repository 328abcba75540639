import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { chromiumArgs } from "../playwright.config";
import { showCodeToCamera, writeQrVideo } from "./support/fake-camera";
import { signIn } from "./support/sign-in";
import { wedgeScan } from "./support/wedge-scan";

// The camera's video is written before the browser starts: Chromium reads it at launch.
const appUrl = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const video = path.join(mkdtempSync(path.join(tmpdir(), "brs-scan-e2e-")), "s-demo-01.y4m");
writeQrVideo(video, `${appUrl}/s/S-DEMO-01`);

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      ...chromiumArgs,
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  },
});

test("staff scan a sample's label with the tablet camera and see whose it is", async ({ page }) => {
  await signIn(page, "staff", "staff", "/scan");
  await expect(page.getByRole("heading", { name: "Scan", level: 1 })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(" ")}`),
  ).toEqual([]);

  await page.getByRole("button", { name: "Start camera" }).click();
  const card = page.getByRole("article", { name: "Sample S-DEMO-01" });
  await expect(card.getByRole("heading", { name: "Pupa day 1" })).toBeVisible({ timeout: 15_000 });
  await expect(card.getByRole("link", { name: "2026-0042" })).toBeVisible();
  await expect(card.getByText("demo/2026-0042/scan_0001")).toBeVisible();
  await expect(card.getByRole("list", { name: "Position of S-DEMO-01 in tray T-DEMO-A" })).toBeVisible();
  const timings = await page.evaluate(() => window.__scanTimings ?? []);
  expect(timings[0]).toMatchObject({ code: `${appUrl}/s/S-DEMO-01`, source: "camera" });
  expect(await new AxeBuilder({ page }).analyze().then((result) => result.violations)).toEqual([]);
  await page.getByRole("button", { name: "Stop camera" }).click();
});

test("a tray's label shows the tray with its samples, each linking to its page", async ({ page }) => {
  await showCodeToCamera(page, `${appUrl}/t/T-DEMO-B`);
  await signIn(page, "staff", "staff", "/scan");
  await page.getByRole("button", { name: "Start camera" }).click();
  const card = page.getByRole("article", { name: "Tray T-DEMO-B" });
  await expect(card.getByRole("heading", { name: "Amber inclusions" })).toBeVisible({ timeout: 15_000 });
  await expect(card.getByRole("list", { name: "Samples in tray T-DEMO-B" }).getByRole("listitem")).toHaveCount(24);
  await card.getByRole("link", { name: /S-DEMO-08/ }).click();
  await expect(page).toHaveURL(/\/proposals\/2026-0042\/samples\/S-DEMO-08$/);
});

test("a handheld scanner works without clicking a field; unknown codes say so", async ({ page }) => {
  await signIn(page, "user", "user", "/scan");
  await wedgeScan(page, "S-DEMO-02");
  await expect(
    page.getByRole("article", { name: "Sample S-DEMO-02" }).getByRole("heading", { name: "Pupa day 2" }),
  ).toBeVisible();
  await wedgeScan(page, "S-NOPE-99");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("No sample or tray has the ID S-NOPE-99.");
  await wedgeScan(page, "https://elsewhere.example.org/s/S-DEMO-01");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "This code belongs to another website: https://elsewhere.example.org/s/S-DEMO-01",
  );
  // Typing with suggestions.
  await page.getByLabel("Sample or tray ID").fill("T-DEMO-A");
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByRole("article", { name: "Tray T-DEMO-A" })).toBeVisible();
  // Users look up; recording events is for staff.
  await expect(page.getByText("Record (batch)")).toHaveCount(0);
});

test("someone else's sample: the scanner says it exists and whom to ask, and shows nothing of it", async ({ page }) => {
  await signIn(page, "user2", "user2", "/scan");
  await wedgeScan(page, "S-DEMO-01");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Sample S-DEMO-01 belongs to a proposal you are not a member of. Ask its PI or the beamline staff.",
  );
  await expect(page.getByText("Pupa day 1")).toHaveCount(0);
  await page.goto("/s/S-DEMO-01");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    /^Sample S-DEMO-01 belongs to a proposal you are not a member of/,
  );
});

test("a phone opening a label's link signs in and comes back to the sample", async ({ page }) => {
  await signIn(page, "user", "user", "/s/S-DEMO-03");
  await expect(page).toHaveURL(/\/s\/S-DEMO-03$/);
  await expect(
    page.getByRole("article", { name: "Sample S-DEMO-03" }).getByRole("link", { name: "2026-0042" }),
  ).toBeVisible();
  await page.goto("/t/T-DEMO-A");
  await expect(page.getByRole("article", { name: "Tray T-DEMO-A" })).toBeVisible();
});

test("staff record a batch of received samples and undo the last scan", async ({ page }) => {
  await signIn(page, "staff", "staff", "/scan");
  await page.getByRole("radio", { name: "Record (batch)" }).check();
  await page.getByRole("radio", { name: "Received at the beamline" }).check();
  await page.getByLabel("Location (optional)").fill("UFO hutch");
  await page.getByRole("heading", { name: "Scan", level: 1 }).click();
  const batch = page.getByRole("list", { name: "Scans of this batch, newest first" });
  for (const [index, id] of ["S-DEMO-04", "S-DEMO-05", "S-DEMO-06"].entries()) {
    await wedgeScan(page, id);
    await expect(batch.getByRole("listitem")).toHaveCount(index + 1);
  }
  await expect(batch.getByRole("listitem").first()).toContainText("S-DEMO-06: received at the beamline.");
  await page.getByRole("button", { name: "Undo last scan" }).click();
  await expect(batch.getByRole("listitem")).toHaveCount(2);
  await expect(batch.getByRole("listitem").first()).toContainText("S-DEMO-05");

  for (const [id, recorded] of [
    ["S-DEMO-04", true],
    ["S-DEMO-05", true],
    ["S-DEMO-06", false],
  ] as const) {
    await page.goto(`/proposals/2026-0042/samples/${id}`);
    const events = page.getByRole("region", { name: "Tracking events" });
    if (recorded) await expect(events).toContainText("received by Sam Staff at UFO hutch");
    else await expect(events).toContainText("Not scanned at the beamline yet.");
  }
});

test("the scanner installs as an app on tablets: manifest and icons", async ({ page, request }) => {
  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as {
    start_url: string;
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string }[];
  };
  expect(manifest).toMatchObject({ start_url: "/scan", display: "standalone", theme_color: "#00876c" });
  expect(manifest.icons.map((icon) => icon.sizes)).toEqual(["any", "192x192", "512x512"]);
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
  await page.goto("/signin");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
});
