import "server-only";
import { positionLabel } from "@/lib/shared/tray-positions";
import type { TrayDetail } from "./queries";

/** A tray with its samples and their positions, as the API answers. */
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
