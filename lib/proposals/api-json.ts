import "server-only";
import type { ProposalDetail, ProposalSummary } from "./queries";
import { positionLabel } from "@/lib/shared/tray-positions";
import { toApiDatasetListing } from "@/lib/datasets/listing";
import { isoOrNull as iso } from "@/lib/shared/format";

/** What the API answers for a proposal: SciCat's field names, human IDs only, dates as ISO; never database keys. */
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
