import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db";
import { logger } from "@/lib/platform/logger";
import { TooManyRequestsError } from "@/lib/shared/errors";

/**
 * Throttling and lockout of every credential check (SciCat login, LDAP, API tokens), counted in
 * the database (model CredentialFailure) so that all replicas share the counts.
 *
 * Two counters per attempt:
 * - per account and client: 10 failures within 15 minutes lock that account *for that client*
 *   for 15 minutes. Keyed with the client so that an attacker elsewhere cannot lock the real
 *   user out; a success resets it.
 * - per client, across account names: 100 failures within an hour lock the client out of that
 *   kind of check for an hour, so trying many names from one place is bounded too.
 * An attempt reserves a point on both before the credentials are checked (the database increment
 * is atomic, so parallel attempts cannot slip past the limit) and gets its point back when it
 * succeeds or is refused: only failures count. A locked attempt is answered 429 without checking
 * anything, so a locked account tells nothing about whether a password is right.
 */
export type CredentialCheck = "scicat-login" | "ldap" | "api-token";

export const credentialLimits = {
  perAccountAndClient: { failures: 10, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  perClient: { failures: 100, windowSeconds: 60 * 60, lockSeconds: 60 * 60 },
} as const;

type Limit = (typeof credentialLimits)[keyof typeof credentialLimits];
type Counter = { limiter: RateLimiterPrisma; limit: Limit };
type Counters = { perAccountAndClient: Counter; perClient: Counter };

/** One pair per Prisma client (tests open a database per file; production has one). */
const countersByClient = new WeakMap<PrismaClient, Counters>();

function countersFor(prisma: PrismaClient): Counters {
  let counters = countersByClient.get(prisma);
  if (!counters) {
    // The limiter's own timer deletes rows that expired over an hour ago, every five minutes.
    const counter = (limit: Limit): Counter => ({
      limit,
      limiter: new RateLimiterPrisma({
        storeClient: prisma,
        tableName: "credentialFailure",
        points: limit.failures,
        duration: limit.windowSeconds,
      }),
    });
    counters = {
      perAccountAndClient: counter(credentialLimits.perAccountAndClient),
      perClient: counter(credentialLimits.perClient),
    };
    countersByClient.set(prisma, counters);
  }
  return counters;
}

/** A user name may be a password typed into the wrong field: only its hash is stored. */
const accountHash = (account: string) => createHash("sha256").update(account).digest("base64url").slice(0, 22);

export type CredentialAttempt = {
  /** The account name as the check compares it (LDAP: trimmed, lower-case); absent for API tokens. */
  account?: string;
  /** lib/auth/client-address.ts */
  client: string;
};

/** One point on the counter; rate-limiter-flexible rejects with its state once the limit is passed. */
async function reserve(counter: Counter, key: string): Promise<{ refused: boolean; state: RateLimiterRes }> {
  try {
    return { refused: false, state: await counter.limiter.consume(key) };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { refused: true, state: rejection };
    throw rejection;
  }
}

/**
 * Passwords can be guessed, so a locked attempt is refused without checking it. API tokens (256
 * random bits) cannot: a valid one is always let through, so that one broken script behind a
 * shared address cannot lock an instrument out; only the failures are counted and refused.
 */
const validPassesLock: Record<CredentialCheck, boolean> = { "scicat-login": false, ldap: false, "api-token": true };

/**
 * Runs `verify` (which answers null for wrong credentials) under the limits above. Throws
 * TooManyRequestsError (429, Retry-After) when the account is locked for this client, or the
 * client for this kind of check.
 */
export async function throttledCredentialCheck<T>(
  check: CredentialCheck,
  attempt: CredentialAttempt,
  verify: () => Promise<T | null>,
): Promise<T | null> {
  const counters = countersFor(await db());
  const keyed: [Counter, string][] = [[counters.perClient, `${check}:client:${attempt.client}`]];
  if (attempt.account !== undefined)
    keyed.push([counters.perAccountAndClient, `${check}:account:${accountHash(attempt.account)}:${attempt.client}`]);
  const giveBack = () => Promise.all(keyed.map(([counter, key]) => counter.limiter.reward(key)));

  if (validPassesLock[check]) {
    const verified = await verify();
    if (verified !== null) return verified;
    await lockWhereReached(check, attempt, keyed, await reserveAll(check, attempt, keyed, giveBack));
    return null;
  }

  const reserved = await reserveAll(check, attempt, keyed, giveBack);
  let verified: T | null;
  try {
    verified = await verify();
  } catch (error) {
    // The check could not be made (the directory is down): that is nobody's failed attempt.
    await giveBack();
    throw error;
  }
  if (verified !== null) {
    // Reset: earlier failures of this account from this client are forgiven; the client's
    // count across names only gets this attempt's point back.
    await Promise.all(
      keyed.map(([counter, key]) =>
        counter === counters.perAccountAndClient ? counter.limiter.delete(key) : counter.limiter.reward(key),
      ),
    );
    return verified;
  }
  await lockWhereReached(check, attempt, keyed, reserved);
  return null;
}

/** A point on every counter, or 429 (with the point given back) when one of them is used up. */
async function reserveAll(
  check: CredentialCheck,
  attempt: CredentialAttempt,
  keyed: [Counter, string][],
  giveBack: () => Promise<unknown>,
): Promise<RateLimiterRes[]> {
  const reserved = await Promise.all(keyed.map(([counter, key]) => reserve(counter, key)));
  const refusals = reserved.filter(({ refused }) => refused).map(({ state }) => state.msBeforeNext);
  if (refusals.length > 0) {
    // A refused attempt checked nothing, so it counts for nothing: a locked name does not use up the client's allowance.
    await giveBack();
    const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...refusals) / 1000));
    logger.warn({ check, client: attempt.client, retryAfterSeconds }, "credential check refused: too many failures");
    throw new TooManyRequestsError(
      `Too many failed attempts; try again in ${describeWait(retryAfterSeconds)}.`,
      retryAfterSeconds,
    );
  }
  return reserved.map(({ state }) => state);
}

/** The failure that reaches a limit starts the lockout, counted from now rather than from the window's start. */
async function lockWhereReached(
  check: CredentialCheck,
  attempt: CredentialAttempt,
  keyed: [Counter, string][],
  reserved: RateLimiterRes[],
): Promise<void> {
  logger.warn({ check, client: attempt.client }, "credential check failed");
  await Promise.all(
    keyed.map(async ([counter, key], index) => {
      if (reserved[index].consumedPoints < counter.limit.failures) return;
      await counter.limiter.block(key, counter.limit.lockSeconds);
      logger.warn({ check, client: attempt.client, lockSeconds: counter.limit.lockSeconds }, "credential check locked");
    }),
  );
}

export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
