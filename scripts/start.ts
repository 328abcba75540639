// npm start (and npm run dev with --dev): the whole way from a fresh clone to a running app.
// Validates the configuration, builds if the sources changed since the last build, migrates
// (and seeds the embedded demo database on its first start), then serves the build's standalone
// server (node .next/standalone/server.js, as a release does).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config, ConfigError, type Config } from "../lib/platform/config";
import { startLocalIdp } from "../lib/auth/local-idp";
import { demoAccounts } from "../lib/auth/demo-accounts";
import { ensureBuilt, standaloneDir } from "./build";
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

if (!dev && !ensureBuilt(root)) fail("The build failed; see the messages above.");

try {
  const where = await prepareDatabase(settings);
  console.log(`Data lives in: ${where}.`);
} catch (error) {
  fail(
    `Could not prepare the database: ${error instanceof Error ? error.message : String(error)}\n` +
      (settings.database.kind === "pglite"
        ? `Is another process using ${settings.database.dataDir} (a second npm start, or npm run token/db:seed while the app runs)? Stop it and try again.`
        : "Check that the PostgreSQL server of DATABASE_URL is running and reachable, and that the user may create tables."),
  );
}

/** Outside production a missing AUTH_SECRET is generated once and kept with the data. */
function authSecret(settings: Config): string {
  if (settings.auth.secret) return settings.auth.secret;
  const file = path.join(settings.dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(settings.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  // The standalone server runs in its own folder: relative paths would resolve there.
  DATA_DIR: settings.dataDir,
  PORT: String(settings.port),
  // Shells and containers often export HOSTNAME as the machine's name; the server would listen there only.
  HOSTNAME: "0.0.0.0",
  AUTH_SECRET: authSecret(settings),
  AUTH_URL: `${settings.appUrl}/api/auth`,
  AUTH_TRUST_HOST: "true",
};

let closeIdp: () => Promise<void> = async () => {};
if (settings.auth.localIdp.enabled) {
  const clientId = "beamtime-sample-registry";
  const clientSecret = randomBytes(24).toString("base64url");
  const providerId = "local";
  try {
    const idp = await startLocalIdp({
      port: settings.auth.localIdp.port,
      clientId,
      clientSecret,
      redirectUris: [`${settings.appUrl}/api/auth/callback/${providerId}`],
      postLogoutRedirectUris: [settings.appUrl, `${settings.appUrl}/signin`],
    });
    closeIdp = idp.close;
    // The app reaches it through the same generic OIDC settings a KIT deployment uses.
    Object.assign(serverEnv, {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_PROVIDER_ID: providerId,
      OIDC_PROVIDER_NAME: "Demo accounts (local identity provider)",
      OIDC_SCOPES: "openid profile email",
      OIDC_GROUPS_CLAIM: "groups",
      OIDC_CLAIMS_FROM: "id_token",
      OIDC_DEMO_ACCOUNTS: "true",
    });
    console.log(
      `Local identity provider at ${idp.issuer} with demo accounts ${demoAccounts.map((a) => `${a.username}/${a.password}`).join(", ")}.`,
    );
  } catch (error) {
    fail(
      `Could not start the local identity provider on port ${settings.auth.localIdp.port} ` +
        `(${error instanceof Error ? error.message : String(error)}). Set LOCAL_IDP_PORT to a free port.`,
    );
  }
} else if (settings.auth.oidc) {
  console.log(`Sign-in through ${settings.auth.oidc.name} (${settings.auth.oidc.issuer}).`);
}
if (settings.auth.ldap) console.log(`Sign-in through LDAP at ${settings.auth.ldap.url}.`);

console.log(`Starting Beamtime Sample Registry on ${settings.appUrl}`);
// Outside development: the standalone server of the build, exactly what `npm run release` ships.
const server = dev
  ? spawn(nextBin, ["dev", "--port", String(settings.port)], { stdio: "inherit", env: serverEnv })
  : spawn(process.execPath, [path.join(standaloneDir(root), "server.js")], { stdio: "inherit", env: serverEnv });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => {
  void closeIdp().finally(() => process.exit(code ?? (signal ? 1 : 0)));
});
