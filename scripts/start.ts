// npm start (and npm run dev with --dev): the whole way from a fresh clone to a running app.
// Validates the configuration, builds if the sources changed since the last build, migrates
// (and seeds the embedded demo database on its first start), then serves with Next.js.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config, ConfigError } from "../lib/config";
import { prepareDatabase } from "./prepare-database";

const dev = process.argv.includes("--dev");
const root = process.cwd();
const nextBin = path.join(root, "node_modules", ".bin", "next");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let settings;
try {
  settings = config();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const buildInputs = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function sourceHash(): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const absolute = path.join(root, relative);
    if (!existsSync(absolute) || relative.startsWith(path.join("lib", "generated"))) return;
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(relative).update(readFileSync(absolute));
    }
  };
  buildInputs.forEach(visit);
  return hash.digest("hex");
}

if (!dev) {
  const stamp = path.join(root, ".next", "source-hash");
  const current = sourceHash();
  const built =
    existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current;
  if (!built) {
    console.log("Building the app (first start or sources changed; takes a minute or two)…");
    const result = spawnSync(nextBin, ["build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) fail("The build failed; see the messages above.");
    writeFileSync(stamp, current);
  }
}

try {
  const where = await prepareDatabase(settings);
  console.log(`Data lives in: ${where}.`);
} catch (error) {
  fail(`Could not prepare the database: ${error instanceof Error ? error.message : String(error)}`);
}

console.log(`Starting Beamtime Sample Registry on ${settings.appUrl}`);
const server = spawn(nextBin, [dev ? "dev" : "start", "--port", String(settings.port)], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
