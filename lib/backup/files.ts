import "server-only";
import { existsSync } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { BackupError, messageOf, type BackupSettings, type DatabaseKind, type RecordCounts } from "./types";

/** Backup files: where they go, how they are written, and which kind is which. */

const fileExtension: Record<DatabaseKind, string> = { postgresql: "dump", pglite: "tar.gz" };

export function defaultBackupFile(settings: BackupSettings, kind: DatabaseKind, now: Date, suffix = ""): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const base = path.join(settings.dataDir, "backups", `registry-${kind}-${stamp}${suffix}`);
  for (let attempt = 1; ; attempt += 1) {
    const file = `${base}${attempt === 1 ? "" : `-${attempt}`}.${fileExtension[kind]}`;
    if (!existsSync(file)) return file;
  }
}

/**
 * Dumps into `${file}.partial` and renames it to `file` only when the dump succeeded, so a file by
 * the backup's name is always complete; an existing file is never overwritten.
 */
export async function writeBackupFile(
  file: string,
  dump: (destination: string) => Promise<RecordCounts>,
): Promise<{ bytes: number; counts: RecordCounts }> {
  if (existsSync(file)) throw new BackupError(`${file} already exists; backups are never overwritten.`);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    const counts = await dump(partial);
    await rename(partial, file);
    return { bytes: (await stat(file)).size, counts };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** pg_dump's custom format starts with "PGDMP"; PGlite's dumpDataDir("gzip") with gzip's 1f 8b. */
export async function checkBackupKind(file: string, kind: DatabaseKind): Promise<void> {
  let head: Buffer;
  try {
    const handle = await open(file, "r");
    try {
      head = Buffer.alloc(5);
      const { bytesRead } = await handle.read(head, 0, 5, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new BackupError(`Cannot read the backup file ${file}: ${messageOf(error)}`);
  }
  const found: DatabaseKind | undefined =
    head.toString("latin1") === "PGDMP" ? "postgresql" : head[0] === 0x1f && head[1] === 0x8b ? "pglite" : undefined;
  if (found === kind) return;
  if (found === "pglite")
    throw new BackupError(
      `${file} is a backup of the embedded PGlite database (a gzipped tarball), but the configured database is ` +
        `PostgreSQL (DATABASE_URL is set). Unset DATABASE_URL to restore it into DATA_DIR/pglite.`,
    );
  if (found === "postgresql")
    throw new BackupError(
      `${file} is a PostgreSQL backup (pg_dump custom format), but the configured database is the embedded PGlite ` +
        `(DATABASE_URL is not set). Set DATABASE_URL to the PostgreSQL database to restore it into.`,
    );
  throw new BackupError(
    `${file} is not a backup made by npm run db:backup: it starts neither with "PGDMP" (pg_dump custom format) ` +
      `nor with the gzip signature (embedded PGlite).`,
  );
}
