import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { SystemCaller } from "@/lib/auth/caller";
import { throttledCredentialCheck } from "@/lib/auth/rate-limit";
import { auditSignIn } from "@/lib/auth/sign-in-audit";
import { config, type FunctionalAccount } from "@/lib/platform/config";
import { UnauthenticatedError } from "@/lib/shared/errors";
import { createApiToken, pruneLoginTokens } from "@/lib/tokens/api-tokens";
import { parseOrThrow } from "@/lib/shared/validation";

/** SciCat's functional-account tokens live for a day; ours do too. */
const tokenLifetimeSeconds = 24 * 60 * 60;

const loginSchema = z.object({
  username: z.string({ error: "username is required" }).min(1, "username is required").max(200),
  password: z.string({ error: "password is required" }).min(1, "password is required").max(1000),
});

/** Equal-length digests, so the comparison takes the same time whatever the password's length. */
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(createHash("sha256").update(given).digest(), createHash("sha256").update(expected).digest());

/**
 * SciCat's `POST auth/login` for functional accounts (SCICAT_FUNCTIONAL_ACCOUNTS): issues an API
 * token with the account's scopes and instrument, expiring after 24 hours, shaped as SciCat's
 * access token (`id` is the token, as pyscicat reads it). Throttled per account and client
 * (lib/auth/rate-limit.ts; `client` from lib/auth/client-address.ts) and audited either way.
 */
export async function loginFunctionalAccount(
  input: unknown,
  client: string,
  accounts: FunctionalAccount[] = config().scicat.functionalAccounts,
  now = new Date(),
) {
  const { username, password } = parseOrThrow(loginSchema, input, "Give username and password");
  const account = await throttledCredentialCheck("scicat-login", { account: username, client }, async () => {
    const candidate = accounts.find((known) => known.username === username);
    // Compared even for an unknown name, so the answer time does not tell which names exist.
    const passwordMatches = sameSecret(password, candidate?.password ?? "\u0000no such account");
    return candidate && passwordMatches ? candidate : null;
  });
  if (!account) {
    await auditSignIn("SIGN_IN_FAILED", "FunctionalAccount", username, { method: "scicat-login", client });
    throw new UnauthenticatedError("Unknown user name or wrong password");
  }
  const issuer: SystemCaller = { kind: "system", name: `SciCat login of functional account ${username}` };
  const expiresAt = new Date(now.getTime() + tokenLifetimeSeconds * 1000);
  const name = `SciCat login ${username}`;
  await pruneLoginTokens(name, now);
  const { token, record } = await createApiToken(
    issuer,
    { name, scopes: account.scopes, instrumentPid: account.instrumentPid, expiresAt },
    "SCICAT_LOGIN",
  );
  await auditSignIn(
    "SIGN_IN",
    "FunctionalAccount",
    username,
    { method: "scicat-login", client, tokenPrefix: record.prefix },
    issuer,
  );
  return {
    id: token,
    access_token: token,
    ttl: tokenLifetimeSeconds,
    expires_in: tokenLifetimeSeconds,
    created: now.toISOString(),
    expires: expiresAt.toISOString(),
    userId: username,
    // Functional accounts have no mailbox; SciCat's have the address from functionalAccounts.json.
    user: { username, email: account.email ?? "", authStrategy: "local" },
  };
}
