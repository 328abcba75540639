import { describe, expect, it } from "vitest";
import type { ApiDataset } from "@/lib/datasets/api-json";
import type { PublishingConfig } from "@/lib/platform/config";
import {
  datasetDocuments,
  fileListFingerprint,
  proposalDocuments,
  sampleDocuments,
  sciCatGroups,
} from "@/lib/publishing/documents";
import { outboxRow } from "@/lib/publishing/outbox";

const settings: PublishingConfig = {
  apiUrl: "https://scicat.example.org/api/v3",
  credentials: { token: "t" },
  proposals: "opted-in",
  groups: { "proposal-2026-0042": "p2026-0042", "ufo-staff": "ufo" },
  accessGroups: ["kit-beamlines"],
  inProcessWorker: true,
};

const dataset = (extra: Partial<ApiDataset> = {}) =>
  ({
    pid: "ufo/2026-0042/scan_0001",
    datasetName: "scan",
    description: null,
    type: "raw",
    sourceFolder: "/data/scan",
    sourceFolderHost: null,
    size: 10,
    numberOfFiles: 1,
    creationTime: "2026-03-01T08:00:00.000Z",
    startTime: null,
    endTime: null,
    owner: "Ada Lovelace",
    ownerGroup: "proposal-2026-0042",
    accessGroups: ["ufo-staff"],
    contactEmail: "ada@example.org",
    keywords: [],
    techniques: [],
    scientificMetadata: { energy: { value: 20, unit: "keV" } },
    principalInvestigators: [],
    creationLocation: "/KIT/KARA/UFO",
    dataFormat: null,
    license: null,
    inputDatasets: [],
    usedSoftware: [],
    jobParameters: null,
    jobLogData: null,
    sampleId: "S-1",
    proposalId: "2026-0042",
    instrumentId: null,
    createdBy: "seed",
    createdAt: "2026-03-01T08:00:00.000Z",
    updatedAt: "2026-03-01T08:00:00.000Z",
    ...extra,
  }) as ApiDataset;

describe("the documents SciCat's DTOs take", () => {
  it("rename groups, add the configured access groups, and never list the owner group twice", () => {
    expect(sciCatGroups(settings, "proposal-2026-0042", ["ufo-staff", "p2026-0042", "other"])).toEqual({
      ownerGroup: "p2026-0042",
      accessGroups: ["ufo", "other", "kit-beamlines"],
    });
  });

  it("send a raw dataset without derived fields, nulls or SciCat's own fields, and update it without its key", () => {
    const { create, update } = datasetDocuments(settings, dataset(), "Ada Lovelace");
    expect(create).toMatchObject({
      pid: "ufo/2026-0042/scan_0001",
      type: "raw",
      principalInvestigator: "Ada Lovelace",
      creationLocation: "/KIT/KARA/UFO",
      ownerGroup: "p2026-0042",
      scientificMetadata: { energy: { value: 20, unit: "keV", unitSI: "(kg m^2) / s^2" } },
    });
    for (const key of [
      "inputDatasets",
      "investigator",
      "createdAt",
      "createdBy",
      "history",
      "description",
      "proposalIds",
    ])
      expect(create).not.toHaveProperty(key);
    expect(update).not.toHaveProperty("pid");
    expect(update).not.toHaveProperty("type");
    expect(update.datasetName).toBe("scan");
  });

  it("send a derived dataset with its inputs, software and investigator", () => {
    const { create } = datasetDocuments(
      settings,
      dataset({ type: "derived", inputDatasets: ["a"], usedSoftware: ["ufo-kit"], principalInvestigators: ["Grace"] }),
      "Ada Lovelace",
    );
    expect(create).toMatchObject({ investigator: "Grace", inputDatasets: ["a"], usedSoftware: ["ufo-kit"] });
    expect(create).not.toHaveProperty("creationLocation");
  });

  it("give a proposal SciCat's required email, and a sample its name when it has no description", () => {
    const proposal = proposalDocuments(settings, {
      proposalId: "2026-0042",
      title: "Beetles",
      pi_email: "ada@example.org",
      email: null,
      ownerGroup: "proposal-2026-0042",
      accessGroups: [],
      MeasurementPeriodList: [{ instrument: null, start: "2026-03-01T08:00:00.000Z", end: "2026-03-02T08:00:00.000Z" }],
    });
    expect(proposal.create).toMatchObject({ email: "ada@example.org", ownerGroup: "p2026-0042" });
    expect(proposal.create.MeasurementPeriodList).toEqual([
      { start: "2026-03-01T08:00:00.000Z", end: "2026-03-02T08:00:00.000Z" },
    ]);
    expect(proposal.update).not.toHaveProperty("proposalId");
    const sample = sampleDocuments(settings, {
      specimenId: "S-1",
      specimenName: "Beetle",
      description: null,
      owner: null,
      metadata: {},
      proposal: { proposalId: "2026-0042", ownerGroup: "g", accessGroups: [], piFirstname: "Ada", piLastname: null },
    });
    expect(sample.create).toMatchObject({ sampleId: "S-1", description: "Beetle", owner: "Ada", isPublished: false });
    expect(sample.update).not.toHaveProperty("sampleId");
  });

  it("recognise a datablock's files whatever form SciCat gives their times in", () => {
    const ours = [{ path: "a.tif", size: 5, time: "2026-03-01T08:00:00Z" }];
    const theirs = [{ path: "a.tif", size: 5, time: "2026-03-01T08:00:00.000Z", _id: "x", id: "x" }];
    expect(fileListFingerprint(theirs)).toBe(fileListFingerprint(ours));
    expect(fileListFingerprint([{ ...ours[0], size: 6 }])).not.toBe(fileListFingerprint(ours));
  });

  it("order a datablock and an attachment behind the record they belong to", () => {
    expect(outboxRow({ entity: "OrigDatablock", id: "b1", pid: "p/1", proposalId: "x" })).toEqual({
      entity: "OrigDatablock",
      recordKey: "b1",
      orderKey: "Dataset:p/1",
    });
    expect(
      outboxRow({ entity: "Attachment", id: "a1", owner: { entity: "Sample", key: "S-1" }, proposalId: "x" }).orderKey,
    ).toBe("Sample:S-1");
  });
});
