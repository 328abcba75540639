// Brings the configured database up to date before the server opens it: applies pending
// migrations, and seeds the demo data on the first start of the embedded database.
// Runs in its own short-lived process step, because PGlite must never be open twice at once.
import { config, type Config } from "../lib/platform/config";
import { openDatabase } from "../lib/platform/db";
import { applyMigrations } from "../lib/platform/migrations";
import { seedDemoData } from "../lib/platform/seed";

export async function prepareDatabase(settings: Config = config(), log = (line: string) => console.log(line)) {
  const database = await openDatabase(settings.database);
  try {
    const { applied, wasEmpty } = await applyMigrations(database, undefined, (line) => log(`  ${line}`));
    log(
      applied.length ? `Database migrated (${applied.length} migrations applied).` : "Database schema is up to date.",
    );
    const seed =
      settings.seedDemoData === "true" ||
      (settings.seedDemoData === "auto" && settings.database.kind === "pglite" && wasEmpty);
    if (seed) {
      const { samples, datasets } = await seedDemoData(database.prisma);
      log(`Demo data seeded: proposal 2026-0042 with ${samples} samples and ${datasets} datasets.`);
    }
    return database.description;
  } finally {
    await database.close();
  }
}
