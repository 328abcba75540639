import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { type SciCatProxy, startSciCatProxy } from "../tests/support/scicat-proxy";
import { scicatAccount } from "./support/scicat-account";
import { signIn } from "./support/sign-in";

/**
 * Publishing to the real SciCat backend (the peer, SCICAT_PEER_URL) as a deployment does it: a
 * server of its own (npm start, its own embedded database) with SCICAT_PUBLISH_URL, through a proxy
 * that can stop answering, and a kill -9 of the server while SciCat has carried out a call whose
 * answer has not arrived. Staff publish from the proposal page and watch the state on the pages.
 */
const peerUrl = process.env.SCICAT_PEER_URL ?? "";
const port = Number(process.env.E2E_PORT ?? 3100) + 60;
const appUrl = `http://localhost:${port}`;
const run = Date.now().toString(36).toUpperCase();
/** A proposal of this run alone, so that SciCat's count of its datasets is ours, whatever else SciCat holds. */
const proposalId = `E2E-PUB-${run}`;
const sampleId = `S-PUB-${run}`;
const peerAccount = { username: "ingestor", password: "ingestor-pw" };

let proxy: SciCatProxy;
let dataDir: string;
let server: ChildProcess;
let token: string;
const serverOutput: string[] = [];

function startServer(): ChildProcess {
  const child = spawn("npm", ["start"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      APP_URL: appUrl,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      SEED_DEMO_DATA: "true",
      NODE_ENV: "production",
      LOCAL_IDP: "true",
      LOCAL_IDP_PORT: String(port + 1),
      AUTH_SECRET: "e2e-publishing-secret-that-is-long-enough",
      SCICAT_FUNCTIONAL_ACCOUNTS: JSON.stringify([scicatAccount]),
      SCICAT_PUBLISH_URL: proxy.url,
      SCICAT_PUBLISH_USERNAME: peerAccount.username,
      SCICAT_PUBLISH_PASSWORD: peerAccount.password,
      SCICAT_PUBLISH_PROPOSALS: "opted-in",
    },
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => serverOutput.push(String(chunk)));
  return child;
}

async function waitUntilReady() {
  try {
    await expect
      .poll(async () => (await fetch(`${appUrl}/api/ready`).catch(() => null))?.status, { timeout: 180_000 })
      .toBe(200);
  } catch (error) {
    throw new Error(`the publishing server did not start:\n${serverOutput.join("").slice(-3000)}`, { cause: error });
  }
}

/** The standalone server process that `npm start` runs (its descendant running server.js). */
function serverProcessOf(root: number): number {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/)!)
    .map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args }));
  const descendants = new Set([root]);
  for (let grown = true; grown;) {
    grown = false;
    for (const entry of table)
      if (descendants.has(entry.ppid) && !descendants.has(entry.pid)) {
        descendants.add(entry.pid);
        grown = true;
      }
  }
  // Next's server renames itself ("next-server (v16…)"), so its command line may no longer say server.js.
  const found = table.find((entry) => descendants.has(entry.pid) && /server\.js|next-server/.test(entry.args));
  if (!found) throw new Error("server.js not found among the processes of npm start");
  return found.pid;
}

async function stopServer() {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, "exit");
  process.kill(-server.pid!, "SIGTERM");
  await exited;
}

async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${appUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  expect(response.ok, `${method} ${route}: ${response.status} ${text}`).toBe(true);
  return JSON.parse(text) as T;
}

