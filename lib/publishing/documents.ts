import "server-only";
import type { ApiAttachment } from "@/lib/attachments/attachments";
import type { ApiDataset } from "@/lib/datasets/api-json";
import type { PublishingConfig } from "@/lib/platform/config";
import { toSciCatDataset } from "@/lib/scicat/dataset-documents";
import type { SciCatProposal } from "@/lib/scicat/proposal-document";
import { withSIUnits } from "@/lib/scicat/si-units";

/**
 * The documents SciCat's create and update endpoints take (its DTOs refuse any field they do not
 * list, and updates refuse the key): built from the same mappings the SciCat-compatible API
 * answers with, which the conformance suite proves against SciCat.
 */

type Json = Record<string, unknown>;

/** SciCat's DTOs take a missing field, not a null one. */
const compact = (document: Json): Json =>
  Object.fromEntries(Object.entries(document).filter(([, value]) => value !== null && value !== undefined));

const without = (document: Json, ...keys: string[]): Json =>
  Object.fromEntries(Object.entries(document).filter(([key]) => !keys.includes(key)));

/** Our groups as SciCat's: renamed by SCICAT_PUBLISH_GROUPS, plus SCICAT_PUBLISH_ACCESS_GROUPS. */
export function sciCatGroups(settings: PublishingConfig, ownerGroup: string, accessGroups: readonly string[]) {
  const rename = (group: string) => settings.groups[group] ?? group;
  const owner = rename(ownerGroup);
  const access = [...new Set([...accessGroups.map(rename), ...settings.accessGroups])].filter((g) => g !== owner);
  return { ownerGroup: owner, accessGroups: access };
}

export type CreateAndUpdate = { create: Json; update: Json };

export function proposalDocuments(settings: PublishingConfig, proposal: SciCatProposal): CreateAndUpdate {
  const create = compact({
    ...proposal,
    // SciCat requires a contact email; ours may name only the PI.
    email: proposal.email ?? proposal.pi_email,
    ...sciCatGroups(settings, proposal.ownerGroup ?? "", proposal.accessGroups ?? []),
    MeasurementPeriodList: (proposal.MeasurementPeriodList ?? []).map((period) => compact(period)),
  });
  return { create, update: without(create, "proposalId") };
}

export type PublishedSample = {
  specimenId: string;
  specimenName: string;
  description: string | null;
  owner: string | null;
  metadata: unknown;
  proposal: {
    proposalId: string;
    ownerGroup: string;
    accessGroups: string[];
    piFirstname: string | null;
    piLastname: string | null;
  };
};

export function sampleDocuments(settings: PublishingConfig, sample: PublishedSample): CreateAndUpdate {
  const pi = [sample.proposal.piFirstname, sample.proposal.piLastname].filter(Boolean).join(" ");
  const create = compact({
    sampleId: sample.specimenId,
    owner: sample.owner ?? (pi || sample.proposal.ownerGroup),
    // SciCat has no sample name: the description carries it when there is no description.
    description: sample.description ?? sample.specimenName,
    sampleCharacteristics: withSIUnits(sample.metadata ?? {}),
    proposalId: sample.proposal.proposalId,
    ...sciCatGroups(settings, sample.proposal.ownerGroup, sample.proposal.accessGroups),
    isPublished: false,
  });
  return { create, update: without(create, "sampleId") };
}

/** The v3 dataset fields SciCat 4.5 takes, for every type and for each type alone. */
const datasetFields = [
  "pid",
  "owner",
  "ownerEmail",
  "orcidOfOwner",
  "contactEmail",
  "sourceFolder",
  "sourceFolderHost",
  "size",
  "numberOfFiles",
  "creationTime",
  "type",
  "validationStatus",
  "keywords",
  "description",
  "datasetName",
  "classification",
  "license",
  "isPublished",
  "techniques",
  "sharedWith",
  "relationships",
  "scientificMetadata",
  "comment",
  "dataQualityMetrics",
  "instrumentGroup",
  "runNumber",
  "instrumentId",
  "sampleId",
  "proposalId",
];
const fieldsOfType = {
  raw: ["principalInvestigator", "creationLocation", "dataFormat", "startTime", "endTime"],
  derived: ["investigator", "inputDatasets", "usedSoftware", "jobParameters", "jobLogData"],
};

/** `proposalPi`: SciCat requires an investigator; a dataset registered without one has its proposal's PI. */
export function datasetDocuments(settings: PublishingConfig, dataset: ApiDataset, proposalPi: string): CreateAndUpdate {
  const document: Json = toSciCatDataset(dataset, 3);
  document.principalInvestigator ??= proposalPi || null;
  document.investigator = document.principalInvestigator;
  const allowed = new Set([...datasetFields, ...fieldsOfType[dataset.type]]);
  const create = compact({
    ...Object.fromEntries(Object.entries(document).filter(([key]) => allowed.has(key))),
    ...sciCatGroups(settings, dataset.ownerGroup ?? "", dataset.accessGroups),
  });
  return { create, update: without(create, "pid", "type") };
}

export type PublishedDatablock = {
  size: bigint;
  chkAlg: string | null;
  dataFileList: unknown;
  dataset: { pid: string; ownerGroup: string | null; accessGroups: string[] };
};

export function datablockDocument(settings: PublishingConfig, block: PublishedDatablock): Json {
  return compact({
    datasetId: block.dataset.pid,
    size: Number(block.size),
    chkAlg: block.chkAlg,
    dataFileList: Array.isArray(block.dataFileList) ? block.dataFileList : [],
    ...sciCatGroups(settings, block.dataset.ownerGroup ?? "", block.dataset.accessGroups),
  });
}

const relationType = "is attached to";

/** A v4 attachment: it keeps our id (`aid`), so a second delivery finds the first. */
export function attachmentDocuments(settings: PublishingConfig, attachment: ApiAttachment): CreateAndUpdate {
  const [targetType, targetId] = attachment.datasetId
    ? ["dataset", attachment.datasetId]
    : attachment.sampleId
      ? ["sample", attachment.sampleId]
      : ["proposal", attachment.proposalId];
  const update = {
    caption: attachment.caption,
    thumbnail: attachment.thumbnail,
    ...sciCatGroups(settings, attachment.ownerGroup ?? "", attachment.accessGroups),
  };
  return {
    create: {
      aid: attachment.id,
      ...update,
      isPublished: false,
      relationships: [{ targetId, targetType, relationType }],
    },
    update,
  };
}

/** A datablock's files in one comparable form, to recognise the copy SciCat already holds. */
export function fileListFingerprint(files: unknown): string {
  const list = Array.isArray(files) ? (files as Json[]) : [];
  return JSON.stringify(
    list.map((file) => [
      String(file.path),
      Number(file.size),
      file.time ? new Date(String(file.time)).toISOString() : null,
      file.chk ?? null,
    ]),
  );
}
