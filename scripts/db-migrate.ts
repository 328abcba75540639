// npm run db:migrate: applies pending migrations to the configured database (like
// `prisma migrate deploy`); `--status` only reports. Never run it on an embedded PGlite
// directory while the app is running: PGlite has no lock against a second process.
import { config, ConfigError } from "../lib/config";
import { openDatabase } from "../lib/db";
import { applyMigrations, migrationStatus } from "../lib/migrations";

try {
  const database = await openDatabase(config().database);
  try {
    if (process.argv.includes("--status")) {
      const status = await migrationStatus(database);
      console.log(`${database.description}`);
      console.log(`applied: ${status.applied.length}, pending: ${status.pending.join(", ") || "none"}`);
      if (status.failed.length) console.log(`failed: ${status.failed.join(", ")}`);
      if (status.modified.length) console.log(`changed after applying: ${status.modified.join(", ")}`);
      if (status.unknown.length) console.log(`applied but not in this release: ${status.unknown.join(", ")}`);
      process.exitCode = status.pending.length || status.failed.length ? 1 : 0;
    } else {
      const { applied } = await applyMigrations(database, undefined, (line) => console.log(line));
      console.log(
        applied.length
          ? `${database.description}: ${applied.length} migrations applied.`
          : `${database.description}: up to date.`,
      );
    }
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `Migration failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
