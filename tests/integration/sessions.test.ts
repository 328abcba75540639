import { decode, encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/platform/db";
import { recordSignIn, recordSignOut, signOutUser, userCaller } from "@/lib/auth/users";
import { ForbiddenError } from "@/lib/shared/errors";
import { userCaller as testUser } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const roleGroups = { staff: ["beamline-staff"], admin: ["registry-admins"] };
const secret = "test-secret-of-at-least-32-characters!";
const salt = "authjs.session-token";

/** The session cookie as next-auth writes it at sign-in (lib/auth/next-auth.ts jwt callback), and as it reads it back. */
async function sessionCookieAtSignIn(profile: Parameters<typeof recordSignIn>[0]) {
  const user = await recordSignIn(profile, roleGroups);
  return encode({ secret, salt, token: { sub: user.id, userId: user.id, sessionVersion: user.sessionVersion } });
}
async function callerOf(cookie: string) {
  const token = await decode({ secret, salt, token: cookie });
  return userCaller(String(token?.userId), typeof token?.sessionVersion === "number" ? token.sessionVersion : 0);
}

describe(`ending sessions on the server (${databaseTier()})`, () => {
  const ada = { subject: "kit:ada", email: "ada@example.org", name: "Ada Lovelace", groups: [] };

  it("refuses a session cookie copied before sign-out, and accepts the next sign-in", async () => {
    const copied = await sessionCookieAtSignIn(ada);
    const caller = await callerOf(copied);
    expect(caller).toMatchObject({ kind: "user", name: "Ada Lovelace" });

    await recordSignOut(caller!.id, (await decode({ secret, salt, token: copied }))!.sessionVersion as number);
    // The cookie still decodes (a JWT cannot be taken back) but no longer stands for anyone.
    expect(await decode({ secret, salt, token: copied })).toMatchObject({ userId: caller!.id });
    expect(await callerOf(copied)).toBeNull();

    const fresh = await sessionCookieAtSignIn(ada);
    expect(await callerOf(fresh)).toMatchObject({ id: caller!.id });
    expect(await callerOf(copied)).toBeNull();
    // Signing out again with the old copy does not end the new session.
    await recordSignOut(caller!.id, 0);
    expect(await callerOf(fresh)).toMatchObject({ id: caller!.id });
  });

  it("lets an administrator sign a user out everywhere, and nobody else", async () => {
    const grace = { subject: "kit:grace", email: "grace@example.org", name: "Grace Hopper", groups: [] };
    const laptop = await sessionCookieAtSignIn(grace);
    const desktop = await sessionCookieAtSignIn(grace);
    const graceId = (await callerOf(laptop))!.id;
    const staff = await testUser("sam", "STAFF");
    await expect(signOutUser(staff, graceId)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await callerOf(laptop)).not.toBeNull();

    const admin = await testUser("alex", "ADMIN");
    expect(await signOutUser(admin, graceId)).toEqual({ name: "Grace Hopper" });
    expect(await callerOf(laptop)).toBeNull();
    expect(await callerOf(desktop)).toBeNull();
    const audited = await database.prisma.auditLog.findFirstOrThrow({
      where: { action: "SIGN_OUT", entityId: "kit:grace" },
    });
    expect(audited).toMatchObject({ actorName: "alex", changes: { reason: "signed out by an administrator" } });
  });

  it("ends the other sessions when the role changes at sign-in", async () => {
    const sam = { subject: "kit:sam", email: "sam@example.org", name: "Sam Staff", groups: ["beamline-staff"] };
    const asStaff = await sessionCookieAtSignIn(sam);
    const again = await sessionCookieAtSignIn(sam);
    expect(await callerOf(asStaff)).toMatchObject({ role: "STAFF" });
    expect(await callerOf(again)).toMatchObject({ role: "STAFF" });

    const demoted = await sessionCookieAtSignIn({ ...sam, groups: [] });
    expect(await callerOf(demoted)).toMatchObject({ role: "USER" });
    expect(await callerOf(asStaff)).toBeNull();
    expect(await callerOf(again)).toBeNull();
  });

  it("audits every sign-in, with the role change when there was one", async () => {
    const rows = await database.prisma.auditLog.findMany({ where: { action: "SIGN_IN", entityId: "kit:sam" } });
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row.changes)).toContainEqual({ method: "kit", role: ["STAFF", "USER"] });
  });
});
