import "server-only";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, open, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { describeDatabase, redact, type Config } from "./config";
import { openDatabase, type Database } from "./db";
import { migrationStatus, readMigrations, type Migration, type MigrationStatus } from "./migrations";

/**
 * Backups of the registry's database and their restore, for both kinds of database:
 * PostgreSQL through pg_dump/pg_restore (custom format, without owners or privileges, so a backup
 * restores into a differently named role and database), and the embedded PGlite as a gzipped
 * tarball of its data directory, taken by PGlite itself. A restore never destroys the data it
 * replaces before the new data is in place: PostgreSQL restores in one transaction (and keeps a
 * backup of what was there), PGlite unpacks next to the old directory and moves that aside.
 */

export type BackupSettings = Pick<Config, "database" | "dataDir">;
export type DatabaseKind = BackupSettings["database"]["kind"];

/** What the registry holds, to compare a backup with its restore at a glance. */
export type RecordCounts = { proposals: number; samples: number; datasets: number; trays: number };

export type BackupOptions = {
  /** Where to write; default DATA_DIR/backups/registry-<kind>-<UTC timestamp>.<ext>. Never overwritten. */
  file?: string;
  now?: Date;
  log?: (line: string) => void;
  /** Where pg_dump is looked for (tests); default PATH, then /usr/lib/postgresql/<version>/bin. */
  programDirs?: string[];
};

export type BackupResult = {
  kind: DatabaseKind;
  /** The database, described without its password. */
  database: string;
  file: string;
  bytes: number;
  /** At the moment of the backup (PostgreSQL: in the very snapshot pg_dump wrote). */
  counts: RecordCounts;
};

export type RestoreOptions = {
  /** Replace a database that already holds data (the data is kept aside, see RestoreResult.previous). */
  force?: boolean;
  now?: Date;
  log?: (line: string) => void;
  programDirs?: string[];
  /** The migrations of this release (tests); default prisma/migrations under the working directory. */
  migrations?: Migration[];
};

export type RestoreResult = {
  kind: DatabaseKind;
  database: string;
  file: string;
  counts: RecordCounts;
  /** Undefined when this release's migrations folder cannot be read. */
  migrations?: MigrationStatus;
  /** Where the data that was replaced is kept: the moved-aside PGlite directory or a pg_dump file. */
  previous?: string;
  /** Things the operator must act on, e.g. pending migrations of a backup from an older release. */
  warnings: string[];
};

/** A backup or restore that cannot be done; the message says why and what to do. */
export class BackupError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = "BackupError";
  }
}

const fileExtension: Record<DatabaseKind, string> = { postgresql: "dump", pglite: "tar.gz" };

