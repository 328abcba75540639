import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/platform/db";
import {
  applyMigrations,
  MigrationError,
  migrationStatus,
  readMigrations,
  type Migration,
} from "@/lib/platform/migrations";
import {
  diffMigrationsToSchema,
  diffSchemas,
  introspect,
  isEmptyDiff,
  pgliteConnector,
  postgresConnector,
} from "@/scripts/schema-engine";
import { createTestDatabase, databaseTier } from "../support/database";

const migrationsDir = path.resolve("prisma", "migrations");
const schemaText = readFileSync(path.resolve("prisma", "schema.prisma"), "utf8");

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

async function introspectLive(db: Database): Promise<string> {
  if (db.pglite) return introspect(pgliteConnector(db.pglite), schemaText);
  if (db.target.kind !== "postgresql") throw new Error("unreachable");
  const connector = postgresConnector(db.target.url);
  try {
    return await introspect(connector.connect, schemaText);
  } finally {
    await connector.close();
  }
}

describe(`migrations (${databaseTier()})`, () => {
  it("bring a new database exactly to prisma/schema.prisma: no drift", async () => {
    database = await createTestDatabase();
    const live = await introspectLive(database);
    expect(live).toContain("model Sample");
    const drift = await diffSchemas(live, schemaText);
    expect(drift, `the migrated database differs from schema.prisma:\n${drift}`).toSatisfy(isEmptyDiff);
  });

  it("the drift check notices a schema change that has no migration", async () => {
    database = await createTestDatabase();
    const live = await introspectLive(database);
    const changed = schemaText.replace(
      "  specimenName   String\n",
      "  specimenName   String\n  shelf          String?\n",
    );
    expect(changed).not.toBe(schemaText);
    expect(await diffSchemas(live, changed)).toContain('ADD COLUMN     "shelf" TEXT');
  });

  it("the migrations folder and schema.prisma agree (what npm run db:migration would write is empty)", async () => {
    const sql = await diffMigrationsToSchema(readMigrations(migrationsDir), schemaText, migrationsDir);
    expect(sql, `schema.prisma has changes without a migration; run npm run db:migration -- <name>:\n${sql}`).toSatisfy(
      isEmptyDiff,
    );
  });

  it("are recorded in _prisma_migrations as Prisma does, and applied once", async () => {
    database = await createTestDatabase({ migrate: false });
    const migrations = readMigrations(migrationsDir);
    expect(await migrationStatus(database, migrations)).toMatchObject({
      applied: [],
      pending: migrations.map((m) => m.name),
    });

    const first = await applyMigrations(database, migrations);
    expect(first).toEqual({ applied: migrations.map((m) => m.name), wasEmpty: true });
    const rows = await database.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(
      migrations.map((m) => ({
        migration_name: m.name,
        checksum: m.checksum,
        finished_at: expect.any(Date),
        applied_steps_count: 1,
      })),
    );

    expect(await applyMigrations(database, migrations)).toEqual({ applied: [], wasEmpty: false });
    expect(await migrationStatus(database, migrations)).toMatchObject({ pending: [], failed: [], modified: [] });
  });

  it("stop at a failing migration, keep its log, and refuse to go on until someone fixes it", async () => {
    database = await createTestDatabase();
    const migrations = readMigrations(migrationsDir);
    const broken: Migration = {
      name: "29990101000000_broken",
      sql: 'ALTER TABLE "Nope" ADD COLUMN x INT;',
      checksum: "0".repeat(64),
    };
    const later: Migration = {
      name: "29990102000000_later",
      sql: 'CREATE TABLE "Later" (id INT);',
      checksum: "1".repeat(64),
    };

    await expect(applyMigrations(database, [...migrations, broken, later])).rejects.toThrow(
      /29990101000000_broken failed/,
    );
    const [row] = await database.query<{ logs: string; finished_at: Date | null }>(
      `SELECT logs, finished_at FROM "_prisma_migrations" WHERE migration_name = $1`,
      [broken.name],
    );
    expect(row.finished_at).toBeNull();
    expect(row.logs).toMatch(/Nope/);

    await expect(applyMigrations(database, [...migrations, broken, later])).rejects.toThrow(MigrationError);
    await expect(applyMigrations(database, [...migrations, broken, later])).rejects.toThrow(/rolled back/);
    const [{ exists }] = await database.query<{ exists: boolean }>(
      `SELECT to_regclass('"Later"') IS NOT NULL AS "exists"`,
    );
    expect(exists).toBe(false);
  });

  it("report a migration file edited after it was applied", async () => {
    database = await createTestDatabase();
    const [first, ...rest] = readMigrations(migrationsDir);
    const edited = { ...first, checksum: "f".repeat(64) };
    expect((await migrationStatus(database, [edited, ...rest])).modified).toEqual([first.name]);
  });

  it("write new migrations in Prisma's folder format", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "brs-migrations-"));
    expect(readMigrations(dir)).toEqual([]);
    expect(readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    for (const migration of readMigrations(migrationsDir)) expect(migration.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });
});
