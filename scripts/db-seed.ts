// npm run db:seed: (re)creates the demo data; idempotent, existing records are left as they are.
import { config, ConfigError } from "../lib/config";
import { openDatabase } from "../lib/db";
import { seedDemoData } from "../lib/seed";

try {
  const database = await openDatabase(config().database);
  try {
    const { samples, datasets } = await seedDemoData(database.prisma);
    console.log(
      `${database.description}: demo proposal 2026-0042 present with ${samples} samples and ${datasets} datasets.`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `Seeding failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
