// Shared pieces of the benchmarks: database tiers, timing and the result table.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { DatabaseTarget } from "../lib/platform/config";
import { openDatabase, type Database } from "../lib/platform/db";
import { applyMigrations } from "../lib/platform/migrations";

export type Tier = {
  name: string;
  open: () => Promise<Database>;
  cleanup: () => Promise<void>;
  /** The PostgreSQL tier's database URL, for benchmarks that start the app on it. */
  url?: string;
};

/**
 * PGlite on disk (what the embedded default runs), and PostgreSQL: BENCH_DATABASE_URL or
 * TEST_DATABASE_URL if set, else a throw-away server started from Debian's package.
 */
export async function tiers(): Promise<Tier[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "brs-bench-"));
  const result: Tier[] = [
    {
      name: "PGlite",
      open: () => openMigrated({ kind: "pglite", dataDir: dir }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
  ];
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? startThrowAwayServer();
  if (serverUrl) {
    const name = `brs_bench_${Date.now()}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(sql);
      await client.end();
    };
    await admin(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    result.push({
      name: "PostgreSQL",
      url: url.toString(),
      open: () => openMigrated({ kind: "postgresql", url: url.toString() }),
      cleanup: async () => {
        await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        if (!process.env.BENCH_DATABASE_URL && !process.env.TEST_DATABASE_URL) stopThrowAwayServer();
      },
    });
  } else {
    console.log("PostgreSQL tier skipped: no server (set BENCH_DATABASE_URL, or install the postgresql package).");
  }
  return result;
}

async function openMigrated(target: DatabaseTarget): Promise<Database> {
  const database = await openDatabase(target, { log: "none" });
  await applyMigrations(database);
  return database;
}

const benchServerEnv = { ...process.env, PGPORT: "55439", PGDATA: path.join(tmpdir(), "brs-bench-postgres") };

function startThrowAwayServer(): string | undefined {
  try {
    return execFileSync("bash", ["scripts/ci/postgres.sh", "start"], { env: benchServerEnv, encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

function stopThrowAwayServer(): void {
  execFileSync("bash", ["scripts/ci/postgres.sh", "stop"], { env: benchServerEnv });
}

export type Timing = { p50: number; p95: number; mean: number; perSecond: number };

/** The value below which the fraction `q` (0–1) of `values` lies (nearest rank, no interpolation). */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Runs `once` `iterations` times after a warm-up made the same way (`warmup` calls, default 200 or
 * fewer); milliseconds per call. With `clients` > 1 that many loops call concurrently, each waiting
 * for its call before the next, and `perSecond` is the calls of all loops per second of the run.
 * The first call that throws stops every loop and is rethrown.
 */
export async function measure(
  iterations: number,
  once: (index: number) => Promise<unknown>,
  { clients = 1, warmup = Math.min(200, iterations) }: { clients?: number; warmup?: number } = {},
): Promise<Timing> {
  const run = async (count: number, samples: number[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(clients, count) }, async () => {
        for (let index = next++; index < count; index = next++) {
          const before = performance.now();
          try {
            await once(index);
          } catch (error) {
            next = count;
            throw error;
          }
          samples.push(performance.now() - before);
        }
      }),
    );
  };
  await run(warmup, []);
  const samples: number[] = [];
  const started = performance.now();
  await run(iterations, samples);
  const total = performance.now() - started;
  return {
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    mean: samples.reduce((sum, sample) => sum + sample, 0) / iterations,
    perSecond: (iterations * 1000) / total,
  };
}

export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [
    header,
    ...rows.map((row) =>
      row.map((cell) => (typeof cell === "number" ? (Number.isInteger(cell) ? String(cell) : cell.toFixed(3)) : cell)),
    ),
  ];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => String(row[column]).length)));
  const line = (row: (string | number)[]) =>
    `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(" | ")} |`;
  console.log(`\n${title}\n`);
  console.log(line(cells[0]));
  console.log(`|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}
