// The REST API under load, on PostgreSQL: 20 concurrent clients registering datasets (POST
// /api/v1/datasets, each a new pid) and resolving scanned codes (GET /api/v1/resolve), against the
// production server. Clients are plain fetch loops on loopback, bounded in time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "./app-server";
import { percentile, printTable, type Tier } from "./support";

const clients = 20;
const seconds = 10;
const account = { username: "bench-ingestor", password: "bench-password-long-enough" };

type Load = { requests: number; errors: number; perSecond: number; p50: number; p95: number; p99: number };

async function load(call: (client: number, index: number) => Promise<Response>): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let index = 0; performance.now() < until; index += 1) {
        const before = performance.now();
        const response = await call(client, index);
        await response.arrayBuffer();
        latencies.push(performance.now() - before);
        if (!response.ok) errors += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
  };
}

export async function benchApi(tiers: Tier[]): Promise<void> {
  const postgres = tiers.find((tier) => tier.url);
  if (!postgres?.url) {
    console.log(
      "API benchmark skipped: it needs PostgreSQL (set BENCH_DATABASE_URL, or install the postgresql package).",
    );
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "brs-bench-api-"));
  const server = await startServer(Number(process.env.BENCH_API_PORT ?? 3420), dataDir, {
    databaseUrl: postgres.url,
    env: {
      SCICAT_FUNCTIONAL_ACCOUNTS: JSON.stringify([
        { ...account, scopes: ["samples:read", "datasets:read", "datasets:write"] },
      ]),
    },
  });
  try {
    const login = await fetch(`${server.url}/api/v3/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(account),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const post = (client: number, index: number) =>
      fetch(`${server.url}/api/v1/datasets`, {
        method: "POST",
        headers,
        body: JSON.stringify({
          pid: `bench/${client}/${index}`,
          datasetName: `scan_${index}`,
          sourceFolder: `/data/bench/${client}/${index}`,
          sampleId: `S-DEMO-0${1 + ((client + index) % 9)}`,
          size: 4_200_000_000,
          numberOfFiles: 3001,
          scientificMetadata: { energy: { value: 20, unit: "keV" }, projections: 3000 },
        }),
      });
    const resolve = (client: number, index: number) =>
      fetch(`${server.url}/api/v1/resolve?code=S-DEMO-${String(1 + ((client + index) % 12)).padStart(2, "0")}`, {
        headers,
      });
    // Warm-up: the first requests compile routes and fill caches.
    await load(async (client, index) => (index < 3 ? resolve(client, index) : new Response(null)));
    const rows: (string | number)[][] = [];
    for (const [name, call] of [
      ["POST /api/v1/datasets (new pid)", post],
      ["GET /api/v1/resolve", resolve],
    ] as const) {
      const result = await load(call);
      rows.push([
        name,
        result.requests,
        result.errors,
        Math.round(result.perSecond),
        result.p50,
        result.p95,
        result.p99,
      ]);
    }
    printTable(
      `REST API on PostgreSQL, ${clients} concurrent clients for ${seconds} s each (latency in ms)`,
      ["request", "requests", "errors", "per second", "p50", "p95", "p99"],
      rows,
    );
  } finally {
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
