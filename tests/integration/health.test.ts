import { afterEach, describe, expect, it } from "vitest";
import type { Database } from "@/lib/platform/db";
import { readMigrations } from "@/lib/platform/migrations";
import { createTestDatabase, databaseTier } from "../support/database";

const { GET: health } = await import("@/app/api/health/route");
const { GET: ready } = await import("@/app/api/ready/route");

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe(`health and readiness probes (${databaseTier()})`, () => {
  it("health answers while the process is up", async () => {
    const response = health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("ready answers 200 when the database is reachable and migrated", async () => {
    database = await createTestDatabase();
    const response = await ready();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok" } });
  });

  it("ready answers 503 while migrations are pending", async () => {
    database = await createTestDatabase({ migrate: false });
    const response = await ready();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "not ready", checks: { database: "ok", migrations: "pending" } });
  });

  it("ready answers 503 when an applied migration was edited since, as the server's startup check refuses it", async () => {
    database = await createTestDatabase();
    await database.query(`UPDATE "_prisma_migrations" SET checksum = 'edited' WHERE migration_name = $1`, [
      readMigrations()[0].name,
    ]);
    const response = await ready();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "not ready", checks: { database: "ok", migrations: "modified" } });
  });

  it("ready answers 503 when the database is unreachable", async () => {
    database = await createTestDatabase();
    await database.close();
    const response = await ready();
    expect(response.status).toBe(503);
    expect((await response.json()).checks.database).toBe("unreachable");
    database = undefined;
  });
});
