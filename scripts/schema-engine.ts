// Drives Prisma's wasm schema engine (the CLI's `migrate diff` without the native binary).
// Tooling only: used by `npm run db:migration` and the drift tests, never by the server.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as runtime from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Migration } from "../lib/platform/migrations";

const require = createRequire(import.meta.url);
let initialised = false;

function initialiseWasm(): void {
  if (initialised) return;
  // Node 20 cannot import a .wasm module: instantiate it by hand, as the package's bundler glue would.
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), {
    "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
  });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  initialised = true;
}

const filters = { externalTables: [], externalEnums: [] };

export function migrationsList(migrations: Migration[], baseDir: string) {
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: migration.sql } },
    })),
  };
}

/**
 * Opens the engine on a throw-away in-memory PGlite (also its shadow database): the engine
 * trips over PostgreSQL's catalog through adapter-pg, and diffs need no real database.
 */
async function withEngine<T>(
  schemaText: string,
  work: (engine: runtime.SchemaEngine) => Promise<T>,
  mainDatabase?: SqlMigrationAwareDriverAdapterFactory["connect"],
): Promise<T> {
  initialiseWasm();
  const opened: PGlite[] = [];
  const open = async () => {
    const client = await PGlite.create("memory://");
    opened.push(client);
    return client;
  };
  const memory = async () => patchAdapter(await new PrismaPGlite(await open()).connect());
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "pglite-memory",
    connect: mainDatabase ?? memory,
    connectToShadowDb: memory,
  };
  const engine = await runtime.SchemaEngine.new(
    { datamodels: [["schema.prisma", schemaText]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((client) => client.close()));
  }
}

// pglite-prisma-adapter 0.7.2's executeScript does not await its SQL, so a failing script would
// count as applied.
type ScriptAdapter = Awaited<ReturnType<SqlMigrationAwareDriverAdapterFactory["connect"]>> & {
  client?: PGlite;
  onError?: (error: unknown) => never;
};
function patchAdapter<A extends ScriptAdapter>(adapter: A): A {
  const client = adapter.client;
  if (client && adapter.onError) {
    const onError = adapter.onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await client.exec(script);
      } catch (error) {
        onError(error);
      }
    };
  }
  return adapter;
}

/** SQL that brings a database migrated with `migrations` to `schemaText`; empty when in sync. */
export async function diffMigrationsToSchema(
  migrations: Migration[],
  schemaText: string,
  baseDir: string,
): Promise<string> {
  return withEngine(schemaText, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList(migrations, baseDir) },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schemaText }] },
      script: true,
      exitCode: true,
      filters,
    });
    return result.stdout ?? "";
  });
}

/**
 * Prisma schema of a live database, introspected through its driver adapter (the engine ignores
 * the URL and asks the adapter).
 */
export async function introspect(
  connect: SqlMigrationAwareDriverAdapterFactory["connect"],
  schemaText: string,
): Promise<string> {
  return withEngine(
    schemaText,
    async (engine) => {
      const result = await engine.introspect({
        schema: { files: [{ path: "schema.prisma", content: schemaText }] },
        baseDirectoryPath: process.cwd(),
        force: true,
        compositeTypeDepth: 0,
        namespaces: null,
      });
      return result.schema.files[0]?.content ?? "";
    },
    connect,
  );
}

/** SQL that takes a database with schema `fromSchema` to `toSchema`; empty when equal. */
export async function diffSchemas(fromSchema: string, toSchema: string): Promise<string> {
  return withEngine(toSchema, async (engine) => {
    const result = await engine.diff({
      from: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fromSchema }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: toSchema }] },
      script: true,
      exitCode: true,
      filters,
    });
    return result.stdout ?? "";
  });
}

export const isEmptyDiff = (sql: string) =>
  sql
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("--")).length === 0;

/**
 * Connects the engine to a live PostgreSQL through adapter-pg. adapter-pg 7.10 cannot type
 * pg_catalog's one-byte `"char"` columns (OID 18), which introspection reads; they arrive from
 * `pg` as strings already, so they are announced as text (OID 25).
 */
export function postgresConnector(url: string): {
  connect: SqlMigrationAwareDriverAdapterFactory["connect"];
  close: () => Promise<void>;
} {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return { connect: () => new PrismaPg(pool).connect(), close: () => pool.end() };
}

/** Connects the engine to an open PGlite database. */
export function pgliteConnector(client: PGlite): SqlMigrationAwareDriverAdapterFactory["connect"] {
  return async () => patchAdapter(await new PrismaPGlite(client).connect());
}
