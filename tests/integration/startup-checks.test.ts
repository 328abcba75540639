import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, parseConfig, type Config, type DatabaseTarget } from "@/lib/platform/config";
import { openDatabase, type Database } from "@/lib/platform/db";
import { applyMigrations, readMigrations } from "@/lib/platform/migrations";
import { checkStartup } from "@/lib/platform/startup-checks";
import { createTestDatabase, databaseTier } from "../support/database";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A database the check can open on its own: on PostgreSQL a fresh test database (the check opens a
 * second connection), on PGlite a directory (one process may open it only once at a time, so the
 * setup closes it before the check runs).
 */
async function databaseFor(prepare: (database: Database) => Promise<void>): Promise<DatabaseTarget> {
  if (databaseTier() === "postgresql") {
    const database = await createTestDatabase({ migrate: false });
    cleanups.push(() => database.close());
    await prepare(database);
    return database.target;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "brs-startup-"));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const target: DatabaseTarget = { kind: "pglite", dataDir };
  const database = await openDatabase(target, { log: "none" });
  try {
    await prepare(database);
  } finally {
    await database.close();
  }
  return target;
}

const settingsWith =
  (target: DatabaseTarget, environment: Record<string, string> = {}) =>
  (): Config => ({
    ...parseConfig(environment),
    database: target,
  });

describe(`the server's startup check (${databaseTier()})`, () => {
  it("lets a migrated database serve", async () => {
    const target = await databaseFor(async (database) => void (await applyMigrations(database)));
    expect(await checkStartup(settingsWith(target, { APP_URL: "https://samples.example.org" }))).toEqual({
      ok: true,
      appUrl: "https://samples.example.org",
      warnings: [],
    });
  });

  it("refuses pending migrations, naming them and the command that applies them", async () => {
    const names = readMigrations().map((migration) => migration.name);
    const target = await databaseFor(async () => {});
    const verdict = await checkStartup(settingsWith(target));
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.problem).toContain(`lacks ${names.length} migration(s) of this release: ${names.join(", ")}`);
    expect(verdict.problem).toContain("npm run db:migrate");
    expect(verdict.problem).toContain("the server does not migrate by itself");
  });

  it("refuses a database with a failed migration, and one whose applied migration was edited since", async () => {
    const failed = await databaseFor(async (database) => {
      await applyMigrations(database);
      await database.query(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [
        readMigrations()[0].name,
      ]);
    });
    const failedVerdict = await checkStartup(settingsWith(failed));
    expect(failedVerdict).toMatchObject({ ok: false, problem: expect.stringContaining("has a failed migration") });

    const edited = await databaseFor(async (database) => {
      await applyMigrations(database);
      await database.query(`UPDATE "_prisma_migrations" SET checksum = 'edited' WHERE migration_name = $1`, [
        readMigrations()[0].name,
      ]);
    });
    expect(await checkStartup(settingsWith(edited))).toMatchObject({
      ok: false,
      problem: expect.stringContaining("changed after they were applied"),
    });
  });

  it("serves a database a newer release migrated, with a warning", async () => {
    const target = await databaseFor(async (database) => {
      await applyMigrations(database);
      await database.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
         VALUES ('future', 'x', '29991231000000_from_the_future', now(), 1)`,
      );
    });
    const verdict = await checkStartup(settingsWith(target));
    expect(verdict).toMatchObject({ ok: true, warnings: [expect.stringContaining("29991231000000_from_the_future")] });
  });

  it("warns that a production instance signs in with the demo identity provider", async () => {
    const target = await databaseFor(async (database) => void (await applyMigrations(database)));
    const verdict = await checkStartup(
      settingsWith(target, {
        NODE_ENV: "production",
        AUTH_SECRET: "a-production-secret-of-enough-length-0123",
        OIDC_ISSUER: "http://localhost:3001",
        OIDC_CLIENT_ID: "registry",
        OIDC_CLIENT_SECRET: "demo",
        OIDC_DEMO_ACCOUNTS: "true",
      }),
    );
    expect(verdict).toMatchObject({ ok: true, warnings: [expect.stringContaining("demo identity provider")] });
  });

  it("refuses an invalid configuration with the configuration's own message", async () => {
    const verdict = await checkStartup(() => parseConfig({ NODE_ENV: "production", AUTH_SECRET: "short" }));
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.problem).toContain("AUTH_SECRET: too weak");
    expect(verdict.problem).toContain("OIDC_ISSUER: required in production");
    expect(verdict.problem).not.toContain("short");
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
  });

  it("refuses when the database cannot be reached", async () => {
    const verdict = await checkStartup(
      settingsWith({ kind: "postgresql", url: "postgresql://nobody:secret@127.0.0.1:9/none" }),
    );
    expect(verdict).toMatchObject({ ok: false, problem: expect.stringContaining("127.0.0.1:9") });
    if (!verdict.ok) expect(verdict.problem).not.toContain("secret");
  });
});
