import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { SystemCaller } from "@/lib/auth/caller";
import { config, type FunctionalAccount } from "@/lib/platform/config";
import { UnauthenticatedError } from "@/lib/shared/errors";
import { createApiToken } from "@/lib/tokens/api-tokens";
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
 * access token (`id` is the token, as pyscicat reads it).
 */
export async function loginFunctionalAccount(
  input: unknown,
  accounts: FunctionalAccount[] = config().scicat.functionalAccounts,
  now = new Date(),
) {
  const { username, password } = parseOrThrow(loginSchema, input, "Give username and password");
  const account = accounts.find((candidate) => candidate.username === username);
  // Compared even for an unknown name, so the answer time does not tell which names exist.
  const passwordMatches = sameSecret(password, account?.password ?? "\u0000no such account");
  if (!account || !passwordMatches) throw new UnauthenticatedError("Unknown user name or wrong password");
  const issuer: SystemCaller = { kind: "system", name: `SciCat login of functional account ${username}` };
  const expiresAt = new Date(now.getTime() + tokenLifetimeSeconds * 1000);
  const { token } = await createApiToken(issuer, {
    name: `SciCat login ${username}`,
    scopes: account.scopes,
    instrumentPid: account.instrumentPid,
    expiresAt,
  });
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
