import "server-only";
import { existsSync, readdirSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { openDatabase, type Database } from "@/lib/platform/db";
import { describeCounts, recordCounts } from "./counts";
import { defaultBackupFile, writeBackupFile } from "./files";
import { lastLines, run } from "./processes";
import { BackupError, type BackupOptions, type BackupSettings, type RecordCounts, type RestoreOptions } from "./types";

/**
 * PostgreSQL through pg_dump/pg_restore (custom format, without owners or privileges, so a backup
 * restores into a differently named role and database).
 */

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

export async function dumpPostgres(url: string, destination: string, options: BackupOptions): Promise<RecordCounts> {
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

export async function restorePostgres(
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
      const safetyFile = path.resolve(
        defaultBackupFile(settings, "postgresql", options.now ?? new Date(), "-before-restore"),
      );
      const safety = await writeBackupFile(safetyFile, (partial) =>
        dumpPostgres(url, partial, { programDirs: options.programDirs }),
      );
      previous = safetyFile;
      log(`Saved the current data (${describeCounts(safety.counts)}) to ${safetyFile}`);
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
