import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "./db";

/**
 * Applies the migrations in prisma/migrations exactly as `prisma migrate deploy` does, recording
 * them in Prisma's `_prisma_migrations` table, so either tool can take over from the other.
 * It exists because the CLI needs Prisma's native schema engine, which cannot be installed offline,
 * and because the wasm engine (5 MB) does not belong in the server.
 */

export type Migration = { name: string; sql: string; checksum: string };

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  /** Started but not finished and not rolled back: Prisma's P3009; needs a human. */
  failed: string[];
  /** Applied, but the file changed since. */
  modified: string[];
  /** Recorded in the database but missing from the folder (a newer release ran here). */
  unknown: string[];
};

/** Prisma's own lock id (schema engine): replicas starting together never migrate twice. */
const ADVISORY_LOCK_ID = 72707369;

export const defaultMigrationsDir = () => path.join(process.cwd(), "prisma", "migrations");

// The folder is read at run time, never traced into the server build: `npm run release` copies it
// next to server.js (the ignore comments stop Next from tracing the whole project instead).
export function readMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir))
    throw new Error(
      `No migrations folder at ${dir}. A release folder must contain prisma/migrations next to server.js: ` +
        "assemble it with npm run release (npm start does this for .next/standalone).",
    );
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const createTableSql = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

type Session = Pick<Database, "execScript" | "query">;

async function recordedMigrations(session: Session): Promise<MigrationRow[] | null> {
  const [{ exists }] = await session.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  if (!exists) return null;
  return session.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
}

function compare(migrations: Migration[], rows: MigrationRow[]): MigrationStatus {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const finished = new Map(live.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]));
  const known = new Set(migrations.map((migration) => migration.name));
  return {
    applied: migrations.filter((m) => finished.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !finished.has(m.name)).map((m) => m.name),
    failed: live.filter((row) => row.finished_at === null).map((row) => row.migration_name),
    modified: migrations
      .filter((m) => finished.has(m.name) && finished.get(m.name)?.checksum !== m.checksum)
      .map((m) => m.name),
    unknown: [...finished.keys()].filter((name) => !known.has(name)),
  };
}

export async function migrationStatus(db: Database, migrations = readMigrations()): Promise<MigrationStatus> {
  return compare(migrations, (await recordedMigrations(db)) ?? []);
}

let releaseMigrationsRead: Migration[] | undefined;

/** This release's migrations, read once per process: they cannot change while it runs (probes ask often). */
export function releaseMigrations(): Migration[] {
  releaseMigrationsRead ??= readMigrations();
  return releaseMigrationsRead;
}

/**
 * Whether this release may serve the database: the one rule of the server's startup check, the
 * readiness probe and `db:migrate --status`. A database migrated by a newer release (`unknown`)
 * is servable, so that rolling the app back stays possible.
 */
export type SchemaVerdict = "ok" | "failed" | "modified" | "pending";

export function schemaVerdict(status: MigrationStatus): SchemaVerdict {
  if (status.failed.length) return "failed";
  if (status.modified.length) return "modified";
  return status.pending.length ? "pending" : "ok";
}

export type ApplyResult = {
  applied: string[];
  /** The database had never been migrated: nothing of ours was in it. */
  wasEmpty: boolean;
};

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export async function applyMigrations(
  db: Database,
  migrations = readMigrations(),
  log: (line: string) => void = () => {},
): Promise<ApplyResult> {
  return db.withSession(async (session) => {
    const locks = db.target.kind === "postgresql";
    if (locks) await session.query(`SELECT pg_advisory_lock(${ADVISORY_LOCK_ID})`);
    try {
      const before = await recordedMigrations(session);
      await session.execScript(createTableSql);
      const status = compare(migrations, before ?? []);
      if (status.failed.length > 0) {
        throw new MigrationError(
          `Migration ${status.failed.join(", ")} failed earlier and was not rolled back. ` +
            `Fix the database by hand, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() ` +
            `WHERE migration_name = '…' AND finished_at IS NULL) and run npm run db:migrate again.`,
        );
      }
      for (const name of status.modified) log(`warning: migration ${name} was changed after it was applied`);
      const applied: string[] = [];
      for (const migration of migrations.filter((m) => status.pending.includes(m.name))) {
        const id = randomUUID();
        await session.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
          [id, migration.checksum, migration.name],
        );
        try {
          await session.execScript(migration.sql);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await session.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
          throw new MigrationError(`Migration ${migration.name} failed: ${message}`);
        }
        await session.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        log(`applied migration ${migration.name}`);
        applied.push(migration.name);
      }
      return { applied, wasEmpty: before === null };
    } finally {
      if (locks) await session.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_ID})`);
    }
  });
}
