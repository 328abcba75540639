import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserCaller } from "@/lib/auth/caller";
import type { Database } from "@/lib/platform/db";
import { NotFoundError } from "@/lib/shared/errors";
import { getProposal, listProposals, listUpcomingBeamtimes } from "@/lib/proposals/queries";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
let staff: UserCaller;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  staff = await userCaller("staff", "STAFF");
});
afterAll(() => database.close());

describe(`proposal reads (${databaseTier()})`, () => {
  it("lists proposals with their counts", async () => {
    const proposals = await listProposals(staff);
    expect(proposals).toEqual([
      expect.objectContaining({ proposalId: demo.proposalId, _count: { samples: 12, trays: 2, datasets: 3 } }),
    ]);
  });

  it("loads one proposal with trays, samples by position, datasets and members", async () => {
    const proposal = await getProposal(staff, demo.proposalId);
    expect(proposal.trays.map((tray) => [tray.trayId, tray.samples.length])).toEqual([
      ["T-DEMO-A", 6],
      ["T-DEMO-B", 6],
    ]);
    expect(proposal.samples).toHaveLength(12);
    expect(proposal.datasets).toHaveLength(3);
    expect(proposal.members.map((member) => member.role)).toEqual(["PI", "MEMBER"]);
  });

  it("lists beamtimes that have not ended as upcoming", async () => {
    expect((await listUpcomingBeamtimes(staff)).map((p) => p.proposalId)).toEqual([demo.proposalId]);
    expect(await listUpcomingBeamtimes(staff, new Date(Date.now() + 365 * 24 * 3600 * 1000))).toEqual([]);
  });

  it("answers not found for an unknown proposal", async () => {
    await expect(getProposal(staff, "1999-0001")).rejects.toBeInstanceOf(NotFoundError);
  });
});
