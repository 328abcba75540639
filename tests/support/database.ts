import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, setDatabase, type Database } from "@/lib/platform/db";
import { applyMigrations } from "@/lib/platform/migrations";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database
 * on the PostgreSQL server of TEST_DATABASE_URL (dropped again by `close`). It also becomes the
 * process-wide database that domain functions use.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: Database;
  if (serverUrl) {
    const created = await createServerDatabase(serverUrl, "brs_test");
    const opened = await openDatabase({ kind: "postgresql", url: created.url }, { log: "none" });
    database = {
      ...opened,
      async close() {
        await opened.close();
        await created.drop();
      },
    };
  } else {
    database = await openDatabase({ kind: "pglite", dataDir: "memory://" }, { log: "none" });
  }
  if (options.migrate !== false) await applyMigrations(database);
  setDatabase(database);
  return database;
}

export const databaseTier = () => (process.env.TEST_DATABASE_URL ? "postgresql" : "pglite");

/** A new, empty database on the PostgreSQL server of `serverUrl`, and how to drop it again. */
export async function createServerDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () =>
      void (await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** Runs `work` with a plain pg client on `url`, outside Prisma (administration, raw checks). */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
