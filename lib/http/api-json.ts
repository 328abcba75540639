import "server-only";
import { bytesToJson, type datasetListing } from "@/lib/datasets/datasets";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProposalDetail, ProposalSummary } from "@/lib/proposals/proposals";
import { positionLabel } from "@/lib/shared/tray-positions";
import type { SampleDetail } from "@/lib/samples/samples";
import type { getTray } from "@/lib/trays/trays";

type TrayDetail = Awaited<ReturnType<typeof getTray>>;

/** JSON of the API: human IDs only, dates as ISO, sizes as numbers; never database keys. */
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/** A dataset as proposals and samples list it (lib/datasets datasetListing). */
function toApiDatasetListing(dataset: Prisma.DatasetGetPayload<typeof datasetListing>) {
  return {
    pid: dataset.pid,
    datasetName: dataset.datasetName,
    creationTime: iso(dataset.creationTime),
    size: bytesToJson(dataset.size),
    numberOfFiles: dataset.numberOfFiles,
    sourceFolder: dataset.sourceFolder,
  };
}

export function toApiProposalSummary(proposal: ProposalSummary) {
  return {
    proposalId: proposal.proposalId,
    title: proposal.title,
    pi_firstname: proposal.piFirstname,
    pi_lastname: proposal.piLastname,
    startTime: iso(proposal.startTime),
    endTime: iso(proposal.endTime),
    status: proposal.status,
    counts: proposal._count,
  };
}

export function toApiProposal(proposal: ProposalDetail) {
  return {
    proposalId: proposal.proposalId,
    title: proposal.title,
    abstract: proposal.abstract,
    description: proposal.description,
    pi_email: proposal.piEmail,
    pi_firstname: proposal.piFirstname,
    pi_lastname: proposal.piLastname,
    email: proposal.email,
    firstname: proposal.firstname,
    lastname: proposal.lastname,
    startTime: iso(proposal.startTime),
    endTime: iso(proposal.endTime),
    type: proposal.type,
    status: proposal.status,
    ownerGroup: proposal.ownerGroup,
    accessGroups: proposal.accessGroups,
    instrumentIds: proposal.instruments.map((entry) => entry.instrument.pid),
    metadata: proposal.metadata,
    measurementPeriods: proposal.measurementPeriods.map((period) => ({
      instrumentId: period.instrument?.pid ?? null,
      start: iso(period.start),
      end: iso(period.end),
      comment: period.comment,
    })),
    members: proposal.members.map((member) => ({ email: member.email, role: member.role })),
    trays: proposal.trays.map((tray) => ({
      trayId: tray.trayId,
      name: tray.name,
      rows: tray.rows,
      columns: tray.columns,
      samples: tray.samples.length,
    })),
    samples: proposal.samples.map((sample) => ({
      sampleId: sample.specimenId,
      specimenName: sample.specimenName,
      status: sample.status,
      trayId: sample.tray?.trayId ?? null,
      position: sample.tray && sample.position ? positionLabel(sample.tray, sample.position) : null,
      datasets: sample._count.datasets,
    })),
    datasets: proposal.datasets.map((dataset) => ({
      ...toApiDatasetListing(dataset),
      sampleId: dataset.sample?.specimenId ?? null,
    })),
  };
}

/** A sample (SciCat Sample: `sampleId` is our specimenId), with its place, datasets and history. */
export function toApiSample(sample: SampleDetail) {
  return {
    sampleId: sample.specimenId,
    specimenName: sample.specimenName,
    qrCodeLabel: sample.qrCodeLabel,
    description: sample.description,
    status: sample.status,
    metadata: sample.metadata,
    proposalId: sample.proposal.proposalId,
    proposalTitle: sample.proposal.title,
    trayId: sample.tray?.trayId ?? null,
    position: sample.tray && sample.position ? positionLabel(sample.tray, sample.position) : null,
    datasets: sample.datasets.map(toApiDatasetListing),
    events: sample.events.map((event) => ({
      kind: event.kind,
      actorName: event.actorName,
      location: event.location,
      note: event.note,
      createdAt: iso(event.createdAt),
    })),
    createdAt: iso(sample.createdAt),
    updatedAt: iso(sample.updatedAt),
  };
}

export function toApiTray(tray: TrayDetail) {
  return {
    trayId: tray.trayId,
    name: tray.name,
    rows: tray.rows,
    columns: tray.columns,
    metadata: tray.metadata,
    proposalId: tray.proposal.proposalId,
    proposalTitle: tray.proposal.title,
    samples: tray.samples.map((sample) => ({
      sampleId: sample.specimenId,
      specimenName: sample.specimenName,
      status: sample.status,
      position: sample.position ? positionLabel(tray, sample.position) : null,
    })),
  };
}
