// npm run db:backup [-- <file>]: writes a backup of the configured database (PostgreSQL: pg_dump
// custom format; embedded PGlite: a gzipped tarball of DATA_DIR/pglite) to <file>, by default
// DATA_DIR/backups/registry-<kind>-<UTC timestamp>.<ext>. With the embedded database, stop the app
// first: PGlite cannot be opened by two processes at once. The restore drill: docs/restore-drill.md.
// Bundled into one file for the container image (node tools/backup.mjs): no tsx-only features.
import path from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase, describeCounts, describeSize } from "../lib/backup";
import { config, ConfigError, describeDatabase, redact } from "../lib/config";

const usage = "usage: npm run db:backup [-- <file>]   (container image: node tools/backup.mjs [<file>])";

let parsed: ReturnType<typeof parseArguments> | undefined;
try {
  parsed = parseArguments();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exitCode = 2;
}

if (parsed?.help) {
  console.log(usage);
} else if (parsed) {
  try {
    const settings = config();
    console.log(`Backing up the ${describeDatabase(settings.database)} …`);
    const result = await backupDatabase(settings, { file: parsed.file, log: (line) => console.log(line) });
    console.log(`Backup written: ${result.file}, ${describeSize(result.bytes)}`);
    console.log(`It holds ${describeCounts(result.counts)}.`);
    console.log("Keep a copy outside this machine's data volume (docs/restore-drill.md).");
  } catch (error) {
    console.error(
      error instanceof ConfigError
        ? error.message
        : `Backup failed: ${redact(error instanceof Error ? error.message : String(error))}`,
    );
    process.exitCode = 1;
  }
}

function parseArguments(): { help: boolean; file?: string } {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: "boolean" } } });
  if (positionals.length > 1) throw new Error("Give at most one backup file.");
  // npm runs scripts in the package folder; a relative path means the folder the user was in.
  const base = process.env.INIT_CWD ?? process.cwd();
  return { help: values.help ?? false, file: positionals[0] && path.resolve(base, positionals[0]) };
}
