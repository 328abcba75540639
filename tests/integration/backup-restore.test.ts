import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backupDatabase,
  findPostgresProgram,
  recordCounts,
  restoreDatabase,
  type BackupResult,
  type BackupSettings,
} from "@/lib/backup";
import { openDatabase, type Database } from "@/lib/platform/db";
import { applyMigrations, readMigrations } from "@/lib/platform/migrations";
import { seedDemoData } from "@/lib/platform/seed";
import { createServerDatabase, databaseTier, withClient } from "../support/database";

/**
 * The restore drill as a test: a real database (an on-disk PGlite directory, or a new PostgreSQL
 * database on TEST_DATABASE_URL's server) with the demo data and records full of unicode and JSON
 * is backed up, wiped, restored and compared table by table, row by row.
 */

const tier = databaseTier();

type Fixture = {
  settings: BackupSettings;
  workDir: string;
  /** Removes every trace of the data, as a lost disk or a dropped schema would. */
  wipe(): Promise<void>;
  /** True when the wipe really left nothing behind to "restore" from. */
  isWiped(): Promise<boolean>;
  dispose(): Promise<void>;
};

async function createFixture(): Promise<Fixture> {
  const workDir = mkdtempSync(path.join(tmpdir(), "brs-backup-"));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.join(workDir, "pglite");
    return {
      settings: { database: { kind: "pglite", dataDir }, dataDir: workDir },
      workDir,
      wipe: async () => rmSync(dataDir, { recursive: true, force: true }),
      isWiped: async () => !existsSync(dataDir),
      dispose: async () => rmSync(workDir, { recursive: true, force: true }),
    };
  }
  const created = await createServerDatabase(serverUrl, "brs_backup");
  const databaseUrl = created.url;
  return {
    settings: { database: { kind: "postgresql", url: databaseUrl }, dataDir: workDir },
    workDir,
    wipe: () =>
      withClient(
        databaseUrl,
        async (client) => void (await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")),
      ),
    isWiped: () =>
      withClient(databaseUrl, async (client) => {
        const { rows } = await client.query<{ count: number }>(
          `SELECT count(*)::int AS "count" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public'`,
        );
        return rows[0].count === 0;
      }),
    async dispose() {
      await created.drop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** PGlite allows one open instance per directory, so every step opens and closes the database. */
async function withDatabase<T>(settings: BackupSettings, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(settings.database, { log: "none" });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** Every row of every table, as jsonb text: a restore must reproduce all of them exactly. */
async function allRows(database: Database): Promise<Record<string, string[]>> {
  const tables = await database.query<{ name: string }>(
    `SELECT tablename AS "name" FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const rows: Record<string, string[]> = {};
  for (const { name } of tables) {
    const result = await database.query<{ row: string }>(`SELECT to_jsonb(t)::text AS "row" FROM "${name}" t`);
    rows[name] = result.map((entry) => entry.row).sort();
  }
  return rows;
}

/** The records the issue names, through Prisma, so types (BigInt, Json, Date) round-trip too. */
async function registryRecords(database: Database) {
  const { prisma } = database;
  return {
    proposals: await prisma.proposal.findMany({ orderBy: { proposalId: "asc" } }),
    trays: await prisma.tray.findMany({ orderBy: { trayId: "asc" } }),
    samples: await prisma.sample.findMany({
      orderBy: { specimenId: "asc" },
      select: { id: true, specimenId: true, trayId: true, position: true, specimenName: true, metadata: true },
    }),
    datasets: await prisma.dataset.findMany({
      orderBy: { pid: "asc" },
      select: { id: true, pid: true, size: true, sampleId: true, scientificMetadata: true, techniques: true },
    }),
  };
}

async function addUnicodeRecords(database: Database): Promise<void> {
  const { prisma } = database;
  const proposal = await prisma.proposal.create({
    data: {
      proposalId: "2026-Ü007",
      title: "Röntgen-µCT von 琥珀-Einschlüssen 🦗",
      abstract: "Zeilen\nmit Tabs\tund \"Anführungszeichen\" und 'Apostrophen' — ñ, ø, ß, Ω",
      ownerGroup: "grüppe-ü",
      accessGroups: ["ufo-staff", "Gäste"],
      metadata: {
        schlüssel: "wert ✓",
        nested: { list: [1, 2.5, null, "drei", { deep: ["🧪"] }], empty: {}, flag: false },
        "key with spaces": -0.000123,
      },
    },
  });
  const tray = await prisma.tray.create({
    data: { trayId: "T-ÜNI-1", proposalId: proposal.id, name: "Träger ①", rows: 2, columns: 3, metadata: {} },
  });
  const samples = [
    { specimenId: "S-ÜNI-01", specimenName: "Bernstein № 1", trayId: tray.id, position: 2 },
    { specimenId: "S-ÜNI-02", specimenName: "琥珀 2", trayId: tray.id, position: 6 },
    { specimenId: "S-ÜNI-03", specimenName: "loose vial ∅ 2 mm", trayId: null, position: null },
  ];
  for (const [index, sample] of samples.entries()) {
    const created = await prisma.sample.create({
      data: {
        ...sample,
        proposalId: proposal.id,
        qrCodeLabel: sample.specimenName,
        metadata: { index, temperature: { value: -196.5, unit: "°C" }, tags: ["ä", "😀"], note: null },
      },
    });
    if (index === 0) {
      await prisma.dataset.create({
        data: {
          pid: "extra/2026-Ü007/scan_ß",
          datasetName: "Scan ß",
          sourceFolder: "/beamline/ufo/2026-Ü007/scan_ß",
          size: 9_007_199_254_740_993n,
          owner: "Zoë Ångström",
          contactEmail: "zoe@example.org",
          keywords: ["µCT", "Bernstein"],
          techniques: [{ name: "micro-CT", pid: "http://purl.org/pan-science/PaNET/PaNET01104" }],
          scientificMetadata: {
            pixel_size: { value: 0.65, unit: "µm" },
            rotation: { angles: [0, 0.12, 179.88], unit: "°" },
            comment: "Strahl stabil ✓",
          },
          createdBy: "test",
          proposalId: proposal.id,
          sampleId: created.id,
        },
      });
    }
  }
}

function startsWith(file: string, bytes: number[]): boolean {
  const head = readFileSync(file).subarray(0, bytes.length);
  return bytes.every((byte, index) => head[index] === byte);
}

const magic = { postgresql: [...Buffer.from("PGDMP")], pglite: [0x1f, 0x8b] } as const;

let fixture: Fixture;
let backup: BackupResult;
let original: Record<string, string[]>;
let originalRecords: Awaited<ReturnType<typeof registryRecords>>;

beforeAll(async () => {
  fixture = await createFixture();
  await withDatabase(fixture.settings, async (database) => {
    await applyMigrations(database);
    await seedDemoData(database.prisma, new Date("2026-03-01T00:00:00Z"));
    await addUnicodeRecords(database);
    original = await allRows(database);
    originalRecords = await registryRecords(database);
  });
});
afterAll(() => fixture?.dispose());

describe(`backup and restore (${tier})`, () => {
  it("a backup of a wiped database brings back every row of every table", async () => {
    backup = await backupDatabase(fixture.settings);
    const extension = tier === "postgresql" ? "dump" : "tar.gz";
    expect(path.dirname(backup.file)).toBe(path.join(fixture.workDir, "backups"));
    expect(path.basename(backup.file)).toMatch(new RegExp(`^registry-${tier}-\\d{8}T\\d{6}Z\\.${extension}$`));
    expect(backup.bytes).toBe(readFileSync(backup.file).length);
    expect(startsWith(backup.file, [...magic[tier]])).toBe(true);
    expect(backup.counts).toEqual({ proposals: 2, samples: 15, datasets: 4, trays: 3 });
    expect(readdirSync(path.dirname(backup.file)).filter((name) => name.endsWith(".partial"))).toEqual([]);

    await fixture.wipe();
    expect(await fixture.isWiped()).toBe(true);

    const restored = await restoreDatabase(fixture.settings, backup.file);
    expect(restored.counts).toEqual(backup.counts);
    expect(restored.previous).toBeUndefined();
    expect(restored.migrations?.pending).toEqual([]);
    expect(restored.warnings).toEqual([]);
    await withDatabase(fixture.settings, async (database) => {
      const rows = await allRows(database);
      expect(Object.keys(rows)).toEqual(Object.keys(original));
      expect(rows).toEqual(original);
      const records = await registryRecords(database);
      expect(records).toEqual(originalRecords);
      expect(records.samples.find((sample) => sample.specimenId === "S-ÜNI-02")).toMatchObject({
        specimenName: "琥珀 2",
        position: 6,
        metadata: { tags: ["ä", "😀"], temperature: { value: -196.5, unit: "°C" } },
      });
      expect(records.datasets.find((dataset) => dataset.pid === "extra/2026-Ü007/scan_ß")).toMatchObject({
        size: 9_007_199_254_740_993n,
        scientificMetadata: { comment: "Strahl stabil ✓" },
      });
    });
  });

  it("refuses to restore over existing data without --force, and changes nothing", async () => {
    const changed = await withDatabase(fixture.settings, async (database) => {
      await database.prisma.sample.update({
        where: { specimenId: "S-DEMO-01" },
        data: { specimenName: "renamed after the backup" },
      });
      await database.prisma.proposal.create({
        data: { proposalId: "2026-AFTER", title: "Registered after the backup", ownerGroup: "later" },
      });
      return allRows(database);
    });
    expect(changed).not.toEqual(original);

    await expect(restoreDatabase(fixture.settings, backup.file)).rejects.toThrow(/--force/);
    await withDatabase(fixture.settings, async (database) => expect(await allRows(database)).toEqual(changed));
    expect(readdirSync(fixture.workDir).filter((name) => name.includes("restoring"))).toEqual([]);
  });

  it("with --force replaces the data, keeps what it replaced, and reports pending migrations", async () => {
    const later = { name: "29990101000000_later_release", sql: "SELECT 1;", checksum: "0".repeat(64) };
    const restored = await restoreDatabase(fixture.settings, backup.file, {
      force: true,
      migrations: [...readMigrations(), later],
    });
    expect(restored.counts).toEqual(backup.counts);
    expect(restored.migrations?.pending).toEqual([later.name]);
    expect(restored.warnings.join("\n")).toMatch(/older schema.*npm run db:migrate/);
    await withDatabase(fixture.settings, async (database) => expect(await allRows(database)).toEqual(original));

    // What was replaced (with the proposal registered after the backup) is still there.
    expect(restored.previous).toBeDefined();
    const previous = restored.previous!;
    if (tier === "pglite") {
      const settings: BackupSettings = { database: { kind: "pglite", dataDir: previous }, dataDir: fixture.workDir };
      await withDatabase(settings, async (database) => {
        expect(await database.prisma.proposal.count({ where: { proposalId: "2026-AFTER" } })).toBe(1);
      });
    } else {
      expect(path.basename(previous)).toMatch(/^registry-postgresql-.*-before-restore\.dump$/);
      expect(startsWith(previous, [...magic.postgresql])).toBe(true);
    }
  });

  it("a truncated backup fails with a clear error and leaves the database as it was", async () => {
    const current = await withDatabase(fixture.settings, async (database) => {
      await database.prisma.proposal.create({
        data: { proposalId: "2026-KEEP", title: "Must survive a failed restore", ownerGroup: "keep" },
      });
      return allRows(database);
    });
    const whole = readFileSync(backup.file);
    const backupsBefore = readdirSync(path.dirname(backup.file)).sort();
    const entriesBefore = readdirSync(fixture.workDir).sort();

    // Half a file; and all but the last bytes, which pg_restore only notices in the middle of
    // loading the data (its table of contents is complete), so only its transaction protects us.
    for (const [label, bytes] of [
      ["half", Math.floor(whole.length / 2)],
      ["tail cut", whole.length - 100],
    ] as const) {
      const truncated = path.join(fixture.workDir, `truncated-${label.replace(" ", "-")}`);
      writeFileSync(truncated, whole.subarray(0, bytes));
      const failure = restoreDatabase(fixture.settings, truncated, { force: true });
      await expect(failure, label).rejects.toThrow(
        tier === "pglite" ? /damaged or truncated.*nothing was changed/ : /end of file/,
      );
      if (tier === "postgresql" && label === "tail cut")
        await expect(failure).rejects.toThrow(/pg_restore failed, the database was left as it was/);
      rmSync(truncated);
      await withDatabase(fixture.settings, async (database) => expect(await allRows(database), label).toEqual(current));
    }
    expect(readdirSync(path.dirname(backup.file)).sort()).toEqual(backupsBefore);
    expect(readdirSync(fixture.workDir).sort()).toEqual(entriesBefore);
  });

  it("refuses a backup of the other kind of database, and files that are no backup", async () => {
    const before = await withDatabase(fixture.settings, allRows);
    const otherKind = path.join(fixture.workDir, "other-kind");
    writeFileSync(otherKind, tier === "pglite" ? Buffer.from("PGDMP\u0001\u000e\u0000 rest") : gzipSync("tarball"));
    await expect(restoreDatabase(fixture.settings, otherKind, { force: true })).rejects.toThrow(
      tier === "pglite"
        ? /is a PostgreSQL backup.*Set DATABASE_URL/
        : /backup of the embedded PGlite.*Unset DATABASE_URL/,
    );
    const text = path.join(fixture.workDir, "notes.txt");
    writeFileSync(text, "not a backup\n");
    await expect(restoreDatabase(fixture.settings, text, { force: true })).rejects.toThrow(/is not a backup made by/);
    await expect(restoreDatabase(fixture.settings, path.join(fixture.workDir, "missing"))).rejects.toThrow(
      /Cannot read the backup file/,
    );
    await expect(backupDatabase(fixture.settings, { file: text })).rejects.toThrow(/already exists/);
    expect(readFileSync(text, "utf8")).toBe("not a backup\n");
    await withDatabase(fixture.settings, async (database) => {
      expect(await allRows(database)).toEqual(before);
      expect(await recordCounts(database)).toEqual({ proposals: 3, samples: 15, datasets: 4, trays: 3 });
    });
  });

  it.runIf(tier === "pglite")("refuses to touch the embedded database while another process has it open", async () => {
    await withDatabase(fixture.settings, async () => {
      await expect(backupDatabase(fixture.settings)).rejects.toThrow(/in use.*stop the app first/);
      await expect(restoreDatabase(fixture.settings, backup.file, { force: true })).rejects.toThrow(
        /in use.*stop the app first/,
      );
    });
    const empty: BackupSettings = {
      database: { kind: "pglite", dataDir: path.join(fixture.workDir, "nothing-here") },
      dataDir: fixture.workDir,
    };
    await expect(backupDatabase(empty)).rejects.toThrow(/no embedded database/);
    expect(existsSync(path.join(fixture.workDir, "nothing-here"))).toBe(false);
  });

  it.runIf(tier === "postgresql")("refuses to restore an older schema over tables it would not replace", async () => {
    await withDatabase(fixture.settings, (database) =>
      database.execScript(`CREATE TABLE "FromANewerRelease" (id text PRIMARY KEY)`),
    );
    await expect(restoreDatabase(fixture.settings, backup.file, { force: true })).rejects.toThrow(
      /objects the backup does not \(table public\.FromANewerRelease\).*newer schema/,
    );
    await withDatabase(fixture.settings, (database) => database.execScript(`DROP TABLE "FromANewerRelease"`));
  });
});

describe("finding pg_dump and pg_restore", () => {
  it("names the Debian package when they are missing, and says plainly when pg_dump is too old", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "brs-pgbin-"));
    try {
      await expect(findPostgresProgram("pg_dump", 15, [dir])).rejects.toThrow(/not found.*postgresql-client/);
      const fake = (major: string) => {
        const sub = path.join(dir, major);
        mkdirSync(sub);
        writeFileSync(path.join(sub, "pg_dump"), `#!/bin/sh\necho "pg_dump (PostgreSQL) ${major}.3 (Debian)"\n`);
        chmodSync(path.join(sub, "pg_dump"), 0o755);
        return sub;
      };
      const old = fake("13");
      await expect(findPostgresProgram("pg_dump", 15, [old])).rejects.toThrow(
        /pg_dump 13 .* is older than the database server \(PostgreSQL 15\).*postgresql-client-15/,
      );
      const current = fake("17");
      expect(await findPostgresProgram("pg_dump", 15, [old, current])).toEqual({
        program: path.join(current, "pg_dump"),
        major: 17,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
