// Dataset ingestion as a SciCat client (pyscicat) does it, against our production server and the
// real SciCat backend in the same run: POST /api/v3/Datasets (a raw dataset without pid) and then
// POST /api/v3/Datasets/{pid}/origdatablocks with its files. One ingestion is both calls; latency
// is measured per ingestion, at 1 and 10 concurrent clients (BENCH_SCICAT_LEVELS).
//
// The peer: SCICAT_PEER_URL (its API base, used as is), else `scripts/scicat-peer.sh start`, which
// finds the peer script (SCICAT_PEER_SCRIPT) and builds it the first time, on an empty store;
// stopped afterwards only if this run started it.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "./app-server";
import { measure, printTable, type Tier, type Timing } from "./support";

const peerScript = path.join("scripts", "scicat-peer.sh");
export const peerAccount = { username: "ingestor", password: "ingestor-pw" };
const ourAccount = { username: "bench-scicat-ingestor", password: "bench-scicat-password" };
const ownerGroup = "ingestor";
const filesPerBlock = 10;

type Level = { clients: number; ingestions: number };
type Target = { name: string; base: string; token: string };

/** BENCH_SCICAT_LEVELS, e.g. "1:200,10:500": concurrent clients and measured ingestions per level. */
function levels(): Level[] {
  const text = process.env.BENCH_SCICAT_LEVELS ?? "1:200,10:500";
  return text.split(",").map((part) => {
    const match = /^\s*(\d+):(\d+)\s*$/.exec(part);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1)
      throw new Error(`BENCH_SCICAT_LEVELS: "${text}" is not a list of clients:ingestions, e.g. 1:200,10:500`);
    return { clients: Number(match[1]), ingestions: Number(match[2]) };
  });
}

const warmup = Number(process.env.BENCH_SCICAT_WARMUP ?? 20);

/** `scripts/scicat-peer.sh <command>`: its exit code and stdout; stderr (progress, errors) shown and kept. */
function peerCommand(command: "status" | "start" | "stop"): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // A peer this run starts begins on an empty store: SciCat's timings grow with its data.
    const args = command === "start" ? [peerScript, command, "--fresh"] : [peerScript, command];
    const child = spawn("bash", args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (command === "start") process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

const howToProvide =
  "Provide the peer: set SCICAT_PEER_SCRIPT to the SciCat peer script (scicat.sh, beside the SciCat 4.5.0 " +
  "source tarball), or SCICAT_PEER_URL to a running SciCat's API base (e.g. http://127.0.0.1:3450/api/v3).";

/** The peer's API base, and a stop for it when this run started it. */
export async function peer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const given = process.env.SCICAT_PEER_URL;
  if (given) return { base: given.replace(/\/+$/, ""), stop: async () => {} };
  if (!existsSync(peerScript)) throw new Error(`SciCat benchmark: ${peerScript} is missing. ${howToProvide}`);
  const status = await peerCommand("status");
  if (status.code === 0 && status.stdout) return { base: status.stdout, stop: async () => {} };
  console.log("SciCat peer not running: starting it (the first build takes minutes)…");
  const started = await peerCommand("start");
  const base = started.stdout.split("\n").pop() ?? "";
  if (started.code !== 0 || !/^https?:\/\//.test(base)) {
    if (started.code !== 0) await peerCommand("stop"); // whatever it did start
    throw new Error(
      `SciCat benchmark: the SciCat peer could not be started (${peerScript} start exited with ${started.code}` +
        `${started.stderr ? `: ${started.stderr.split("\n").slice(-3).join(" ")}` : ""}). ${howToProvide}`,
    );
  }
  return {
    base,
    stop: async () => {
      await peerCommand("stop");
    },
  };
}

async function failure(what: string, response: Response): Promise<Error> {
  return new Error(`${what} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
}

export async function login(
  name: string,
  base: string,
  account: { username: string; password: string },
): Promise<Target> {
  const response = await fetch(`${base}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  }).catch((error: unknown) => {
    throw new Error(`${name}: no answer from ${base}/auth/login (${String(error)}). ${howToProvide}`);
  });
  if (!response.ok) throw await failure(`${name}: POST auth/login as ${account.username}`, response);
  const { access_token: token } = (await response.json()) as { access_token?: string };
  if (!token) throw new Error(`${name}: auth/login gave no access_token`);
  return { name, base, token };
}

let sequence = 0;

