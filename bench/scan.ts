// The scanner: (a) scan-to-card latency in headless Chromium with the fake camera against a
// production server, (b) resolveCode on 100 000 samples against a bare indexed SELECT through the
// same driver, (c) the gzip size of the /scan page's JavaScript.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import type { UserCaller } from "../lib/auth/caller";
import { setDatabase } from "../lib/platform/db";
import { resolveCode } from "../lib/scan/resolve-code";
import { sampleScanQuery } from "../lib/scan/scan-card-queries";
import { writeQrVideo } from "../e2e/support/fake-camera";
import { chromiumArgs } from "../playwright.config";
import { benchSpecimenId, fill, fillSamples, sampleCardInclude } from "./sample-fill";
import { startServer } from "./app-server";
import { measure, percentile, printTable, type Tier } from "./support";

const scans = 20;
const iterations = 2_000;

export async function benchScan(tiers: Tier[]): Promise<void> {
  await benchResolve(tiers);
  await benchBrowser();
}

// ---- (b) resolveCode against a bare SELECT -------------------------------------------------

export async function benchResolve(tiers: Tier[]): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const tier of tiers) {
    const database = await tier.open();
    try {
      setDatabase(database);
      const fillSeconds = await fillSamples(database);
      console.log(`${tier.name}: filled ${fill.sampleCount} samples in ${fillSeconds.toFixed(1)} s`);
      const prisma = database.prisma;
      const user = await prisma.user.create({
        data: { subject: "bench:member", email: "member@example.org", name: "member", groups: [] },
      });
      await prisma.proposalMember.create({ data: { proposalId: "p1", email: "member@example.org", userId: user.id } });
      const staff: UserCaller = {
        kind: "user",
        id: "bench-staff",
        role: "STAFF",
        email: null,
        name: "staff",
        groups: [],
      };
      const member: UserCaller = { ...staff, id: user.id, role: "USER", email: "member@example.org", name: "member" };
      const random = Array.from({ length: iterations }, () =>
        benchSpecimenId(1 + Math.floor(Math.random() * fill.sampleCount)),
      );
      // The member's proposal holds the first 1 000 samples.
      const own = Array.from({ length: iterations }, () => benchSpecimenId(1 + Math.floor(Math.random() * 1000)));

      const variants: [string, (index: number) => Promise<unknown>][] = [
        ["resolveCode, staff (one query)", (i) => resolveCode(staff, random[i])],
        ["resolveCode, member (+ access check)", (i) => resolveCode(member, own[i])],
        ["same card through Prisma includes (before)", (i) => prismaCard(database.prisma, random[i])],
        [
          "resolve's one query, driver only (no Prisma)",
          async (i) => {
            const query = sampleScanQuery(random[i]);
            if ((await database.query(query.text, query.values)).length !== 1) throw new Error(`missing ${random[i]}`);
          },
        ],
        [
          "bare indexed SELECT through Prisma $queryRaw",
          (i) => prisma.$queryRaw`SELECT * FROM "Sample" WHERE "specimenId" = ${random[i]}`,
        ],
        [
          "bare indexed SELECT (same driver)",
          async (i) => {
            const found = await database.query(`SELECT * FROM "Sample" WHERE "specimenId" = $1`, [random[i]]);
            if (found.length !== 1) throw new Error(`missing ${random[i]}`);
          },
        ],
      ];
      const results = [];
      for (const [name, once] of variants) results.push({ name, timing: await measure(iterations, once) });
      const bare = results[results.length - 1].timing;
      for (const { name, timing } of results) {
        rows.push([tier.name, name, timing.p50, timing.p95, timing.mean, (timing.p50 / bare.p50).toFixed(2)]);
      }
    } finally {
      await database.close();
    }
  }
  printTable(
    `resolveCode on ${fill.sampleCount.toLocaleString("en")} samples, ${iterations} sequential lookups (ms; goal ≤ 2× bare)`,
    ["database", "query", "p50", "p95", "mean", "× bare (p50)"],
    rows,
  );
}

