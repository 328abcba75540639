import "server-only";
import { database } from "./db";
import { logger } from "./logger";
import { migrationStatus, releaseMigrations, schemaVerdict, type SchemaVerdict } from "./migrations";

export type Readiness = {
  ready: boolean;
  checks: { database: "ok" | "unreachable"; migrations: SchemaVerdict | "unknown" };
};

/**
 * Whether this instance can serve: the database answers and every migration of this release is
 * applied (a replica started before `npm run db:migrate` must not take traffic). Says which check
 * failed, never why in detail: probes are unauthenticated.
 */
export async function readiness(): Promise<Readiness> {
  let opened;
  try {
    opened = await database();
    await opened.query("SELECT 1");
  } catch (error) {
    logger.error({ err: error }, "Readiness: the database is unreachable");
    return { ready: false, checks: { database: "unreachable", migrations: "unknown" } };
  }
  const migrations = schemaVerdict(await migrationStatus(opened, releaseMigrations()));
  return { ready: migrations === "ok", checks: { database: "ok", migrations } };
}
