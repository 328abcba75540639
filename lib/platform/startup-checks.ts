import "server-only";
import { config, ConfigError, describeDatabase, type Config } from "./config";
import { openDatabase } from "./db";
import { logger } from "./logger";
import { migrationStatus, releaseMigrations, schemaVerdict, type SchemaVerdict } from "./migrations";

export type StartupVerdict = { ok: true; appUrl: string; warnings: string[] } | { ok: false; problem: string };

const migrateCommand = "npm run db:migrate (in the image: node tools/migrate.mjs; on Kubernetes: the migration Job)";

/**
 * Whether this server may start: the configuration is valid and the database schema is exactly the
 * one this release expects. The server never migrates by itself (replicas would race and a failed
 * migration would take every instance down); `npm start` migrates before it starts the server.
 */
export async function checkStartup(readSettings: () => Config = config): Promise<StartupVerdict> {
  let settings: Config;
  try {
    settings = readSettings();
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, problem: error.message };
    throw error;
  }
  const warnings: string[] = [];
  let database;
  try {
    database = await openDatabase(settings.database, { log: "none" });
  } catch (error) {
    return {
      ok: false,
      problem: `Cannot open the database (${describeDatabase(settings.database)}): ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  try {
    const status = await migrationStatus(database, releaseMigrations());
    const problems: Record<Exclude<SchemaVerdict, "ok">, () => string> = {
      failed: () =>
        `The database (${database.description}) has a failed migration: ${status.failed.join(", ")}. ` +
        `Repair it (see README, "Migration workflow"), then run ${migrateCommand}.`,
      modified: () =>
        `Migrations were changed after they were applied to ${database.description}: ${status.modified.join(", ")}. ` +
        "This release does not match the database; deploy the release that applied them.",
      pending: () =>
        `The database (${database.description}) lacks ${status.pending.length} migration(s) of this release: ` +
        `${status.pending.join(", ")}. Run ${migrateCommand} first; the server does not migrate by itself.`,
    };
    const verdict = schemaVerdict(status);
    if (verdict !== "ok") return { ok: false, problem: problems[verdict]() };
    if (status.unknown.length)
      warnings.push(
        `The database has migrations this release does not know (${status.unknown.join(", ")}): ` +
          "a newer release ran here. Serving anyway; roll forward as soon as possible.",
      );
  } catch (error) {
    return {
      ok: false,
      problem: `Cannot read the migration status of ${database.description}: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    await database.close();
  }
  if (settings.nodeEnv === "production" && settings.auth.oidc?.demoAccounts)
    warnings.push(
      `Sign-in goes to the demo identity provider (${settings.auth.oidc.issuer}) with published passwords: ` +
        "a demo instance, never for real data.",
    );
  return { ok: true, appUrl: settings.appUrl, warnings };
}

/** For the server's start (instrumentation.ts): exits with the problem, or prints the warnings. */
export async function enforceStartupChecks(): Promise<void> {
  const verdict = await checkStartup();
  if (!verdict.ok) {
    logger.fatal(`Beamtime Sample Registry cannot start.\n${verdict.problem}`);
    process.exit(1);
  }
  for (const warning of verdict.warnings) logger.warn(`Warning: ${warning}`);
  // Sign-in callbacks use the public URL, whatever Host header a proxy in front passes on.
  process.env.AUTH_URL ||= `${verdict.appUrl}/api/auth`;
}
