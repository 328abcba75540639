import { toBeamlineLocal } from "@/lib/shared/beamline-time";
import type { ProposalDetail } from "@/lib/proposals/queries";
import { proposalTexts } from "@/lib/schemas/proposal";
import type { ProposalFormValues } from "./ProposalForm";

/** A stored proposal as the edit form's text fields (dates in beamline time). */
export function proposalFormValues(p: ProposalDetail): ProposalFormValues {
  return {
    proposalId: p.proposalId,
    title: p.title,
    ...proposalTexts(p, ""),
    startTime: toBeamlineLocal(p.startTime),
    endTime: toBeamlineLocal(p.endTime),
    status: p.status,
    ownerGroup: p.ownerGroup,
    instrumentPids: p.instruments.map((link) => link.instrument.pid),
    measurementPeriods: p.measurementPeriods.map((period) => ({
      instrumentPid: period.instrument?.pid ?? "",
      start: toBeamlineLocal(period.start),
      end: toBeamlineLocal(period.end),
      comment: period.comment ?? "",
    })),
    members: p.members.map((member) => ({ email: member.email, role: member.role })),
  };
}

export const emptyProposalFormValues: ProposalFormValues = {
  proposalId: "",
  title: "",
  ...proposalTexts({}, ""),
  startTime: "",
  endTime: "",
  status: "APPROVED",
  ownerGroup: "",
  instrumentPids: [],
  measurementPeriods: [],
  members: [],
};
