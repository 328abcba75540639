import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/platform/db";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe(`demo data (${databaseTier()})`, () => {
  it("creates an instrument, a proposal with two trays, a dozen samples in positions and a few datasets", async () => {
    await seedDemoData(database.prisma);
    const { prisma } = database;
    const proposal = await prisma.proposal.findUniqueOrThrow({
      where: { proposalId: demo.proposalId },
      include: { trays: { include: { samples: true } }, measurementPeriods: true, members: true, instruments: true },
    });
    expect(proposal.instruments).toHaveLength(1);
    expect(proposal.trays).toHaveLength(2);
    expect(proposal.measurementPeriods).toHaveLength(2);
    const samples = proposal.trays.flatMap((tray) => tray.samples);
    expect(samples).toHaveLength(12);
    expect(samples.every((sample) => sample.position !== null)).toBe(true);
    expect(await prisma.dataset.count({ where: { proposalId: proposal.id } })).toBe(3);
  });

  it("is idempotent", async () => {
    const { prisma } = database;
    const before = await Promise.all([
      prisma.proposal.count(),
      prisma.tray.count(),
      prisma.sample.count(),
      prisma.dataset.count(),
    ]);
    await seedDemoData(prisma);
    await seedDemoData(prisma);
    const after = await Promise.all([
      prisma.proposal.count(),
      prisma.tray.count(),
      prisma.sample.count(),
      prisma.dataset.count(),
    ]);
    expect(after).toEqual(before);
    expect(after).toEqual([1, 2, 12, 3]);
  });
});
