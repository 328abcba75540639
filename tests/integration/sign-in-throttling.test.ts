import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";
import { credentialLimits } from "@/lib/auth/rate-limit";
import type { FunctionalAccount } from "@/lib/platform/config";
import type { Database } from "@/lib/platform/db";
import { loginFunctionalAccount } from "@/lib/scicat/login";
import { TooManyRequestsError, UnauthenticatedError } from "@/lib/shared/errors";
import { authenticateApiToken, createApiToken } from "@/lib/tokens/api-tokens";
import { systemCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const password = "correct horse battery staple";
const accounts: FunctionalAccount[] = [{ username: "ufo-ingestor", password, scopes: ["datasets:write"] }];

/** One login's outcome: 201, 401, or 429 with its Retry-After. */
async function login(username: string, given: string, client: string) {
  try {
    await loginFunctionalAccount({ username, password: given }, client, accounts);
    return { status: 201 } as const;
  } catch (error) {
    if (error instanceof TooManyRequestsError) return { status: 429, retryAfter: error.retryAfterSeconds } as const;
    if (error instanceof UnauthenticatedError) return { status: 401 } as const;
    throw error;
  }
}

// The windows are 15 and 60 minutes: these tests take seconds, so no window ends while they run.
describe(`throttling of credential checks (${databaseTier()})`, () => {
  it("lets 10 of 2 000 wrong SciCat logins through (401), refuses the rest (429), and still lets the account in from another client", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 2000; attempt++)
      statuses.push((await login("ufo-ingestor", `guess ${attempt}`, "203.0.113.7")).status);
    const throughBeforeFirst429 = statuses.indexOf(429);
    expect(throughBeforeFirst429).toBe(credentialLimits.perAccountAndClient.failures);
    expect(statuses.slice(0, throughBeforeFirst429).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(throughBeforeFirst429).every((status) => status === 429)).toBe(true);

    // Locked for this client, even with the right password (no oracle while locked) …
    const locked = await login("ufo-ingestor", password, "203.0.113.7");
    expect(locked.status).toBe(429);
    expect(locked.status === 429 && locked.retryAfter).toBeGreaterThan(14 * 60);
    // … but not for the real user elsewhere.
    expect((await login("ufo-ingestor", password, "198.51.100.20")).status).toBe(201);
    // The refused attempts checked nothing and used up nothing of the client's allowance across names.
    expect((await login("another-name", "wrong", "203.0.113.7")).status).toBe(401);

    // Audited: each counted failure and the success, never a password; the refused ones are only logged.
    const rows = await database.prisma.auditLog.findMany({ where: { entity: "FunctionalAccount" } });
    expect(rows.filter((row) => row.action === "SIGN_IN_FAILED")).toHaveLength(11);
    expect(rows.filter((row) => row.action === "SIGN_IN")).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      entityId: "ufo-ingestor",
      changes: { method: "scicat-login", client: "203.0.113.7" },
    });
    expect(JSON.stringify(rows)).not.toMatch(/guess|correct horse/);
  });

  it("counts failures of an account and client only until a success resets them", async () => {
    const client = "192.0.2.50";
    for (let attempt = 0; attempt < 9; attempt++)
      expect((await login("ufo-ingestor", "wrong", client)).status).toBe(401);
    expect((await login("ufo-ingestor", password, client)).status).toBe(201);
    for (let attempt = 0; attempt < 10; attempt++)
      expect((await login("ufo-ingestor", "wrong", client)).status).toBe(401);
    expect((await login("ufo-ingestor", "wrong", client)).status).toBe(429);
  });

  it("bounds the failures of one client across account names", async () => {
    const from = (address: string) => clientAddress(new Headers({ "x-forwarded-for": address }));
    const client = from("2001:db8:1:2:aaaa::1");
    const { failures } = credentialLimits.perClient;
    for (let attempt = 0; attempt < failures; attempt++)
      expect((await login(`name-${attempt}`, "wrong", client)).status).toBe(401);
    expect((await login("yet-another-name", "wrong", client)).status).toBe(429);
    // The same /64 is the same client.
    expect((await login("ufo-ingestor", password, from("2001:db8:1:2:bbbb::9"))).status).toBe(429);
    expect((await login("ufo-ingestor", password, from("2001:db8:1:3::1"))).status).toBe(201);
  });

  it("refuses the bad API tokens of a client that sent too many, but not the others", async () => {
    const { token } = await createApiToken(systemCaller, { name: "instrument", scopes: ["samples:read"] });
    const { failures } = credentialLimits.perClient;
    for (let attempt = 0; attempt < failures; attempt++)
      expect(await authenticateApiToken(`brs_wrong${attempt}`, { client: "203.0.113.99" })).toBeNull();
    await expect(authenticateApiToken("brs_one-more", { client: "203.0.113.99" })).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
    expect(await authenticateApiToken("brs_elsewhere", { client: "198.51.100.1" })).toBeNull();
    // A valid token cannot be guessed, so a lock on its address never stops it (a broken script
    // next to the instrument must not lock the instrument out).
    expect(await authenticateApiToken(token, { client: "203.0.113.99" })).toMatchObject({ name: "instrument" });
    expect(await authenticateApiToken(token)).toMatchObject({ name: "instrument" });
  });

  it("keeps the counts in the database, where every replica sees them", async () => {
    const rows = await database.prisma.credentialFailure.findMany();
    expect(rows.length).toBeGreaterThan(0);
    // Account names are hashed: a password typed into the name field is never stored.
    expect(JSON.stringify(rows)).not.toContain("name-1");
  });
});
