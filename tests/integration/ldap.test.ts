import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateWithLdap } from "@/lib/auth/ldap";
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
});
