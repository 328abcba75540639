// Publishing to SciCat (docs/decisions/011): how long the outbox takes to deliver 1 000 datasets,
// each with a datablock of 10 files, to the real SciCat backend (the peer, as in bench/scicat.ts,
// best on a fresh store: SciCat on FerretDB/SQLite slows down as it fills); and what the outbox costs a request: POST /api/v1/datasets against our
// production server with publishing off, on with the outbox only (SCICAT_PUBLISH_WORKER=false),
// and on with the in-process worker delivering to the peer meanwhile, in the same run.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SystemCaller } from "../lib/auth/caller";
import { addOrigDatablock } from "../lib/datasets/add-origdatablock";
import { registerDataset } from "../lib/datasets/register-dataset";
import { reloadConfig } from "../lib/platform/config";
import { setDatabase } from "../lib/platform/db";
import { createProposal } from "../lib/proposals/create-proposal";
import { setProposalPublishing } from "../lib/publishing/manage";
import { SciCatTarget } from "../lib/publishing/scicat-client";
import { deliverDue } from "../lib/publishing/worker";
import { startServer } from "./app-server";
import { login, peer, peerAccount } from "./scicat";
import { measure, printTable, type Tier } from "./support";

const datasets = Number(process.env.BENCH_PUBLISH_DATASETS ?? 1000);
const requests = Number(process.env.BENCH_PUBLISH_REQUESTS ?? 300);
const clients = 4;
const operator: SystemCaller = { kind: "system", name: "bench" };
const ourAccount = { username: "bench-publish-ingestor", password: "bench-publish-password" };

function publishTo(base: string, worker: boolean): Record<string, string> {
  return {
    SCICAT_PUBLISH_URL: base,
    SCICAT_PUBLISH_USERNAME: peerAccount.username,
    SCICAT_PUBLISH_PASSWORD: peerAccount.password,
    SCICAT_PUBLISH_PROPOSALS: "all",
    SCICAT_PUBLISH_WORKER: String(worker),
  };
}

/** 1 000 datasets of a published proposal, queued, then delivered round after round until none is left. */
async function deliveryOn(tier: Tier, base: string) {
  const database = await tier.open();
  setDatabase(database);
  Object.assign(process.env, publishTo(base, false));
  const settings = reloadConfig().publishing!;
  const run = randomBytes(3).toString("hex").toUpperCase();
  const proposalId = `BENCH-${run}`;
  try {
    await createProposal(operator, {
      proposalId,
      title: "Publishing benchmark",
      piEmail: "bench@example.org",
      piFirstname: "Bench",
      piLastname: "Marker",
      ownerGroup: "ingestor",
    });
    await setProposalPublishing(operator, proposalId, true);
    for (let index = 0; index < datasets; index++) {
      const pid = `bench/${run}/scan_${String(index).padStart(5, "0")}`;
      await registerDataset(operator, {
        pid,
        datasetName: `bench scan ${index}`,
        sourceFolder: `/data/bench/${run}/${index}`,
        proposalId,
        creationLocation: "/BENCH/beamline",
        scientificMetadata: { energy: { value: 20, unit: "keV" } },
      });
      await addOrigDatablock(operator, pid, {
        dataFileList: Array.from({ length: 10 }, (_, file) => ({
          path: `frame_${file}.h5`,
          size: 4_200_000 + file,
          time: "2026-03-01T08:00:00Z",
        })),
      });
    }
    const queued = await database.prisma.publicationOutbox.count();
    const target = new SciCatTarget(settings);
    const started = performance.now();
    let published = 0;
    for (let round = await deliverDue(database, target); round.claimed; round = await deliverDue(database, target)) {
      if (round.retrying || round.rejected) throw new Error(`publishing benchmark: ${JSON.stringify(round)}`);
      published += round.published;
    }
    const seconds = (performance.now() - started) / 1000;
    return [tier.name, datasets, queued, published, seconds, datasets / seconds];
  } finally {
    await database.close();
  }
}

/** POST /api/v1/datasets against our production server started with `env`, p50/p95 and throughput. */
async function requestPath(name: string, port: number, env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "brs-bench-publishing-"));
  const server = await startServer(port, dataDir, {
    env: {
      ...env,
      SCICAT_FUNCTIONAL_ACCOUNTS: JSON.stringify([{ ...ourAccount, scopes: ["datasets:write", "datasets:read"] }]),
    },
  });
  try {
    const { token } = await login(name, `${server.url}/api/v3`, ourAccount);
    const run = randomBytes(3).toString("hex");
    const timing = await measure(
      requests,
      async (index) => {
        const response = await fetch(`${server.url}/api/v1/datasets`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({
            pid: `bench/${run}/${index}-${Math.random().toString(36).slice(2)}`,
            datasetName: "request path",
            sourceFolder: "/data/bench/request-path",
            sampleId: "S-DEMO-04",
          }),
        });
        if (!response.ok) throw new Error(`${name}: POST /api/v1/datasets ${response.status} ${await response.text()}`);
      },
      { clients, warmup: 30 },
    );
    return [name, requests, clients, timing.p50, timing.p95, timing.perSecond];
  } finally {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchPublishing(tiers: Tier[]): Promise<void> {
  const scicat = await peer();
  try {
    // SciCat's side dominates delivery; it is measured on the embedded default, where the worker
    // shares its one connection with the requests. BENCH_PUBLISH_DATASETS=0 leaves it out.
    if (datasets > 0)
      printTable(
        `Publishing ${datasets} datasets (each with a datablock of 10 files) to SciCat 4.5.0 on FerretDB`,
        ["tier", "datasets", "queued rows", "records published", "seconds", "datasets/s"],
        [await deliveryOn(tiers[0], scicat.base)],
      );
    const port = Number(process.env.BENCH_PUBLISH_PORT ?? 3470);
    const rows = [
      await requestPath("publishing off", port, {}),
      await requestPath("publishing on, outbox only", port + 2, publishTo(scicat.base, false)),
      await requestPath("publishing on, worker delivering", port + 4, publishTo(scicat.base, true)),
    ];
    printTable(
      `The outbox on the request path: POST /api/v1/datasets (PGlite, ${clients} clients, ms)`,
      ["server", "requests", "clients", "p50", "p95", "requests/s"],
      rows,
    );
  } finally {
    await scicat.stop();
  }
}
