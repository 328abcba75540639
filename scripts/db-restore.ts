// npm run db:restore -- <file> [--force]: restores a backup made by npm run db:backup into the
// configured database, then prints what it holds and whether migrations are pending. A database
// that already holds data is replaced only with --force, and kept: PGlite's old directory is moved
// aside, PostgreSQL's data is backed up first. With the embedded database, stop the app first.
// The restore drill: docs/restore-drill.md. Bundled for the container image (node tools/restore.mjs).
import path from "node:path";
import { parseArgs } from "node:util";
import { describeCounts, restoreDatabase } from "../lib/backup";
import { config, ConfigError, describeDatabase, redact } from "../lib/config";

const usage =
  "usage: npm run db:restore -- <file> [--force]   (container image: node tools/restore.mjs <file> [--force])";

let parsed: ReturnType<typeof parseArguments> | undefined;
try {
  parsed = parseArguments();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exitCode = 2;
}

if (parsed?.help) {
  console.log(usage);
} else if (parsed?.file) {
  try {
    const settings = config();
    console.log(`Restoring ${parsed.file} into the ${describeDatabase(settings.database)} …`);
    const result = await restoreDatabase(settings, parsed.file, {
      force: parsed.force,
      log: (line) => console.log(line),
    });
    console.log(`Restored. The database holds ${describeCounts(result.counts)}.`);
    if (result.previous) console.log(`The data it replaced is kept in ${result.previous}.`);
    if (result.migrations && result.warnings.length === 0)
      console.log(`Migrations: all ${result.migrations.applied.length} of this release applied.`);
    for (const warning of result.warnings) console.log(`warning: ${warning}`);
  } catch (error) {
    console.error(
      error instanceof ConfigError
        ? error.message
        : `Restore failed: ${redact(error instanceof Error ? error.message : String(error))}`,
    );
    process.exitCode = 1;
  }
}

function parseArguments(): { help: boolean; force: boolean; file?: string } {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { force: { type: "boolean" }, help: { type: "boolean" } },
  });
  if (!values.help && positionals.length !== 1) throw new Error("Give exactly one backup file.");
  // npm runs scripts in the package folder; a relative path means the folder the user was in.
  const base = process.env.INIT_CWD ?? process.cwd();
  return {
    help: values.help ?? false,
    force: values.force ?? false,
    file: positionals[0] && path.resolve(base, positionals[0]),
  };
}
