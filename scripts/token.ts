// npm run token -- create --name <name> --scopes <scope,scope> [--expires YYYY-MM-DD] [--instrument <pid>]
// npm run token -- list
// npm run token -- revoke <id or prefix>
// API tokens from the command line: for bootstrapping an instrument and for automation. Acts as
// the operator of the server. The token is printed once; only its hash is stored.
// With the embedded database, stop the app first (PGlite has no lock against a second process).
import { parseArgs } from "node:util";
import type { SystemCaller } from "../lib/auth/caller";
import { config } from "../lib/platform/config";
import { openDatabase, setDatabase } from "../lib/platform/db";
import { ValidationError } from "../lib/shared/errors";
import { tokenScopes } from "../lib/schemas/api-token";
import { createApiToken, listApiTokens, revokeApiToken } from "../lib/tokens/api-tokens";
import { runCommand } from "./command";

const operator: SystemCaller = { kind: "system", name: `command line (${process.env.USER ?? "operator"})` };
const usage = `usage:
  npm run token -- create --name <name> --scopes <scope,scope> [--expires YYYY-MM-DD] [--instrument <pid>]
  npm run token -- list
  npm run token -- revoke <id or prefix>
scopes: ${tokenScopes.join(", ")}`;

const options = {
  name: { type: "string" },
  scopes: { type: "string" },
  expires: { type: "string" },
  instrument: { type: "string" },
  help: { type: "boolean" },
} as const;

await runCommand({
  usage,
  failure: "The token command failed",
  parse() {
    const { positionals, values } = parseArgs({ allowPositionals: true, options });
    const [command, argument] = positionals;
    if (!values.help && !["create", "list", "revoke"].includes(command ?? ""))
      throw new Error(command ? `Unknown command "${command}".` : "Give a command.");
    if (command === "revoke" && !argument) throw new Error("Give the id or prefix of the token to revoke.");
    return { help: values.help ?? false, command, argument, values };
  },
  async run({ command, argument, values }) {
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
        }).catch((error: unknown) => {
          throw error instanceof ValidationError ? new Error(describeInvalidOptions(error)) : error;
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
        const revoked = await revokeApiToken(operator, argument ?? "");
        console.log(`Revoked API token "${revoked.name}" (${revoked.prefix}…).`);
      }
    } finally {
      await database.close();
    }
  },
});

/** The schema's field errors under the command line's option names. */
function describeInvalidOptions(error: ValidationError): string {
  const option: Record<string, string> = { instrumentPid: "instrument", expiresAt: "expires" };
  return [
    `${error.message}:`,
    ...Object.entries(error.fieldErrors).map(([field, messages]) => {
      const name = field.split(".")[0];
      return `  --${option[name] ?? name}: ${messages.join(" ")}`;
    }),
  ].join("\n");
}
