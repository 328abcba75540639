// npm run db:seed: (re)creates the demo data; idempotent, existing records are left as they are.
import { parseArgs } from "node:util";
import { config } from "../lib/platform/config";
import { openDatabase } from "../lib/platform/db";
import { seedDemoData } from "../lib/platform/seed";
import { runCommand } from "./command";

await runCommand({
  usage: "usage: npm run db:seed   (release: node tools/seed.mjs)",
  failure: "Seeding failed",
  parse() {
    const { values } = parseArgs({ options: { help: { type: "boolean" } } });
    return { help: values.help ?? false };
  },
  async run() {
    const database = await openDatabase(config().database);
    try {
      const { samples, datasets } = await seedDemoData(database.prisma);
      console.log(
        `${database.description}: demo proposal 2026-0042 present with ${samples} samples and ${datasets} datasets.`,
      );
    } finally {
      await database.close();
    }
  },
});
