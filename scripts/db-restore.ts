// npm run db:restore -- <file> [--force]: restores a backup made by npm run db:backup into the
// configured database, then prints what it holds and whether migrations are pending. A database
// that already holds data is replaced only with --force, and kept: PGlite's old directory is moved
// aside, PostgreSQL's data is backed up first. With the embedded database, stop the app first.
// The restore drill: docs/restore-drill.md. Bundled for the container image (node tools/restore.mjs).
import { parseArgs } from "node:util";
import { describeCounts, restoreDatabase } from "../lib/backup";
import { config, describeDatabase } from "../lib/platform/config";
import { fromUserFolder, runCommand } from "./command";

await runCommand({
  usage: "usage: npm run db:restore -- <file> [--force]   (container image: node tools/restore.mjs <file> [--force])",
  failure: "Restore failed",
  parse() {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: { force: { type: "boolean" }, help: { type: "boolean" } },
    });
    if (!values.help && positionals.length !== 1) throw new Error("Give exactly one backup file.");
    return { help: values.help ?? false, force: values.force ?? false, file: fromUserFolder(positionals[0] ?? "") };
  },
  async run({ file, force }) {
    const settings = config();
    console.log(`Restoring ${file} into the ${describeDatabase(settings.database)} …`);
    const result = await restoreDatabase(settings, file, { force, log: (line) => console.log(line) });
    console.log(`Restored. The database holds ${describeCounts(result.counts)}.`);
    if (result.previous) console.log(`The data it replaced is kept in ${result.previous}.`);
    if (result.migrations && result.warnings.length === 0)
      console.log(`Migrations: all ${result.migrations.applied.length} of this release applied.`);
    for (const warning of result.warnings) console.log(`warning: ${warning}`);
  },
});
