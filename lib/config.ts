import "server-only";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => ["true", "1", "yes"].includes(value));

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int()
    .min(1, "must be a port number between 1 and 65535")
    .max(65535, "must be a port number between 1 and 65535")
    .default(3000),
  APP_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://samples.example.org" })
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a PostgreSQL URL (postgresql://user:password@host:5432/database)")
    .optional(),
  DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  SEED_DEMO_DATA: z.enum(["auto", "true", "false"], { error: "must be auto, true or false" }).default("auto"),
  LOG_QUERIES: booleanFlag.default(false),
});

export type Config = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  /** Public base URL; QR codes point here. */
  appUrl: string;
  database: DatabaseTarget;
  dataDir: string;
  /** auto: seed the demo data on the first start of the embedded database only. */
  seedDemoData: "auto" | "true" | "false";
  logQueries: boolean;
};

export type DatabaseTarget = { kind: "postgresql"; url: string } | { kind: "pglite"; dataDir: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration; fix these environment variables (see README, "Configuration"):\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable at once. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings are how shells and .env files say "unset".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = environmentSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const given = present[name];
        return `${name}: ${issue.message}${given === undefined ? "" : ` (got ${JSON.stringify(redact(given))})`}`;
      }),
    );
  }
  const values = result.data;
  const dataDir = path.resolve(values.DATA_DIR);
  return {
    nodeEnv: values.NODE_ENV,
    port: values.PORT,
    appUrl: (values.APP_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ""),
    database: values.DATABASE_URL
      ? { kind: "postgresql", url: values.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(dataDir, "pglite") },
    dataDir,
    seedDemoData: values.SEED_DEMO_DATA,
    logQueries: values.LOG_QUERIES,
  };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Hides passwords in URLs so configuration errors and logs never print secrets. */
export function redact(value: string): string {
  return value.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

export function describeDatabase(target: DatabaseTarget): string {
  return target.kind === "postgresql"
    ? `PostgreSQL at ${redact(target.url)}`
    : `embedded PGlite database in ${target.dataDir}`;
}
