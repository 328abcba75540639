import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { UserCaller } from "@/lib/auth/caller";
import type { Database } from "@/lib/platform/db";
import { ForbiddenError, ValidationError } from "@/lib/shared/errors";
import {
  authenticateApiToken,
  createApiToken,
  hashToken,
  listApiTokens,
  loginTokensPerAccount,
  revokeApiToken,
} from "@/lib/tokens/api-tokens";
import { loginFunctionalAccount } from "@/lib/scicat/login";
import { systemCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

vi.mock("@/lib/auth/session", () => ({ currentCaller: async () => ({ kind: "anonymous" }) }));
const { GET: whoami } = await import("@/app/api/v1/whoami/route");

let database: Database;
let staff: UserCaller;
beforeAll(async () => {
  database = await createTestDatabase();
  staff = await userCaller("staff", "STAFF");
});
afterAll(() => database.close());

const call = (token: string, how: "header" | "query" = "header") =>
  whoami(
    new Request(`http://localhost/api/v1/whoami${how === "query" ? `?access_token=${token}` : ""}`, {
      headers: how === "header" ? { authorization: `Bearer ${token}` } : {},
    }),
    { params: Promise.resolve({}) },
  );

describe(`API tokens (${databaseTier()})`, () => {
  it("are created by staff, shown once, and stored only as a hash", async () => {
    const { token, record } = await createApiToken(staff, {
      name: "UFO Concert",
      scopes: ["datasets:write", "samples:read"],
    });
    expect(token).toMatch(/^brs_[\w-]{43}$/);
    expect(record).toMatchObject({
      name: "UFO Concert",
      prefix: token.slice(0, 10),
      revokedAt: null,
      lastUsedAt: null,
    });
    const rows = await database.query<Record<string, unknown>>(`SELECT * FROM "ApiToken"`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0].tokenHash).toBe(hashToken(token));
  });

  it("authenticate API requests, in the header or as SciCat's access_token parameter, and record their last use", async () => {
    const { token } = await createApiToken(staff, { name: "beamline script", scopes: ["samples:read"] });
    const response = await call(token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ kind: "token", name: "beamline script", scopes: ["samples:read"] });
    expect((await call(token, "query")).status).toBe(200);
    const [listed] = (await listApiTokens(staff)).filter((t) => t.name === "beamline script");
    expect(listed.lastUsedAt).toBeInstanceOf(Date);
  });

  it("are rejected once revoked", async () => {
    const { token, record } = await createApiToken(staff, { name: "to revoke", scopes: ["samples:read"] });
    expect((await call(token)).status).toBe(200);
    await revokeApiToken(staff, record.id);
    const response = await call(token);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "The API token is unknown, revoked or expired." });
    expect(await authenticateApiToken(token)).toBeNull();
  });

  it("are rejected once expired", async () => {
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const { token } = await createApiToken(staff, {
      name: "short-lived",
      scopes: ["samples:read"],
      expiresAt: tomorrow,
    });
    expect(await authenticateApiToken(token)).not.toBeNull();
    expect(await authenticateApiToken(token, { now: new Date(tomorrow.getTime() + 1000) })).toBeNull();
    await database.prisma.apiToken.updateMany({
      where: { name: "short-lived" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await call(token)).status).toBe(401);
  });

  it("reject unknown and malformed tokens without telling them apart", async () => {
    expect((await call("brs_not-a-real-token")).status).toBe(401);
    expect((await call("some-other-format")).status).toBe(401);
    const malformed = await whoami(
      new Request("http://localhost/api/v1/whoami", { headers: { authorization: "Basic dXNlcg==" } }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(malformed.status).toBe(401);
  });

  it("can be created and revoked by staff and the command line only, with valid input", async () => {
    const user = await userCaller("ada");
    await expect(createApiToken(user, { name: "mine", scopes: ["samples:read"] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(createApiToken(systemCaller, { name: "", scopes: [] })).rejects.toMatchObject({
      fieldErrors: { name: [expect.any(String)], scopes: ["Choose at least one scope"] },
    });
    await expect(
      createApiToken(staff, { name: "x", scopes: ["samples:read"], instrumentPid: "nope" }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      createApiToken(staff, { name: "x", scopes: ["samples:read"], expiresAt: "2001-01-01" }),
    ).rejects.toMatchObject({
      fieldErrors: { expiresAt: ["The expiry date must be in the future"] },
    });
    expect(await database.prisma.apiToken.count({ where: { name: { in: ["mine", "", "x"] } } })).toBe(0);
  });

  it("leave an audit trail", async () => {
    const entries = await database.prisma.auditLog.findMany({
      where: { entity: "ApiToken" },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.filter((e) => e.action === "CREATE").length).toBeGreaterThanOrEqual(4);
    expect(entries.find((e) => e.action === "UPDATE")).toMatchObject({
      actorName: "staff",
      changes: { revokedAt: [null, expect.any(String)] },
    });
  });

  it("from SciCat logins are kept apart from staff's, and expired ones are deleted at the next login", async () => {
    const accounts = [
      { username: "ingestor", password: "a long enough password", scopes: ["datasets:write" as const] },
    ];
    const loginAt = (now: Date, client = "198.51.100.3") =>
      loginFunctionalAccount({ username: "ingestor", password: "a long enough password" }, client, accounts, now);
    const old = await loginAt(new Date());
    expect(await authenticateApiToken(old.id)).toMatchObject({ name: "SciCat login ingestor" });
    const tomorrow = new Date(Date.now() + 25 * 3600 * 1000);
    const fresh = await loginAt(tomorrow);
    expect(await authenticateApiToken(fresh.id, { now: tomorrow })).toMatchObject({ name: "SciCat login ingestor" });
    // Expired by then, and gone: the row was deleted, not just refused.
    expect(await authenticateApiToken(old.id)).toBeNull();
    const logins = await database.prisma.apiToken.findMany({ where: { origin: "SCICAT_LOGIN" } });
    expect(logins.map((token) => token.tokenHash)).toEqual([hashToken(fresh.id)]);
    // Staff's tokens, expired or not, stay until staff remove them.
    expect(await database.prisma.apiToken.count({ where: { name: "short-lived" } })).toBe(1);
    const listed = await listApiTokens(staff);
    expect(listed.filter((token) => token.origin === "SCICAT_LOGIN").map((token) => token.name)).toEqual([
      "SciCat login ingestor",
    ]);
    expect(listed.filter((token) => token.origin === "MANUAL").length).toBeGreaterThanOrEqual(4);
  });

  it("from SciCat logins are capped per account, the oldest going first", async () => {
    const accounts = [{ username: "chatty", password: "a long enough password", scopes: ["samples:read" as const] }];
    const tokens: string[] = [];
    for (let login = 0; login < loginTokensPerAccount + 5; login++)
      tokens.push(
        (
          await loginFunctionalAccount(
            { username: "chatty", password: "a long enough password" },
            "198.51.100.4",
            accounts,
          )
        ).id,
      );
    expect(await database.prisma.apiToken.count({ where: { name: "SciCat login chatty" } })).toBe(
      loginTokensPerAccount,
    );
    expect(await authenticateApiToken(tokens[0])).toBeNull();
    expect(await authenticateApiToken(tokens.at(-1)!)).not.toBeNull();
  });
});
