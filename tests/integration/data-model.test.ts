import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/platform/db";
import { demo, seedDemoData } from "@/lib/platform/seed";
import { createTestDatabase, databaseTier } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
});
afterAll(() => database.close());

const uniqueViolation = { code: "P2002" };
const restrictViolation = /Foreign key constraint|P2003|violates RESTRICT|P2014/;

describe(`data model rules (${databaseTier()})`, () => {
  it("keeps human IDs unique", async () => {
    const { prisma } = database;
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { proposalId: demo.proposalId } });
    await expect(
      prisma.sample.create({
        data: { specimenId: "S-DEMO-01", specimenName: "x", qrCodeLabel: "x", proposalId: proposal.id },
      }),
    ).rejects.toMatchObject(uniqueViolation);
    await expect(
      prisma.tray.create({
        data: { trayId: demo.trayIds[0], name: "x", rows: 1, columns: 1, proposalId: proposal.id },
      }),
    ).rejects.toMatchObject(uniqueViolation);
  });

  it("allows one sample per tray position, and any number of samples outside trays", async () => {
    const { prisma } = database;
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { proposalId: demo.proposalId } });
    const tray = await prisma.tray.findUniqueOrThrow({ where: { trayId: demo.trayIds[0] } });
    await expect(
      prisma.sample.create({
        data: {
          specimenId: "S-TAKEN",
          specimenName: "x",
          qrCodeLabel: "x",
          proposalId: proposal.id,
          trayId: tray.id,
          position: 1,
        },
      }),
    ).rejects.toMatchObject(uniqueViolation);
    await prisma.sample.createMany({
      data: ["S-LOOSE-1", "S-LOOSE-2"].map((specimenId) => ({
        specimenId,
        specimenName: specimenId,
        qrCodeLabel: specimenId,
        proposalId: proposal.id,
      })),
    });
    expect(await prisma.sample.count({ where: { trayId: null } })).toBe(2);
  });

  it("never deletes scientific data as a side effect", async () => {
    const { prisma } = database;
    await expect(prisma.sample.delete({ where: { specimenId: "S-DEMO-01" } })).rejects.toThrow(restrictViolation);
    await expect(prisma.tray.delete({ where: { trayId: demo.trayIds[0] } })).rejects.toThrow(restrictViolation);
    await expect(prisma.proposal.delete({ where: { proposalId: demo.proposalId } })).rejects.toThrow(restrictViolation);
    await expect(prisma.instrument.delete({ where: { pid: demo.instrumentPid } })).rejects.toThrow(restrictViolation);
    expect(await prisma.dataset.count()).toBe(3);
    expect(await prisma.sample.count({ where: { specimenId: { startsWith: "S-DEMO-" } } })).toBe(12);
  });

  it("removes the parts of a record with it: events of a sample, periods and members of a proposal", async () => {
    const { prisma } = database;
    const proposal = await prisma.proposal.create({
      data: {
        proposalId: "2026-9999",
        title: "Throw-away",
        ownerGroup: "g",
        members: { create: [{ email: "a@example.org" }] },
        measurementPeriods: { create: [{ start: new Date(), end: new Date() }] },
        samples: { create: [{ specimenId: "S-GONE", specimenName: "gone", qrCodeLabel: "gone" }] },
      },
    });
    const sample = await prisma.sample.findUniqueOrThrow({ where: { specimenId: "S-GONE" } });
    await prisma.sampleEvent.create({ data: { sampleId: sample.id, kind: "received", actorName: "test" } });
    await prisma.sample.delete({ where: { id: sample.id } });
    expect(await prisma.sampleEvent.count({ where: { sampleId: sample.id } })).toBe(0);
    await prisma.proposal.delete({ where: { id: proposal.id } });
    expect(await prisma.proposalMember.count({ where: { proposalId: proposal.id } })).toBe(0);
    expect(await prisma.measurementPeriod.count({ where: { proposalId: proposal.id } })).toBe(0);
  });

  it("stores free-form metadata as JSON that can be queried", async () => {
    const { prisma } = database;
    const found = await prisma.sample.findMany({
      where: { metadata: { path: ["stage"], equals: "pupa" } },
      select: { specimenId: true },
    });
    expect(found).toHaveLength(6);
    const dataset = await prisma.dataset.findFirstOrThrow({
      where: { scientificMetadata: { path: ["energy", "unit"], equals: "keV" } },
    });
    expect(dataset.size).toBeTypeOf("bigint");
  });
});
