import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/platform/db";
import { getProposal } from "@/lib/proposals/queries";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { recordSignIn, userCaller } from "@/lib/auth/users";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
});
afterAll(() => database.close());

const roleGroups = { staff: ["beamline-staff"], admin: ["registry-admins"] };

describe(`sign-in bookkeeping (${databaseTier()})`, () => {
  it("creates the user at first sign-in and derives the role from the groups every time", async () => {
    const profile = {
      subject: "kit:abc-123",
      email: "Sam.Staff@KIT.edu",
      name: "Sam Staff",
      groups: ["beamline-staff"],
    };
    const first = await recordSignIn(profile, roleGroups);
    expect(first).toMatchObject({ kind: "user", role: "STAFF", email: "sam.staff@kit.edu", name: "Sam Staff" });

    const demoted = await recordSignIn({ ...profile, groups: [] }, roleGroups);
    expect(demoted).toMatchObject({ id: first.id, role: "USER", groups: [] });
    const promoted = await recordSignIn({ ...profile, groups: ["registry-admins"] }, roleGroups);
    expect(promoted.role).toBe("ADMIN");
    expect(await database.prisma.user.count({ where: { subject: "kit:abc-123" } })).toBe(1);
    // Each role change ended the sessions opened before it (tests/integration/sessions.test.ts).
    expect(await userCaller(first.id, first.sessionVersion)).toBeNull();
    expect((await userCaller(first.id, promoted.sessionVersion))?.role).toBe("ADMIN");
  });

  it("links proposal invitations sent to the user's email at sign-in", async () => {
    const ada = await recordSignIn(
      { subject: "kit:ada", email: "ada.lovelace@example.org", name: "Ada Lovelace", groups: [] },
      roleGroups,
    );
    const member = await database.prisma.proposalMember.findFirstOrThrow({
      where: { email: "ada.lovelace@example.org" },
    });
    expect(member.userId).toBe(ada.id);
    expect((await getProposal(ada, demo.proposalId)).proposalId).toBe(demo.proposalId);
  });

  it("moves an email address to the account that signs in with it", async () => {
    await recordSignIn({ subject: "ldap:old", email: "moved@example.org", name: "Old", groups: [] }, roleGroups);
    const fresh = await recordSignIn(
      { subject: "kit:new", email: "moved@example.org", name: "New", groups: [] },
      roleGroups,
    );
    expect(fresh.email).toBe("moved@example.org");
    expect((await database.prisma.user.findUniqueOrThrow({ where: { subject: "ldap:old" } })).email).toBeNull();
  });

  it("signs out a session whose account is gone", async () => {
    expect(await userCaller("no-such-id")).toBeNull();
  });
});
