// npm run token -- create --name <name> --scopes <scope,scope> [--expires YYYY-MM-DD] [--instrument <pid>]
// npm run token -- list
// npm run token -- revoke <id or prefix>
// API tokens from the command line: for bootstrapping an instrument and for automation. Acts as
// the operator of the server. The token is printed once; only its hash is stored.
// With the embedded database, stop the app first (PGlite has no lock against a second process).
import { parseArgs } from "node:util";
import type { SystemCaller } from "../lib/authz";
import { config, ConfigError } from "../lib/config";
import { openDatabase, setDatabase } from "../lib/db";
import { DomainError, ValidationError } from "../lib/errors";
import { tokenScopes } from "../lib/schemas/api-token";
import { createApiToken, listApiTokens, revokeApiToken } from "../lib/tokens";

const operator: SystemCaller = { kind: "system", name: `command line (${process.env.USER ?? "operator"})` };
const usage = `usage:
  npm run token -- create --name <name> --scopes <scope,scope> [--expires YYYY-MM-DD] [--instrument <pid>]
  npm run token -- list
  npm run token -- revoke <id or prefix>
scopes: ${tokenScopes.join(", ")}`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    scopes: { type: "string" },
    expires: { type: "string" },
    instrument: { type: "string" },
    help: { type: "boolean" },
  },
});
const [command, argument] = positionals;
if (values.help || !command || !["create", "list", "revoke"].includes(command) || (command === "revoke" && !argument)) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

try {
  const database = await openDatabase(config().database, { log: "none" });
  setDatabase(database);
  try {
    if (command === "create") {
      const { token, record } = await createApiToken(operator, {
        name: values.name ?? "",
        scopes: (values.scopes ?? "")
          .split(",")
          .map((scope) => scope.trim())
          .filter(Boolean) as (typeof tokenScopes)[number][],
        instrumentPid: values.instrument,
        expiresAt: values.expires,
      });
      console.error(
        `Created API token "${record.name}" (${record.scopes.join(", ")}${record.expiresAt ? `, expires ${record.expiresAt.toISOString()}` : ""}).`,
      );
      console.error("It is shown only now; store it where the instrument reads it:");
      console.log(token);
    } else if (command === "list") {
      for (const token of await listApiTokens(operator)) {
        const state = token.revokedAt
          ? "revoked"
          : token.expiresAt && token.expiresAt <= new Date()
            ? "expired"
            : "active";
        console.log(
          [
            token.id,
            `${token.prefix}…`,
            state,
            token.name,
            token.scopes.join(","),
            token.lastUsedAt?.toISOString() ?? "never used",
          ].join("\t"),
        );
      }
    } else {
      const revoked = await revokeApiToken(operator, argument);
      console.log(`Revoked API token "${revoked.name}" (${revoked.prefix}…).`);
    }
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof ValidationError) {
    console.error(`${error.message}:`);
    const option: Record<string, string> = { instrumentPid: "instrument", expiresAt: "expires" };
    for (const [field, messages] of Object.entries(error.fieldErrors)) {
      const name = field.split(".")[0];
      console.error(`  --${option[name] ?? name}: ${messages.join(" ")}`);
    }
  } else if (error instanceof DomainError || error instanceof ConfigError) {
    console.error(error.message);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
