import { toBeamlineLocal } from "@/lib/beamline-time";
import type { ProposalFormValues } from "./ProposalForm";

type StoredProposal = {
  proposalId: string;
  title: string;
  abstract: string | null;
  piFirstname: string | null;
  piLastname: string | null;
  piEmail: string | null;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
  startTime: Date | null;
  endTime: Date | null;
  type: string | null;
  status: ProposalFormValues["status"];
  ownerGroup: string;
  instruments: { instrument: { pid: string } }[];
  measurementPeriods: { start: Date; end: Date; comment: string | null; instrument: { pid: string } | null }[];
  members: { email: string; role: ProposalFormValues["members"][number]["role"] }[];
};

/** A stored proposal as the edit form's text fields (dates in beamline time). */
export function proposalFormValues(p: StoredProposal): ProposalFormValues {
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
