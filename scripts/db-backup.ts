// npm run db:backup [-- <file>]: writes a backup of the configured database (PostgreSQL: pg_dump
// custom format; embedded PGlite: a gzipped tarball of DATA_DIR/pglite) to <file>, by default
// DATA_DIR/backups/registry-<kind>-<UTC timestamp>.<ext>. With the embedded database, stop the app
// first: PGlite cannot be opened by two processes at once. The restore drill: docs/restore-drill.md.
// Bundled into one file for the container image (node tools/backup.mjs): no tsx-only features.
import { parseArgs } from "node:util";
import { backupDatabase, describeCounts, describeSize } from "../lib/backup";
import { config, describeDatabase } from "../lib/platform/config";
import { fromUserFolder, runCommand } from "./command";

await runCommand({
  usage: "usage: npm run db:backup [-- <file>]   (container image: node tools/backup.mjs [<file>])",
  failure: "Backup failed",
  parse() {
    const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: "boolean" } } });
    if (positionals.length > 1) throw new Error("Give at most one backup file.");
    return { help: values.help ?? false, file: positionals[0] && fromUserFolder(positionals[0]) };
  },
  async run({ file }) {
    const settings = config();
    console.log(`Backing up the ${describeDatabase(settings.database)} …`);
    const result = await backupDatabase(settings, { file, log: (line) => console.log(line) });
    console.log(`Backup written: ${result.file}, ${describeSize(result.bytes)}`);
    console.log(`It holds ${describeCounts(result.counts)}.`);
    console.log("Keep a copy outside this machine's data volume (docs/restore-drill.md).");
  },
});
