import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, setDatabase, type Database } from "@/lib/db";
import { applyMigrations } from "@/lib/migrations";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new database
 * on the PostgreSQL server of TEST_DATABASE_URL (dropped again by `close`). It also becomes the
 * process-wide database that domain functions use.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let database: Database;
  if (serverUrl) {
    const name = `brs_test_${randomBytes(6).toString("hex")}`;
    await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const opened = await openDatabase({ kind: "postgresql", url: url.toString() }, { log: "none" });
    database = {
      ...opened,
      async close() {
        await opened.close();
        await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
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

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
