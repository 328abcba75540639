import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Demo data for a newcomer's first start: one instrument, one proposal with two trays, a dozen
 * samples in positions and a few datasets. Idempotent: every record is upserted by its human ID.
 */
export const demo = {
  instrumentPid: "KIT/KARA/UFO",
  proposalId: "2026-0042",
  trayIds: ["T-DEMO-A", "T-DEMO-B"],
} as const;

const day = 24 * 60 * 60 * 1000;

export async function seedDemoData(
  prisma: PrismaClient,
  now = new Date(),
): Promise<{ samples: number; datasets: number }> {
  const beamtimeStart = new Date(Math.floor(now.getTime() / day) * day + 2 * day + 8 * 60 * 60 * 1000);
  const beamtimeEnd = new Date(beamtimeStart.getTime() + 3 * day);

  return prisma.$transaction(async (tx) => {
    const instrument = await tx.instrument.upsert({
      where: { pid: demo.instrumentPid },
      update: {},
      create: {
        pid: demo.instrumentPid,
        uniqueName: "ufo",
        name: "UFO imaging beamline (KARA)",
        customMetadata: { facility: "KIT KARA", techniques: ["micro-CT", "laminography", "radiography"] },
      },
    });

    const proposalData = {
      title: "In-situ micro-CT of insect development in amber and resin",
      abstract:
        "Time-resolved synchrotron X-ray micro-tomography of insect pupae and fossil inclusions, to follow metamorphosis non-destructively.",
      piEmail: "ada.lovelace@example.org",
      piFirstname: "Ada",
      piLastname: "Lovelace",
      email: "marie.curie@example.org",
      firstname: "Marie",
      lastname: "Curie",
      startTime: beamtimeStart,
      endTime: beamtimeEnd,
      type: "Default Proposal",
      ownerGroup: "proposal-2026-0042",
      accessGroups: ["ufo-staff"],
      status: "SCHEDULED" as const,
      metadata: { beamtimeHours: 72, safety: { biological: false, cryo: true }, funding: "DFG" },
    };
    const proposal = await tx.proposal.upsert({
      where: { proposalId: demo.proposalId },
      update: {},
      create: {
        proposalId: demo.proposalId,
        ...proposalData,
        instruments: { create: [{ instrumentId: instrument.id }] },
        measurementPeriods: {
          create: [
            {
              instrumentId: instrument.id,
              start: beamtimeStart,
              end: new Date(beamtimeStart.getTime() + day),
              comment: "Alignment and first scans",
            },
            {
              instrumentId: instrument.id,
              start: new Date(beamtimeStart.getTime() + 2 * day),
              end: beamtimeEnd,
              comment: "Time series",
            },
          ],
        },
        members: {
          create: [
            { email: "ada.lovelace@example.org", role: "PI" },
            { email: "marie.curie@example.org", role: "MEMBER" },
          ],
        },
      },
    });

    const trays = [
      { trayId: demo.trayIds[0], name: "Pupae, series 1", rows: 1, columns: 8 },
      { trayId: demo.trayIds[1], name: "Amber inclusions", rows: 4, columns: 6 },
    ];
    // One query at a time: a transaction is one connection, and pg refuses overlapping queries on it.
    const trayRecords: { id: string }[] = [];
    for (const tray of trays) {
      trayRecords.push(
        await tx.tray.upsert({
          where: { trayId: tray.trayId },
          update: {},
          create: { ...tray, proposalId: proposal.id },
        }),
      );
    }

    const samples = Array.from({ length: 12 }, (_, index) => {
      const number = String(index + 1).padStart(2, "0");
      const inFirstTray = index < 6;
      const name = inFirstTray ? `Pupa day ${index + 1}` : `Amber piece ${index - 5}`;
      return {
        specimenId: `S-DEMO-${number}`,
        specimenName: name,
        qrCodeLabel: name,
        description: inFirstTray ? "Tenebrio molitor pupa, fixed in ethanol" : "Baltic amber with arthropod inclusion",
        trayId: trayRecords[inFirstTray ? 0 : 1].id,
        position: inFirstTray ? index + 1 : (index - 6) * 2 + 1,
        metadata: inFirstTray
          ? { stage: "pupa", dayAfterPupation: index + 1 }
          : { origin: "Baltic", mass_mg: 120 + index * 7 },
        status: index < 3 ? ("MEASURED" as const) : ("REGISTERED" as const),
      };
    });
    const sampleRecords: { id: string; specimenId: string; specimenName: string }[] = [];
    for (const sample of samples) {
      sampleRecords.push(
        await tx.sample.upsert({
          where: { specimenId: sample.specimenId },
          update: {},
          create: { ...sample, proposalId: proposal.id },
        }),
      );
    }

    const datasets = sampleRecords.slice(0, 3).map((sample, index) => {
      const scan = `scan_${String(index + 1).padStart(4, "0")}`;
      const start = new Date(beamtimeStart.getTime() + index * 45 * 60 * 1000);
      return {
        pid: `demo/${demo.proposalId}/${scan}`,
        datasetName: `${sample.specimenName} ${scan}`,
        sourceFolder: `/beamline/ufo/2026-0042/${sample.specimenId}/${scan}`,
        sourceFolderHost: "ufo-storage.kit.edu",
        size: BigInt(4_200_000_000 + index * 150_000_000),
        numberOfFiles: 3001,
        creationTime: start,
        startTime: start,
        endTime: new Date(start.getTime() + 20 * 60 * 1000),
        owner: "Ada Lovelace",
        principalInvestigators: ["Ada Lovelace"],
        creationLocation: "/KIT/KARA/UFO",
        contactEmail: "ada.lovelace@example.org",
        ownerGroup: proposal.ownerGroup,
        keywords: ["micro-CT", "in-situ"],
        techniques: [{ name: "micro-CT", pid: "http://purl.org/pan-science/PaNET/PaNET01104" }],
        scientificMetadata: {
          energy: { value: 20, unit: "keV" },
          exposure_time: { value: 0.05, unit: "s" },
          number_of_projections: 3000,
          pixel_size: { value: 1.22, unit: "µm" },
        },
        createdBy: "seed",
        proposalId: proposal.id,
        sampleId: sample.id,
        instrumentId: instrument.id,
      };
    });
    for (const dataset of datasets) {
      await tx.dataset.upsert({ where: { pid: dataset.pid }, update: {}, create: dataset });
    }
    return { samples: sampleRecords.length, datasets: datasets.length };
  });
}
