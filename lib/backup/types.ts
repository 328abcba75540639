import "server-only";
import { redact, type Config } from "@/lib/platform/config";
import type { Migration, MigrationStatus } from "@/lib/platform/migrations";

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

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