/** One ingestion as pyscicat makes it: the raw dataset (the server assigns the pid), then its files. */
async function ingest(target: Target): Promise<void> {
  const run = (sequence += 1);
  const headers = { authorization: `Bearer ${target.token}`, "content-type": "application/json" };
  const now = new Date().toISOString();
  const created = await fetch(`${target.base}/Datasets`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      owner: "Bench Ingestor",
      contactEmail: "ingestor@example.org",
      sourceFolder: `/data/bench/scicat/${process.pid}/${run}`,
      creationTime: now,
      ownerGroup,
      type: "raw",
      datasetName: `bench scan ${run}`,
      principalInvestigator: "Dr. Bench",
      creationLocation: "/BENCH/beamline",
      scientificMetadata: { energy: { value: 20, unit: "keV" }, projections: 3000, sample_temperature_K: 100 },
    }),
  });
  if (!created.ok) throw await failure(`${target.name}: POST Datasets`, created);
  const { pid } = (await created.json()) as { pid?: string };
  if (!pid) throw new Error(`${target.name}: POST Datasets answered without a pid`);
  const dataFileList = Array.from({ length: filesPerBlock }, (_, file) => ({
    path: `scan_${run}/frame_${String(file).padStart(5, "0")}.h5`,
    size: 4_200_000 + file,
    time: now,
    chk: `${run.toString(16).padStart(8, "0")}${file.toString(16).padStart(8, "0")}`,
  }));
  const block = await fetch(`${target.base}/Datasets/${encodeURIComponent(pid)}/origdatablocks`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      size: dataFileList.reduce((sum, file) => sum + file.size, 0),
      chkAlg: "md5",
      dataFileList,
    }),
  });
  if (!block.ok) throw await failure(`${target.name}: POST Datasets/{pid}/origdatablocks`, block);
  await block.arrayBuffer();
}

async function measureTarget(target: Target): Promise<{ target: string; level: Level; timing: Timing }[]> {
  const results = [];
  for (const level of levels()) {
    const timing = await measure(level.ingestions, () => ingest(target), { clients: level.clients, warmup });
    console.log(
      `${target.name}: ${level.ingestions} ingestions from ${level.clients} client${level.clients === 1 ? "" : "s"}, ` +
        `${(level.ingestions / timing.perSecond).toFixed(1)} s`,
    );
    results.push({ target: target.name, level, timing });
  }
  return results;
}

/** Our production server on its own data directory (embedded database, or `databaseUrl`), measured, stopped. */
async function measureOurs(name: string, port: number, databaseUrl?: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "brs-bench-scicat-"));
  const server = await startServer(port, dataDir, {
    databaseUrl,
    env: {
      SCICAT_FUNCTIONAL_ACCOUNTS: JSON.stringify([
        { ...ourAccount, scopes: ["datasets:write", "datasets:read", "samples:read"] },
      ]),
    },
  });
  try {
    return await measureTarget(await login(name, `${server.url}/api/v3`, ourAccount));
  } finally {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchSciCat(tiers: Tier[]): Promise<void> {
  const port = Number(process.env.BENCH_SCICAT_PORT ?? 3460);
  // The peer first: without it the benchmark fails before building and starting our server.
  const scicat = await peer();
  try {
    const peerTarget = await login("SciCat 4.5.0 (FerretDB/SQLite)", scicat.base, peerAccount);
    // Its store keeps every run's datasets, and adding files gets slower as it grows: say how full it was.
    const stored = await fetch(`${scicat.base}/Datasets/count`, {
      headers: { authorization: `Bearer ${peerTarget.token}` },
    }).then(
      async (response) => (response.ok ? ((await response.json()) as { count?: number }).count : undefined),
      () => undefined,
    );
    console.log(`SciCat peer at ${scicat.base}: its store holds ${stored ?? "an unknown number of"} datasets`);
    const peerResults = await measureTarget(peerTarget);
    // Separate ports, so that a server still shutting down never answers for the next one.
    const ours = await measureOurs("ours (PGlite)", port);
    const postgres = tiers.find((tier) => tier.url);
    if (postgres?.url) ours.push(...(await measureOurs("ours (PostgreSQL)", port + 2, postgres.url)));
    else console.log("SciCat benchmark: our PostgreSQL tier skipped (no PostgreSQL server).");

    const rows: (string | number)[][] = [];
    for (const result of [...ours, ...peerResults]) {
      const reference = peerResults.find((other) => other.level.clients === result.level.clients)!.timing;
      const isPeer = peerResults.includes(result);
      rows.push([
        result.target,
        result.level.clients,
        result.level.ingestions,
        result.timing.perSecond.toFixed(1),
        result.timing.p50.toFixed(1),
        result.timing.p95.toFixed(1),
        isPeer ? "1.00" : (result.timing.perSecond / reference.perSecond).toFixed(2),
        isPeer ? "1.00" : (result.timing.p95 / reference.p95).toFixed(2),
      ]);
    }
    rows.sort((a, b) => Number(a[1]) - Number(b[1]));
    printTable(
      `SciCat ingestion (POST Datasets + origdatablocks of ${filesPerBlock} files), ours against SciCat, ` +
        `after ${warmup} warm-up ingestions per level (latency per ingestion in ms; ratios ours / SciCat)`,
      ["target", "clients", "ingestions", "datasets/s", "p50", "p95", "datasets/s ratio", "p95 ratio"],
      rows,
    );
  } finally {
    await scicat.stop();
  }
}
