import { toBeamlineLocal } from "@/lib/shared/beamline-time";
import type { ProposalDetail } from "@/lib/proposals/queries";
import type { ProposalFormValues } from "./ProposalForm";

/** A stored proposal as the edit form's text fields (dates in beamline time). */
export function proposalFormValues(p: ProposalDetail): ProposalFormValues {
  return {
    proposalId: p.proposalId,
    title: p.title,
    abstract: p.abstract ?? "",
    piFirstname: p.piFirstname ?? "",
    piLastname: p.piLastname ?? "",
    piEmail: p.piEmail ?? "",
    firstname: p.firstname ?? "",
    lastname: p.lastname ?? "",
    email: p.email ?? "",
    startTime: toBeamlineLocal(p.startTime),
    endTime: toBeamlineLocal(p.endTime),
    type: p.type ?? "",
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
  abstract: "",
  piFirstname: "",
  piLastname: "",
  piEmail: "",
  firstname: "",
  lastname: "",
  email: "",
  startTime: "",
  endTime: "",
  type: "",
  status: "APPROVED",
  ownerGroup: "",
  instrumentPids: [],
  measurementPeriods: [],
  members: [],
};
