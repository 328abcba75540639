import "server-only";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { config, describeDatabase, type DatabaseTarget } from "./config";
import { logger } from "./logger";
import { type Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * An open database: the Prisma client for the domain, plus raw SQL for the migration runner,
 * which must run multi-statement scripts and hold session-level locks.
 */
export type Database = {
  target: DatabaseTarget;
  description: string;
  prisma: PrismaClient;
  /** The embedded engine itself, when it is PGlite (tooling introspects it). */
  pglite?: PGlite;
  /** Runs a multi-statement script over the simple protocol, as one implicit transaction. */
  execScript(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs `work` on one connection, so session state (advisory locks) holds throughout. */
  withSession<T>(work: (session: Pick<Database, "execScript" | "query">) => Promise<T>): Promise<T>;
  /** PostgreSQL only: the pool's connections, for /metrics. */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
};

/** The client, or an open transaction: reads that run both inside and outside a transaction take either. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

/** Prisma's own logging: errors are also thrown, so tests that provoke them turn it off. */
export type OpenOptions = { log?: "queries" | "errors" | "none" };

/** Prisma's own messages go through the logger: production output stays one JSON object per line. */
function prismaClient(adapter: PrismaPg | PrismaPGlite, levels: readonly ("query" | "warn" | "error")[]): PrismaClient {
  const prisma = new PrismaClient({ adapter, log: levels.map((level) => ({ emit: "event" as const, level })) });
  // The query text and its time only: parameters may be credentials (token hashes, passwords).
  prisma.$on("query", (event) => logger.info({ durationMs: event.duration }, `prisma:query ${event.query}`));
  prisma.$on("warn", (event) => logger.warn(`prisma: ${event.message}`));
  prisma.$on("error", (event) => logger.error(`prisma: ${event.message}`));
  return prisma;
}

export async function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<Database> {
  const log = { queries: ["query", "warn", "error"] as const, errors: ["warn", "error"] as const, none: [] }[
    options.log ?? "errors"
  ];
  const description = describeDatabase(target);

  if (target.kind === "postgresql") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection that the server drops (restart, failover, a dropped database) must not take
    // the process down: pg emits it on the pool, and the next query opens a fresh connection.
    pool.on("error", (error: Error & { code?: string }) => {
      if (options.log !== "none")
        logger.warn(`PostgreSQL closed an idle connection (${error.code ?? error.message}); reconnecting on demand.`);
    });
    const prisma = prismaClient(new PrismaPg(pool), log);
    const sessionOn = (client: pg.Pool | pg.PoolClient) => ({
      execScript: async (sql: string) => void (await client.query(sql)),
      query: async <Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as Row[],
    });
    return {
      target,
      description,
      prisma,
      ...sessionOn(pool),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      async withSession(work) {
        const client = await pool.connect();
        try {
          return await work(sessionOn(client));
        } finally {
          client.release();
        }
      },
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  if (!target.dataDir.startsWith("memory://")) mkdirSync(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(target.dataDir);
  const prisma = prismaClient(new PrismaPGlite(pglite), log);
  const session = {
    execScript: async (sql: string) => void (await pglite.exec(sql)),
    query: async <Row>(sql: string, params: unknown[] = []) => (await pglite.query<Row>(sql, params)).rows,
  };
  return {
    target,
    description,
    prisma,
    pglite,
    ...session,
    // PGlite has a single connection: every call already shares one session.
    withSession: (work) => work(session),
    async close() {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

const globalKey = Symbol.for("beamtime-sample-registry.database");
type GlobalWithDatabase = typeof globalThis & { [globalKey]?: Promise<Database> };

/**
 * The process-wide database. Kept on globalThis so that Next's dev reloads and separately bundled
 * server chunks share one PGlite instance (PGlite has no cross-process or cross-instance lock).
 */
export function database(): Promise<Database> {
  const holder = globalThis as GlobalWithDatabase;
  holder[globalKey] ??= openDatabase(config().database, { log: config().logQueries ? "queries" : "errors" }).then(
    (opened) => {
      closeOnExit(opened);
      return opened;
    },
  );
  return holder[globalKey];
}

/** Makes `database()` return this one (tests, scripts that open their own). */
export function setDatabase(opened: Database): void {
  (globalThis as GlobalWithDatabase)[globalKey] = Promise.resolve(opened);
}

/** The Prisma client of the process-wide database. */
export async function db(): Promise<PrismaClient> {
  return (await database()).prisma;
}

function closeOnExit(opened: Database): void {
  if (opened.target.kind !== "pglite") return;
  // A killed PGlite keeps its data, but recovery makes sequences jump: close it cleanly.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void opened.close().finally(() => process.exit(0));
    });
  }
}
