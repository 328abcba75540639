// npm run db:migrate: applies pending migrations to the configured database (like
// `prisma migrate deploy`); `--status` only reports, and exits 1 unless the schema is servable.
// Never run it on an embedded PGlite directory while the app is running: PGlite has no lock
// against a second process.
import { parseArgs } from "node:util";
import { config } from "../lib/platform/config";
import { openDatabase } from "../lib/platform/db";
import { applyMigrations, migrationStatus, schemaVerdict } from "../lib/platform/migrations";
import { runCommand } from "./command";

await runCommand({
  usage: "usage: npm run db:migrate [-- --status]   (release: node tools/migrate.mjs [--status])",
  failure: "Migration failed",
  parse() {
    const { values } = parseArgs({ options: { status: { type: "boolean" }, help: { type: "boolean" } } });
    return { help: values.help ?? false, status: values.status ?? false };
  },
  async run({ status: reportOnly }) {
    const database = await openDatabase(config().database);
    try {
      if (reportOnly) {
        const status = await migrationStatus(database);
        console.log(`${database.description}`);
        console.log(`applied: ${status.applied.length}, pending: ${status.pending.join(", ") || "none"}`);
        if (status.failed.length) console.log(`failed: ${status.failed.join(", ")}`);
        if (status.modified.length) console.log(`changed after applying: ${status.modified.join(", ")}`);
        if (status.unknown.length) console.log(`applied but not in this release: ${status.unknown.join(", ")}`);
        process.exitCode = schemaVerdict(status) === "ok" ? 0 : 1;
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
  },
});