export async function backupDatabase(settings: BackupSettings, options: BackupOptions = {}): Promise<BackupResult> {
  const now = options.now ?? new Date();
  const kind = settings.database.kind;
  const file = options.file ? path.resolve(options.file) : defaultBackupFile(settings, kind, now);
  if (existsSync(file)) throw new BackupError(`${file} already exists; backups are never overwritten.`);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  try {
    const counts =
      settings.database.kind === "postgresql"
        ? await dumpPostgres(settings.database.url, partial, options)
        : await dumpPglite(settings.database.dataDir, partial);
    await rename(partial, file);
    return { kind, database: describeDatabase(settings.database), file, bytes: (await stat(file)).size, counts };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
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

const countedTables = { proposals: "Proposal", samples: "Sample", datasets: "Dataset", trays: "Tray" } as const;

/** Counts of the main records; 0 for a table that does not exist (an empty, unmigrated database). */
export async function recordCounts(database: Pick<Database, "query">): Promise<RecordCounts> {
  const present = new Set(
    (
      await database.query<{ name: string }>(
        `SELECT c.relname AS "name" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname = ANY($1)`,
        [Object.values(countedTables)],
      )
    ).map((row) => row.name),
  );
  const counts = { proposals: 0, samples: 0, datasets: 0, trays: 0 };
  for (const [key, table] of Object.entries(countedTables) as [keyof RecordCounts, string][]) {
    if (!present.has(table)) continue;
    const [row] = await database.query<{ count: number }>(`SELECT count(*)::int AS "count" FROM "${table}"`);
    counts[key] = row.count;
  }
  return counts;
}

export function describeCounts(counts: RecordCounts): string {
  return `${counts.proposals} proposals, ${counts.samples} samples, ${counts.datasets} datasets, ${counts.trays} trays`;
}

export function describeSize(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]} (${bytes} bytes)`;
}

function defaultBackupFile(settings: BackupSettings, kind: DatabaseKind, now: Date, suffix = ""): string {
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

// ---------------------------------------------------------------------------------------------
// Backup files: which kind is which

/** pg_dump's custom format starts with "PGDMP"; PGlite's dumpDataDir("gzip") with gzip's 1f 8b. */
async function checkBackupKind(file: string, kind: DatabaseKind): Promise<void> {
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

// ---------------------------------------------------------------------------------------------
// PGlite

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

async function dumpPglite(dataDir: string, destination: string): Promise<RecordCounts> {
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
async function restorePglite(dataDir: string, source: string, options: RestoreOptions): Promise<{ previous?: string }> {
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

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** Parameters Prisma understands in DATABASE_URL that libpq (pg_dump, pg_restore) rejects. */
const prismaOnlyParameters = [
  "schema",
  "connection_limit",
  "pool_timeout",
  "pgbouncer",
  "statement_cache_size",
  "socket_timeout",
  "sslaccept",
  "sslidentity",
];

/**
 * The connection for pg_dump/pg_restore: the URL without its password as --dbname (visible in the
 * process list) and the password in PGPASSWORD (visible to nobody else).
 */
function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  for (const name of prismaOnlyParameters) parsed.searchParams.delete(name);
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function serverMajorVersion(database: Pick<Database, "query">): Promise<number> {
  const [{ version }] = await database.query<{ version: number }>(
    `SELECT current_setting('server_version_num')::int AS "version"`,
  );
  return Math.floor(version / 10000);
}

export function defaultProgramDirs(): string[] {
  const fromPath = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const debian = "/usr/lib/postgresql";
  const versioned = existsSync(debian)
    ? readdirSync(debian)
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => path.join(debian, version, "bin"))
    : [];
  return [...fromPath, ...versioned];
}

/**
 * The first pg_dump/pg_restore on PATH (then in Debian's versioned folders) at least as new as the
 * server: pg_dump refuses to dump a newer server, and an older pg_restore may not read its archives.
 */
export async function findPostgresProgram(
  name: "pg_dump" | "pg_restore",
  serverMajor: number,
  dirs: string[] = defaultProgramDirs(),
): Promise<{ program: string; major: number }> {
  const found: { program: string; major: number }[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const program = path.join(dir, name);
    if (seen.has(program) || !isExecutableFile(program)) continue;
    seen.add(program);
    const { code, stdout } = await run(program, ["--version"]).catch(() => ({ code: 1, stdout: "" }));
    const major = code === 0 ? Number(/\(PostgreSQL\)\s+(\d+)/.exec(stdout)?.[1]) : NaN;
    if (Number.isNaN(major)) continue;
    if (major >= serverMajor) return { program, major };
    found.push({ program, major });
  }
  if (found.length === 0)
    throw new BackupError(
      `${name} was not found (looked on PATH and in /usr/lib/postgresql/*/bin). Install PostgreSQL's client ` +
        `programs: on Debian/Ubuntu apt-get install postgresql-client.`,
    );
  const newest = found.reduce((a, b) => (b.major > a.major ? b : a));
  throw new BackupError(
    `${name} ${newest.major} (${newest.program}) is older than the database server (PostgreSQL ${serverMajor}); ` +
      `${name} must be at least as new as the server. Install the PostgreSQL ${serverMajor} client programs ` +
      `(Debian: postgresql-client-${serverMajor}, from apt.postgresql.org if your release lacks it) and run again.`,
  );
}

function isExecutableFile(file: string): boolean {
  try {
    const info = statSync(file);
    return info.isFile() && (info.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

async function dumpPostgres(url: string, destination: string, options: BackupOptions): Promise<RecordCounts> {
  const database = await openDatabase({ kind: "postgresql", url }, { log: "none" });
  try {
    const { program, major } = await findPostgresProgram(
      "pg_dump",
      await serverMajorVersion(database),
      options.programDirs,
    );
    options.log?.(`Using ${program} (PostgreSQL ${major})`);
    const connection = libpqConnection(url);
    // The counts come from the snapshot pg_dump dumps, so they describe exactly what the file holds.
    return await database.withSession(async (session) => {
      await session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        const [{ snapshot }] = await session.query<{ snapshot: string }>(`SELECT pg_export_snapshot() AS "snapshot"`);
        const counts = await recordCounts(session);
        const result = await run(
          program,
          [
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            `--snapshot=${snapshot}`,
            `--file=${destination}`,
            `--dbname=${connection.dbname}`,
          ],
          connection.env,
        );
        if (result.code !== 0) throw new BackupError(`pg_dump failed: ${lastLines(result.stderr)}`);
        return counts;
      } finally {
        await session.query("COMMIT");
      }
    });
  } finally {
    await database.close();
  }
}

type TableRef = { type: "TABLE" | "TYPE"; name: string };

async function restorePostgres(
  settings: BackupSettings,
  url: string,
  source: string,
  options: RestoreOptions,
): Promise<{ previous?: string }> {
  const log = options.log ?? (() => {});
  const database = await openDatabase({ kind: "postgresql", url }, { log: "none" });
  try {
    const { program, major } = await findPostgresProgram(
      "pg_restore",
      await serverMajorVersion(database),
      options.programDirs,
    );
    log(`Using ${program} (PostgreSQL ${major})`);

    // The table of contents is at the start of the file: this catches files that are not archives
    // at all; damage further on makes pg_restore fail, and its single transaction then rolls back.
    const listing = await run(program, ["--list", source]);
    if (listing.code !== 0)
      throw new BackupError(`${source} is not a readable pg_dump archive: ${lastLines(listing.stderr)}`);
    const inBackup = new Set(
      listing.stdout
        .split("\n")
        .map((line) => /^\d+; \d+ \d+ (TABLE|TYPE) (?!DATA )(\S+) (\S+)/.exec(line))
        .filter((match) => match !== null)
        .map((match) => `${match[1]} ${match[2]}.${match[3]}`),
    );

    const current = await userObjects(database);
    // pg_restore --clean drops only what the backup contains; what it lacks (tables of a newer
    // schema) would stay, block the restore through foreign keys, or break the next migration.
    const extra = current.filter((object) => !inBackup.has(`${object.type} ${object.name}`));
    if (extra.length > 0)
      throw new BackupError(
        `The database has objects the backup does not (${extra.map((o) => `${o.type.toLowerCase()} ${o.name}`).join(", ")}): ` +
          `it has a newer schema than the backup. Restore into a new, empty database instead (createdb, then ` +
          `point DATABASE_URL at it), or drop those objects first. Nothing was changed.`,
      );

    let previous: string | undefined;
    if (await holdsData(database, current)) {
      const counts = await recordCounts(database);
      if (!options.force)
        throw new BackupError(
          `The database already contains data (${describeCounts(counts)}). Restoring replaces all of it: run ` +
            `the restore again with --force (a backup of the current data is written first). Nothing was changed.`,
        );
      const safety = await backupDatabase(settings, {
        file: defaultBackupFile(settings, "postgresql", options.now ?? new Date(), "-before-restore"),
        programDirs: options.programDirs,
      });
      previous = safety.file;
      log(`Saved the current data (${describeCounts(safety.counts)}) to ${safety.file}`);
    }

    const connection = libpqConnection(url);
    const result = await run(
      program,
      [
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        `--dbname=${connection.dbname}`,
        source,
      ],
      connection.env,
    );
    if (result.code !== 0) {
      // Nothing changed, so the copy of the current data is not needed.
      if (previous) await rm(previous, { force: true });
      throw new BackupError(
        `pg_restore failed, the database was left as it was (one transaction): ${lastLines(result.stderr)}`,
      );
    }
    // pg_restore does not collect planner statistics.
    await database.execScript("ANALYZE");
    return { previous };
  } finally {
    await database.close();
  }
}

async function userObjects(database: Pick<Database, "query">): Promise<TableRef[]> {
  return database.query<TableRef>(
    `SELECT 'TABLE' AS "type", n.nspname || '.' || c.relname AS "name"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
     UNION ALL
     SELECT 'TYPE', n.nspname || '.' || t.typname
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY 1, 2`,
  );
}

/** Any row in any table but Prisma's migration record: a migrated, empty database is no data. */
async function holdsData(database: Pick<Database, "query">, objects: TableRef[]): Promise<boolean> {
  for (const object of objects) {
    if (object.type !== "TABLE" || object.name.endsWith("._prisma_migrations")) continue;
    const [schema, table] = object.name.split(".");
    const [{ any }] = await database.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "${schema}"."${table}") AS "any"`,
    );
    if (any) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------

function run(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function lastLines(text: string, count = 5): string {
  const lines = text.trim().split("\n").filter(Boolean);
  return redact(lines.slice(-count).join(" | ") || "no message");
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
