import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/shared/errors";
import { getProposal, listProposals } from "@/lib/proposals/queries";
import { userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  const base = { title: "t", members: undefined };
  await database.prisma.proposal.createMany({
    data: [
      { ...base, proposalId: "2026-0001", ownerGroup: "group-a", accessGroups: [] },
      { ...base, proposalId: "2026-0002", ownerGroup: "group-b", accessGroups: ["group-a-readers"] },
      { ...base, proposalId: "2026-0003", ownerGroup: "group-c", accessGroups: [] },
    ],
  });
  const third = await database.prisma.proposal.findUniqueOrThrow({ where: { proposalId: "2026-0003" } });
  await database.prisma.proposalMember.create({ data: { proposalId: third.id, email: "invited@example.org" } });
});
afterAll(() => database.close());

const visible = async (caller: Awaited<ReturnType<typeof userCaller>>) =>
  (await listProposals(caller)).map((p) => p.proposalId);

describe(`which proposals a user sees (${databaseTier()})`, () => {
  it("follows ownerGroup, accessGroups and membership by email", async () => {
    expect(await visible(await userCaller("owner", "USER", { groups: ["group-a"] }))).toEqual(["2026-0001"]);
    expect(await visible(await userCaller("reader", "USER", { groups: ["group-a-readers"] }))).toEqual(["2026-0002"]);
    expect(await visible(await userCaller("invited", "USER", { email: "invited@example.org" }))).toEqual(["2026-0003"]);
    expect(await visible(await userCaller("nobody", "USER", { groups: ["unrelated"] }))).toEqual([]);
    expect(await visible(await userCaller("staff", "STAFF"))).toEqual(["2026-0001", "2026-0002", "2026-0003"]);
  });

  it("answers the same not-found for a proposal that exists but is not yours as for one that does not exist", async () => {
    const nobody = await userCaller("nobody");
    const hidden = await getProposal(nobody, "2026-0001").catch((error: unknown) => error);
    const missing = await getProposal(nobody, "2099-9999").catch((error: unknown) => error);
    expect(hidden).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((hidden as Error).message.replace("2026-0001", "X")).toBe(
      (missing as Error).message.replace("2099-9999", "X"),
    );
  });
});
