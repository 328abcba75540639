import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { type Caller, type TokenCaller } from "@/lib/auth/caller";
import { throttledCredentialCheck } from "@/lib/auth/rate-limit";
import type { ApiTokenOrigin } from "@/lib/generated/prisma/client";
import { isScope, apiTokenSchema, type ApiTokenInput } from "@/lib/schemas/api-token";
import { requireRole } from "@/lib/auth/permissions";
import { db } from "@/lib/platform/db";
import { NotFoundError, ValidationError } from "@/lib/shared/errors";
import { parseOrThrow } from "@/lib/shared/validation";
import { audit } from "@/lib/audit/audit-log";

/**
 * API tokens for instruments and scripts. The token is shown once at creation; only its SHA-256
 * is stored (a token is 256 random bits, so a fast hash is enough: there is nothing to brute-force).
 */
const tokenPrefix = "brs_";
/** Last-use time is written at most this often, so a busy instrument does not write per request. */
const lastUseResolutionMs = 60_000;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createApiToken(caller: Caller, input: ApiTokenInput, origin: ApiTokenOrigin = "MANUAL") {
  requireRole(caller, "STAFF", "Creating API tokens");
  const values = parseOrThrow(apiTokenSchema, input, "The API token could not be created");
  const prisma = await db();
  const instrument = values.instrumentPid
    ? await prisma.instrument.findUnique({ where: { pid: values.instrumentPid }, select: { id: true } })
    : null;
  if (values.instrumentPid && !instrument) {
    throw new ValidationError("The API token could not be created", {
      instrumentPid: [`No instrument with pid ${values.instrumentPid}`],
    });
  }
  const token = `${tokenPrefix}${randomBytes(32).toString("base64url")}`;
  const record = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: values.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, tokenPrefix.length + 6),
        scopes: values.scopes,
        instrumentId: instrument?.id,
        ownerId: caller.kind === "user" ? caller.id : null,
        expiresAt: values.expiresAt,
        origin,
      },
      select: tokenListSelect,
    });
    await audit(tx, caller, "CREATE", "ApiToken", created.prefix, {
      name: created.name,
      scopes: created.scopes,
      expiresAt: created.expiresAt,
    });
    return created;
  });
  return { token, record };
}

const tokenListSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  origin: true,
  createdAt: true,
  instrument: { select: { pid: true, name: true } },
  owner: { select: { name: true, email: true } },
} as const;

export async function listApiTokens(caller: Caller) {
  requireRole(caller, "STAFF", "Listing API tokens");
  const prisma = await db();
  return prisma.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: tokenListSelect,
  });
}

/** Revokes by id or by the prefix shown in lists. Revoking twice is harmless. */
export async function revokeApiToken(caller: Caller, idOrPrefix: string) {
  requireRole(caller, "STAFF", "Revoking API tokens");
  const prisma = await db();
  const token = await prisma.apiToken.findFirst({ where: { OR: [{ id: idOrPrefix }, { prefix: idOrPrefix }] } });
  if (!token) throw new NotFoundError(`API token ${idOrPrefix}`);
  if (token.revokedAt) return token;
  return prisma.$transaction(async (tx) => {
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await audit(tx, caller, "UPDATE", "ApiToken", token.prefix, { revokedAt: [null, revoked.revokedAt] });
    return revoked;
  });
}

/**
 * The caller a bearer token stands for, or null when it is unknown, revoked or expired. With the
 * client's address (lib/auth/client-address.ts; the HTTP layer gives it), failures are counted and
 * a client that sends too many bad tokens is refused with 429 (lib/auth/rate-limit.ts): a token
 * cannot be guessed, but a flood of them is a probe or a broken script, and costs a query each.
 */
export async function authenticateApiToken(
  token: string,
  { now = new Date(), client }: { now?: Date; client?: string } = {},
): Promise<TokenCaller | null> {
  const check = () => tokenCaller(token, now);
  return client === undefined ? check() : throttledCredentialCheck("api-token", { client }, check);
}

async function tokenCaller(token: string, now: Date): Promise<TokenCaller | null> {
  if (!token.startsWith(tokenPrefix)) return null;
  const prisma = await db();
  const record = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) return null;
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > lastUseResolutionMs) {
    await prisma.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: "token",
    tokenId: record.id,
    name: record.name,
    scopes: record.scopes.filter(isScope),
    instrumentId: record.instrumentId,
  };
}

/** Live login tokens one functional account may hold; a login beyond it deletes the oldest. */
export const loginTokensPerAccount = 50;

/**
 * Housekeeping at each SciCat login. Tokens are stored hashed, so a login cannot hand an earlier
 * token back: each login issues a new one. Instead, expired login tokens (of every account) are
 * deleted, and an account keeps at most `loginTokensPerAccount` live ones — enough for every
 * script that logs in once per run, bounded for one that logs in per request.
 */
export async function pruneLoginTokens(name: string, now = new Date()): Promise<void> {
  const prisma = await db();
  await prisma.apiToken.deleteMany({ where: { origin: "SCICAT_LOGIN", expiresAt: { lte: now } } });
  const surplus = await prisma.apiToken.findMany({
    where: { origin: "SCICAT_LOGIN", name },
    orderBy: { createdAt: "desc" },
    skip: loginTokensPerAccount - 1,
    select: { id: true },
  });
  if (surplus.length > 0) await prisma.apiToken.deleteMany({ where: { id: { in: surplus.map(({ id }) => id) } } });
}
