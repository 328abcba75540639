import "server-only";
import path from "node:path";
import { describeDatabase } from "@/lib/platform/config";
import { openDatabase } from "@/lib/platform/db";
import { formatBytes } from "@/lib/shared/format";
import { migrationStatus, readMigrations, type MigrationStatus } from "@/lib/platform/migrations";
import { recordCounts } from "./counts";
import { checkBackupKind, defaultBackupFile, writeBackupFile } from "./files";
import { dumpPglite, restorePglite } from "./pglite";
import { dumpPostgres, restorePostgres } from "./postgresql";
import {
  BackupError,
  messageOf,
  type BackupOptions,
  type BackupResult,
  type BackupSettings,
  type RestoreOptions,
  type RestoreResult,
} from "./types";

export { describeCounts, recordCounts } from "./counts";
export { defaultProgramDirs, findPostgresProgram } from "./postgresql";
export {
  BackupError,
  type BackupOptions,
  type BackupResult,
  type BackupSettings,
  type DatabaseKind,
  type RecordCounts,
  type RestoreOptions,
  type RestoreResult,
} from "./types";

/**
 * Backups of the registry's database and their restore, for both kinds of database:
 * PostgreSQL through pg_dump/pg_restore (custom format, without owners or privileges, so a backup
 * restores into a differently named role and database), and the embedded PGlite as a gzipped
 * tarball of its data directory, taken by PGlite itself. A restore never destroys the data it
 * replaces before the new data is in place: PostgreSQL restores in one transaction (and keeps a
 * backup of what was there), PGlite unpacks next to the old directory and moves that aside.
 */

export async function backupDatabase(settings: BackupSettings, options: BackupOptions = {}): Promise<BackupResult> {
  const now = options.now ?? new Date();
  const kind = settings.database.kind;
  const file = options.file ? path.resolve(options.file) : defaultBackupFile(settings, kind, now);
  const { bytes, counts } = await writeBackupFile(file, (partial) =>
    settings.database.kind === "postgresql"
      ? dumpPostgres(settings.database.url, partial, options)
      : dumpPglite(settings.database.dataDir, partial),
  );
  return { kind, database: describeDatabase(settings.database), file, bytes, counts };
}

export async function restoreDatabase(
  settings: BackupSettings,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const source = path.resolve(file);
  const kind = settings.database.kind;
  await checkBackupKind(source, kind);
  const restored =
    settings.database.kind === "postgresql"
      ? await restorePostgres(settings, settings.database.url, source, options)
      : await restorePglite(settings.database.dataDir, source, options);

  const database = await openDatabase(settings.database, { log: "none" }).catch((error: unknown) => {
    throw new BackupError(
      `The restored database cannot be opened: ${messageOf(error)}.` +
        (restored.previous ? ` The data it replaced is kept in ${restored.previous}.` : ""),
    );
  });
  try {
    const counts = await recordCounts(database);
    const warnings: string[] = [];
    let migrations: MigrationStatus | undefined;
    try {
      migrations = await migrationStatus(database, options.migrations ?? readMigrations());
    } catch (error) {
      warnings.push(`Could not check the migration status: ${messageOf(error)}`);
    }
    if (migrations?.pending.length)
      warnings.push(
        `The backup is from an older schema: ${migrations.pending.length} migration(s) of this release are not ` +
          `applied (${migrations.pending.join(", ")}). Run npm run db:migrate (npm start does it too).`,
      );
    if (migrations?.unknown.length)
      warnings.push(
        `The backup is from a newer release: it has migrations this release does not know ` +
          `(${migrations.unknown.join(", ")}). Run that release, or restore an older backup.`,
      );
    if (migrations?.failed.length)
      warnings.push(`The backup records failed migrations (${migrations.failed.join(", ")}); see README.`);
    return {
      kind,
      database: database.description,
      file: source,
      counts,
      migrations,
      previous: restored.previous,
      warnings,
    };
  } finally {
    await database.close();
  }
}

export function describeSize(bytes: number): string {
  return bytes < 1000 ? `${bytes} bytes` : `${formatBytes(bytes)} (${bytes} bytes)`;
}