async function login() {
  const response = await fetch(`${appUrl}/api/v3/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: scicatAccount.username, password: scicatAccount.password }),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
}

type ReadBack = {
  proposals: Record<string, { title: string } | null>;
  datasets: Record<string, { pid: string } | null>;
  origdatablocks: Record<string, unknown[]>;
  datasets_of_proposal: Record<string, string[]>;
};

/** What SciCat holds, read with pyscicat straight from the peer. */
function readBack(wanted: { proposals?: string[]; datasets?: string[] }): ReadBack {
  const result = spawnSync(
    "python3",
    [
      "clients/scicat-compat/publishing/read_back.py",
      peerUrl,
      peerAccount.username,
      peerAccount.password,
      JSON.stringify(wanted),
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  expect(result.status, `pyscicat could not read back: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as ReadBack;
}

/** Ours: every dataset of the proposal, with how many datablocks it has. */
async function ourDatasets(): Promise<Map<string, number>> {
  const { datasets } = await api<{ datasets: { pid: string }[] }>(
    "GET",
    `/api/v1/datasets?proposalId=${proposalId}&limit=1000`,
  );
  const blocks = await Promise.all(
    datasets.map((dataset) =>
      api<unknown[]>("GET", `/api/v3/Datasets/${encodeURIComponent(dataset.pid)}/origdatablocks`),
    ),
  );
  return new Map(datasets.map((dataset, index) => [dataset.pid, blocks[index].length]));
}

/** SciCat holds exactly what we hold of the proposal: the same datasets, each datablock once. */
async function expectSciCatToMatchUs() {
  const ours = await ourDatasets();
  const scicat = readBack({ proposals: [proposalId], datasets: [...ours.keys()] });
  expect(scicat.datasets_of_proposal[proposalId]).toEqual([...ours.keys()].sort());
  for (const [pid, count] of ours) expect(scicat.origdatablocks[pid], pid).toHaveLength(count);
  return scicat;
}

const scan = (name: string) => ({
  pid: `e2e-publish/${run}/${name}`,
  datasetName: `Publishing ${name}`,
  sourceFolder: `/beamline/ufo/${name}`,
  sampleId,
  principalInvestigators: ["Ada Lovelace"],
  creationLocation: "KIT/IPS/UFO",
});

const datasetPage = (pid: string) => `${appUrl}/datasets/${pid.split("/").map(encodeURIComponent).join("/")}`;
const statusOf = (page: Page, what: string) => page.getByRole("status", { name: `SciCat publication of ${what}` });

/** Reloads until the record's publication state reads `text` (the worker runs on its own schedule). */
async function expectState(page: Page, url: string, what: string, text: RegExp) {
  await expect(async () => {
    await page.goto(url);
    await expect(statusOf(page, what)).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
}

test.describe
  .serial("publishing to SciCat: staff publish a proposal, outages queue, a crash duplicates nothing", () => {
  test.setTimeout(6 * 60_000);

  test.beforeAll(async () => {
    expect(peerUrl, "start the peer: bash scripts/scicat-peer.sh start, and set SCICAT_PEER_URL").toBeTruthy();
    proxy = await startSciCatProxy(peerUrl);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "brs-e2e-publishing-"));
    server = startServer();
    await waitUntilReady();
    await login();
    // Registered the way a SciCat client would, before anyone publishes it.
    await api("POST", "/api/v3/Proposals", {
      proposalId,
      title: `Publishing end to end ${run}`,
      pi_email: "ada.lovelace@example.org",
      pi_firstname: "Ada",
      pi_lastname: "Lovelace",
      email: "ada.lovelace@example.org",
      ownerGroup: "ufo-e2e",
      accessGroups: [],
    });
    await api("POST", "/api/v3/Samples", {
      sampleId,
      proposalId,
      description: "Beetle in amber",
      sampleCharacteristics: { thickness: { value: 2, unit: "mm" } },
    });
    const before = scan("before");
    await api("POST", "/api/v1/datasets", before);
    await api("POST", `/api/v1/datasets/${encodeURIComponent(before.pid)}/origdatablocks`, {
      dataFileList: [{ path: "proj_0000.tif", size: 100, time: "2026-03-01T07:00:00Z" }],
    });
  });

  test.afterAll(async () => {
    if (server) await stopServer();
    await proxy?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("staff publish a proposal from its page; it arrives in SciCat with everything it holds", async ({ page }) => {
    await signIn(page, "staff", "staff", `${appUrl}/proposals/${proposalId}`);
    await page.goto(`${appUrl}/proposals/${proposalId}`);
    await expect(statusOf(page, `proposal ${proposalId}`)).toContainText("its proposal is not published");
    await page.getByRole("button", { name: "Publish to SciCat" }).click();
    await expect(page.getByText(/is published to SciCat; \d+ records queued/)).toBeVisible();
    await expectState(page, `${appUrl}/proposals/${proposalId}`, `proposal ${proposalId}`, /Published to SciCat/);
    await expect(statusOf(page, `proposal ${proposalId}`).getByRole("link", { name: "Open in SciCat" })).toBeVisible();

    const ours = await api<{ title: string }>("GET", `/api/v1/proposals/${proposalId}`);
    await expect(async () => {
      const scicat = await expectSciCatToMatchUs();
      expect(scicat.proposals[proposalId]?.title).toBe(ours.title);
    }).toPass({ timeout: 60_000 });
  });

  test("while SciCat is down changes queue and the pages say so; once it is back everything arrives once", async ({
    page,
  }) => {
    await signIn(page, "staff", "staff", `${appUrl}/admin/publishing`);
    await proxy.down();
    const during = scan("outage");
    await api("POST", "/api/v1/datasets", during);
    await api("POST", `/api/v1/datasets/${encodeURIComponent(during.pid)}/origdatablocks`, {
      dataFileList: [{ path: "proj_0000.tif", size: 100, time: "2026-03-01T08:00:00Z" }],
    });
    await expectState(
      page,
      datasetPage(during.pid),
      `dataset ${during.pid}`,
      /Queued for SciCat.*SciCat publication failed.*SciCat did not answer/,
    );

    await page.goto(`${appUrl}/admin/publishing`);
    await expect(page.getByRole("row", { name: new RegExp(`Dataset ${during.pid}`) })).toContainText(
      "SciCat did not answer",
    );
    await proxy.up();
    await page.getByRole("button", { name: "Retry all now" }).click();
    await expect(page.getByText(/will be sent to SciCat again now/)).toBeVisible();
    await expectState(page, datasetPage(during.pid), `dataset ${during.pid}`, /Published to SciCat/);
    await expect(async () => void (await expectSciCatToMatchUs())).toPass({ timeout: 60_000 });
  });

  test("a kill -9 between SciCat carrying out a call and its answer still ends with exactly one copy", async () => {
    const crashed = scan("crash");
    await api("POST", "/api/v1/datasets", crashed);
    await expect
      .poll(
        async () =>
          (await api<{ published: unknown }>("GET", `/api/v1/datasets/${encodeURIComponent(crashed.pid)}/publication`))
            .published,
        { timeout: 60_000 },
      )
      .not.toBeNull();

    // SciCat assigns datablock ids: this is the call a blind retry would duplicate.
    proxy.holdAnswersTo("POST", /\/OrigDatablocks$/);
    const carriedOut = proxy.nextForwarded("POST", /\/OrigDatablocks$/);
    await api("POST", `/api/v1/datasets/${encodeURIComponent(crashed.pid)}/origdatablocks`, {
      dataFileList: [{ path: "proj_0000.tif", size: 100, time: "2026-03-01T09:00:00Z" }],
    });
    await carriedOut;
    const exited = once(server, "exit");
    process.kill(serverProcessOf(server.pid!), "SIGKILL");
    await exited;
    proxy.keepAnswers();
    expect(readBack({ datasets: [crashed.pid] }).origdatablocks[crashed.pid]).toHaveLength(1);

    server = startServer();
    await waitUntilReady();
    await expect
      .poll(
        async () => {
          const state = await api<{ queued: unknown; published: unknown }>(
            "GET",
            `/api/v1/datasets/${encodeURIComponent(crashed.pid)}/publication`,
          );
          return state.queued === null && state.published !== null;
        },
        { timeout: 90_000 },
      )
      .toBe(true);
    await expectSciCatToMatchUs();
    expect(readBack({ datasets: [crashed.pid] }).origdatablocks[crashed.pid]).toHaveLength(1);
  });
});
