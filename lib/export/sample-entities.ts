import "server-only";
import { countOf } from "@/lib/shared/format";
import { samplePath } from "@/lib/shared/page-paths";
import { trayPayload } from "@/lib/shared/qr-payloads";
import { positionLabel } from "@/lib/shared/tray-positions";
import { type CrateBuilder, type Ref, refs } from "./crate-builder";
import type { ProposalExport } from "./eln-records";
import { addRecord, addRecordJson, type RecordFolder } from "./record-entities";

type Tray = ProposalExport["proposal"]["trays"][number];
type Sample = ProposalExport["proposal"]["samples"][number];

export type SampleFolder = RecordFolder & { subjectOf: Ref[] };

export type SampleContext = { appUrl: string; proposalId: string; proposal: RecordFolder; pi: Ref | undefined };

/** A tray as a record: its layout and metadata; its samples are added to its `hasPart` as they come. */
export function addTray(crate: CrateBuilder, context: SampleContext, folderName: string, tray: Tray): RecordFolder {
  const path = `trays/${folderName}/`;
  const folder = addRecord(crate, path, {
    name: tray.name,
    identifier: tray.trayId,
    genre: "tray",
    dateCreated: tray.createdAt,
    dateModified: tray.updatedAt,
    author: context.pi,
    description: `Tray ${tray.trayId}: ${tray.rows} × ${tray.columns} positions, ${countOf(tray.samples.length, "sample")}`,
    isPartOf: context.proposal.ref,
    url: trayPayload(context.appUrl, tray.trayId),
  });
  const json = {
    trayId: tray.trayId,
    name: tray.name,
    rows: tray.rows,
    columns: tray.columns,
    metadata: tray.metadata,
    proposalId: context.proposalId,
    samples: tray.samples.map((sample) => ({
      sampleId: sample.specimenId,
      specimenName: sample.specimenName,
      status: sample.status,
      position: sample.position ? positionLabel(tray, sample.position) : null,
    })),
    createdAt: tray.createdAt.toISOString(),
    updatedAt: tray.updatedAt.toISOString(),
  };
  addRecordJson(crate, folder, "tray.json", json, tray);
  const { rows, columns, metadata } = json;
  folder.entity.variableMeasured = crate.propertyValues(path, { rows, columns, metadata });
  return folder;
}

/**
 * A sample as a record: its place (its tray in `isPartOf`, the position's label in `position`),
 * its status, and its metadata (SciCat's sampleCharacteristics). Its datasets are added to its
 * `subjectOf` as they come.
 */
export function addSample(
  crate: CrateBuilder,
  context: SampleContext,
  folderName: string,
  sample: Sample,
  tray: RecordFolder | undefined,
): SampleFolder {
  const path = `samples/${folderName}/`;
  const position = sample.tray && sample.position ? positionLabel(sample.tray, sample.position) : null;
  const place = sample.tray ? `, tray ${sample.tray.trayId}${position ? ` position ${position}` : ""}` : "";
  const subjectOf: Ref[] = [];
  const folder = addRecord(crate, path, {
    name: sample.specimenName,
    identifier: sample.specimenId,
    genre: "sample",
    dateCreated: sample.createdAt,
    dateModified: sample.updatedAt,
    author: crate.person(sample.owner, null) ?? context.pi,
    text: sample.description,
    description: `Sample ${sample.specimenId} of proposal ${context.proposalId}${place}, ${sample.status.toLowerCase()}`,
    creativeWorkStatus: sample.status,
    position,
    isPartOf: refs([context.proposal.ref, tray?.ref]),
    subjectOf,
    url: `${context.appUrl}${samplePath(context.proposalId, sample.specimenId)}`,
  });
  const json = {
    sampleId: sample.specimenId,
    specimenName: sample.specimenName,
    qrCodeLabel: sample.qrCodeLabel,
    description: sample.description,
    status: sample.status,
    owner: sample.owner,
    metadata: sample.metadata,
    proposalId: context.proposalId,
    trayId: sample.tray?.trayId ?? null,
    position,
    createdAt: sample.createdAt.toISOString(),
    updatedAt: sample.updatedAt.toISOString(),
  };
  addRecordJson(crate, folder, "sample.json", json, sample);
  const { qrCodeLabel, owner, trayId, metadata } = json;
  folder.entity.variableMeasured = crate.propertyValues(path, { qrCodeLabel, owner, trayId, metadata });
  return { ...folder, subjectOf };
}
