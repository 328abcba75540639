import "server-only";
import { existsSync, readdirSync } from "node:fs";
import { readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase } from "@/lib/platform/db";
import { recordCounts } from "./counts";
import { BackupError, messageOf, type RecordCounts, type RestoreOptions } from "./types";

/** The embedded PGlite: backed up as a gzipped tarball of its data directory, taken by PGlite itself. */

/**
 * PGlite writes postmaster.pid into its directory while it is open and removes it on a clean close.
 * It does not stop a second process from opening the directory (that would corrupt it), so the file
 * is the only sign that the app is running. A killed app leaves it behind, hence the advice.
 */
function refuseIfInUse(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile))
    throw new BackupError(
      `The embedded database in ${dataDir} is in use (${pidFile} exists): stop the app first, PGlite cannot be ` +
        `opened by two processes at once. If nothing uses it (the app was killed and left the file behind), ` +
        `delete ${pidFile} and run the command again.`,
    );
}

function holdsDatabase(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

export async function dumpPglite(dataDir: string, destination: string): Promise<RecordCounts> {
  if (!holdsDatabase(dataDir)) throw new BackupError(`There is no embedded database in ${dataDir} to back up.`);
  refuseIfInUse(dataDir);
  const database = await openDatabase({ kind: "pglite", dataDir }, { log: "none" });
  try {
    const counts = await recordCounts(database);
    // A checkpoint first: the tarball then needs no WAL replay, and restores start faster.
    await database.execScript("CHECKPOINT");
    const tarball = await database.pglite!.dumpDataDir("gzip");
    await writeFile(destination, Buffer.from(await tarball.arrayBuffer()));
    return counts;
  } finally {
    await database.close();
  }
}

/**
 * Unpacks into a new directory beside DATA_DIR/pglite and only then swaps it in: a backup that
 * cannot be loaded leaves the current database untouched, and the replaced one is moved aside.
 */
export async function restorePglite(
  dataDir: string,
  source: string,
  options: RestoreOptions,
): Promise<{ previous?: string }> {
  const log = options.log ?? (() => {});
  const stamp = (options.now ?? new Date())
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const occupied = existsSync(dataDir) && readdirSync(dataDir).length > 0;
  if (occupied) {
    refuseIfInUse(dataDir);
    if (!options.force)
      throw new BackupError(
        `${dataDir} already holds a database. Run the restore again with --force to replace it; ` +
          `the current directory is then kept beside it (renamed), not deleted.`,
      );
  }

  const archive = await readFile(source);
  // PGlite crashes the process on a damaged tarball, so check it completely before handing it over.
  checkPgliteArchive(source, archive);

  const staging = `${dataDir}.restoring-${stamp}`;
  await rm(staging, { recursive: true, force: true });
  log(`Unpacking ${source} into ${staging}`);
  try {
    const pglite = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([archive]) });
    await pglite.query("SELECT 1");
    await pglite.close();
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new BackupError(`${source} could not be loaded by PGlite: ${messageOf(error)}. Nothing was changed.`);
  }

  let previous: string | undefined;
  if (occupied) {
    previous = uniquePath(`${dataDir}.before-restore-${stamp}`);
    await rename(dataDir, previous);
    log(`Moved the previous database aside to ${previous}`);
  } else if (existsSync(dataDir)) {
    await rmdir(dataDir);
  }
  await rename(staging, dataDir);
  return { previous };
}

/** Gunzips the whole archive (a truncated or damaged file fails here) and looks for PG_VERSION. */
function checkPgliteArchive(source: string, archive: Buffer): void {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch (error) {
    throw new BackupError(
      `${source} is damaged or truncated (${messageOf(error)}); nothing was changed. Use another backup.`,
    );
  }
  const names: string[] = [];
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const name = header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(header.subarray(124, 136).toString("latin1").replace(/\0.*$/s, "").trim() || "0", 8);
    if (header.subarray(257, 262).toString("latin1") !== "ustar" || Number.isNaN(size)) break;
    names.push(name);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  if (!names.some((name) => name.replace(/^\.?\//, "") === "PG_VERSION"))
    throw new BackupError(
      `${source} is a gzip file but not a PGlite data directory (no PG_VERSION in it); nothing was changed.`,
    );
}

function uniquePath(base: string): string {
  for (let attempt = 1; ; attempt += 1) {
    const candidate = attempt === 1 ? base : `${base}-${attempt}`;
    if (!existsSync(candidate)) return candidate;
  }
}