/** What resolveCode did before it became one query: Prisma's includes, one round trip per relation. */
async function prismaCard(prisma: Awaited<ReturnType<Tier["open"]>>["prisma"], specimenId: string) {
  const sample = await prisma.sample.findUnique({
    where: { specimenId },
    include: { ...sampleCardInclude, events: { orderBy: { createdAt: "desc" }, take: 10 } },
  });
  if (!sample) throw new Error(`missing ${specimenId}`);
  await prisma.auditLog.findMany({
    where: { entity: "Sample", entityId: specimenId },
    orderBy: { createdAt: "desc" },
    take: 10,
  });
}

// ---- (a) scan-to-card in the browser, (c) JavaScript size ----------------------------------

async function signIn(page: Page, url: string) {
  await page.goto(`${url}/scan`);
  await page.getByRole("button", { name: /^Sign in with/ }).click();
  await page.getByLabel("User name").fill("staff");
  await page.getByLabel("Password").fill("staff");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${url}/scan`);
}

/** Gzip bytes of the JavaScript files the page has loaded so far (fetched again, with the session). */
async function scriptBytes(page: Page, skip: Set<string> = new Set()) {
  const urls: string[] = await page.evaluate(() =>
    [
      ...new Set([
        ...Array.from(document.scripts, (script) => script.src),
        ...performance.getEntriesByType("resource").map((entry) => entry.name),
      ]),
    ].filter((src) => /\.js(\?|$)/.test(src)),
  );
  let gzip = 0;
  const fetched: string[] = [];
  for (const src of urls.filter((src) => !skip.has(src))) {
    const body = await (await page.request.get(src)).body();
    gzip += gzipSync(body, { level: 9 }).length;
    fetched.push(src);
  }
  return { gzip, files: fetched };
}

export async function benchBrowser(): Promise<void> {
  const port = Number(process.env.BENCH_SCAN_PORT ?? 3400);
  const dir = mkdtempSync(path.join(tmpdir(), "brs-bench-scan-"));
  const video = path.join(dir, "code.y4m");
  // Only the code, from the first frame: the timings start with the camera stream running.
  writeQrVideo(video, `http://localhost:${port}/s/S-DEMO-01`, {
    width: 640,
    height: 480,
    greyFrames: 0,
    codeFrames: 30,
  });
  const server = await startServer(port, path.join(dir, "data"));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      ...chromiumArgs,
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const page = await browser.newPage();
    await signIn(page, server.url);
    const initial = await scriptBytes(page);

    const totals: number[] = [];
    const decodes: number[] = [];
    const resolves: number[] = [];
    // One warm-up scan (loads html5-qrcode, warms the server), then the measured ones.
    for (let scan = 0; scan <= scans; scan += 1) {
      await page.getByRole("button", { name: "Start camera" }).click();
      await page.waitForFunction((count) => (window.__scanTimings?.length ?? 0) > count, scan, { timeout: 30_000 });
      const timing = await page.evaluate((index) => window.__scanTimings![index], scan);
      await page.getByRole("button", { name: "Stop camera" }).click();
      await page.getByRole("button", { name: "Start camera" }).waitFor();
      if (scan === 0) continue;
      totals.push(timing.renderedAt - timing.cameraStartedAt);
      decodes.push(timing.decodedAt - timing.cameraStartedAt);
      resolves.push(timing.renderedAt - timing.decodedAt);
    }
    const camera = await scriptBytes(page, new Set(initial.files));

    printTable(
      `Scan-to-card in headless Chromium, fake camera, ${scans} scans (ms; goal p95 ≤ 250)`,
      ["step", "p50", "p95", "max"],
      [
        ["camera running → card rendered", percentile(totals, 0.5), percentile(totals, 0.95), Math.max(...totals)],
        ["  camera running → code decoded", percentile(decodes, 0.5), percentile(decodes, 0.95), Math.max(...decodes)],
        [
          "  decoded → card rendered (fetch + render)",
          percentile(resolves, 0.5),
          percentile(resolves, 0.95),
          Math.max(...resolves),
        ],
      ],
    );
    printTable(
      "JavaScript of /scan, gzip -9 (goal ≤ 250 kB before the camera starts)",
      ["what", "files", "kB"],
      [
        ["loaded with the page", String(initial.files.length), (initial.gzip / 1000).toFixed(1)],
        ["loaded when the camera starts (html5-qrcode)", String(camera.files.length), (camera.gzip / 1000).toFixed(1)],
      ],
    );
  } finally {
    await browser.close();
    server.stop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    rmSync(dir, { recursive: true, force: true });
  }
}
