import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateWithLdap, signInWithLdapPassword } from "@/lib/auth/ldap";
import { credentialLimits } from "@/lib/auth/rate-limit";
import { TooManyRequestsError } from "@/lib/shared/errors";
import type { LdapConfig } from "@/lib/platform/config";
import type { Database } from "@/lib/platform/db";
import { recordSignIn } from "@/lib/auth/users";
import { createTestDatabase, databaseTier } from "../support/database";
import { startSlapd, type Slapd } from "../support/slapd";

let slapd: Slapd;
let database: Database;
let settings: LdapConfig;

beforeAll(async () => {
  [slapd, database] = await Promise.all([
    startSlapd([
      {
        uid: "ada",
        password: "analytical-engine",
        name: "Ada Lovelace",
        mail: "Ada.Lovelace@example.org",
        groups: ["users"],
      },
      {
        uid: "sam",
        password: "beam-on",
        name: "Sam Staff",
        mail: "sam.staff@example.org",
        groups: ["users", "beamline-staff"],
      },
      {
        uid: "alex",
        password: "root-of-trust",
        name: "Alex Admin",
        mail: "alex.admin@example.org",
        groups: ["registry-admins"],
      },
    ]),
    createTestDatabase(),
  ]);
  settings = {
    name: "LDAP",
    url: slapd.url,
    bindDn: slapd.adminDn,
    bindPassword: slapd.adminPassword,
    searchBase: `ou=people,${slapd.baseDn}`,
    userFilter: "(uid={username})",
    groupsAttribute: "memberOf",
    emailAttribute: "mail",
    nameAttribute: "displayName",
  };
});
afterAll(async () => {
  await slapd?.stop();
  await database?.close();
});

const roleGroups = { staff: ["beamline-staff"], admin: ["registry-admins"] };

describe(`LDAP sign-in against slapd (${databaseTier()})`, () => {
  it("accepts the right password and reads name, email and groups", async () => {
    expect(await authenticateWithLdap(settings, "sam", "beam-on")).toEqual({
      subject: "ldap:sam",
      email: "sam.staff@example.org",
      name: "Sam Staff",
      groups: expect.arrayContaining(["users", "beamline-staff"]),
    });
  });

  it("refuses a wrong password, an unknown user, an empty password and filter tricks", async () => {
    expect(await authenticateWithLdap(settings, "sam", "wrong")).toBeNull();
    expect(await authenticateWithLdap(settings, "nobody", "beam-on")).toBeNull();
    expect(await authenticateWithLdap(settings, "sam", "")).toBeNull();
    expect(await authenticateWithLdap(settings, "*", "beam-on")).toBeNull();
    expect(await authenticateWithLdap(settings, "sam)(uid=*", "beam-on")).toBeNull();
  });

  it("searches anonymously when no service account is configured", async () => {
    const anonymousSearch = { ...settings, bindDn: undefined, bindPassword: undefined };
    expect(await authenticateWithLdap(anonymousSearch, "ada", "analytical-engine")).toMatchObject({
      subject: "ldap:ada",
    });
  });

  it("maps groups to roles at sign-in", async () => {
    for (const [uid, password, role] of [
      ["ada", "analytical-engine", "USER"],
      ["sam", "beam-on", "STAFF"],
      ["alex", "root-of-trust", "ADMIN"],
    ] as const) {
      const profile = await authenticateWithLdap(settings, uid, password);
      expect(profile).not.toBeNull();
      const caller = await recordSignIn(profile!, roleGroups);
      expect(caller.role).toBe(role);
    }
    const ada = await database.prisma.user.findUniqueOrThrow({ where: { subject: "ldap:ada" } });
    expect(ada.email).toBe("ada.lovelace@example.org");
    expect(ada.lastSignInAt).toBeInstanceOf(Date);
  });

  it("fails loudly, not as a wrong password, when the directory is unreachable", async () => {
    await expect(authenticateWithLdap({ ...settings, url: "ldap://127.0.0.1:1" }, "sam", "beam-on")).rejects.toThrow();
  });

  it("locks a user name out for the client that guessed it, not for the user elsewhere, and audits the failures", async () => {
    const { failures } = credentialLimits.perAccountAndClient;
    for (let attempt = 0; attempt < failures; attempt++)
      expect(
        await signInWithLdapPassword(settings, attempt % 2 ? "Ada" : "ada", `guess-${attempt}`, "203.0.113.5"),
      ).toBeNull();
    // Refused without asking the directory, even with the right password (a lock is no oracle).
    await expect(signInWithLdapPassword(settings, "ada", "analytical-engine", "203.0.113.5")).rejects.toBeInstanceOf(
      TooManyRequestsError,
    );
    expect(await signInWithLdapPassword(settings, "ada", "analytical-engine", "198.51.100.8")).toMatchObject({
      subject: "ldap:ada",
    });
    const audited = await database.prisma.auditLog.findMany({
      where: { action: "SIGN_IN_FAILED", entityId: "ldap:ada" },
    });
    expect(audited).toHaveLength(failures);
    expect(audited[0]).toMatchObject({ actorName: "anonymous", changes: { method: "ldap", client: "203.0.113.5" } });
    expect(JSON.stringify(audited)).not.toContain("guess-");
  });

  it("does not count an unreachable directory as a failed attempt", async () => {
    const down = { ...settings, url: "ldap://127.0.0.1:1" };
    for (let attempt = 0; attempt < credentialLimits.perAccountAndClient.failures + 1; attempt++)
      await expect(signInWithLdapPassword(down, "sam", "beam-on", "192.0.2.77")).rejects.not.toBeInstanceOf(
        TooManyRequestsError,
      );
    expect(await signInWithLdapPassword(settings, "sam", "beam-on", "192.0.2.77")).toMatchObject({
      subject: "ldap:sam",
    });
  });
});
