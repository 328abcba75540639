import "server-only";
import { positionLabel } from "@/lib/shared/tray-positions";
import type { SampleDetail } from "./queries";
import { isoOrNull as iso } from "@/lib/shared/format";
import { toApiDatasetListing } from "@/lib/datasets/listing";

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
