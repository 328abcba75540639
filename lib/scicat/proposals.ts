import "server-only";
import type { Caller } from "@/lib/auth/permissions";
import { getProposal, updateProposal } from "@/lib/proposals/proposals";
import type { ProposalInput } from "../schemas/proposal";
import {
  exportSciCatProposal,
  importSciCatProposal,
  proposalInputFromSciCat,
  type SciCatProposal,
  toSciCatProposal,
} from "./proposal-document";

/** `POST Proposals`: the SciCat import, as from the proposal page. */
export async function createSciCatProposal(caller: Caller, document: unknown) {
  return toSciCatProposal(await importSciCatProposal(caller, JSON.stringify(document)));
}

export const getSciCatProposal = exportSciCatProposal;

/** Which native fields each SciCat field sets, for a partial update. */
const nativeFieldOf: Record<string, keyof ProposalInput> = {
  title: "title",
  abstract: "abstract",
  pi_email: "piEmail",
  pi_firstname: "piFirstname",
  pi_lastname: "piLastname",
  email: "email",
  firstname: "firstname",
  lastname: "lastname",
  startTime: "startTime",
  endTime: "endTime",
  type: "type",
  ownerGroup: "ownerGroup",
  accessGroups: "accessGroups",
  instrumentIds: "instrumentPids",
  MeasurementPeriodList: "measurementPeriods",
  metadata: "metadata",
};

/**
 * `PATCH Proposals/{proposalId}`: the SciCat fields sent replace the stored ones; what SciCat does
 * not know (members, description, status) stays. The whole proposal then goes through
 * updateProposal, with its validation and authorization.
 */
export async function updateSciCatProposal(caller: Caller, proposalId: string, document: unknown) {
  const current = await getProposal(caller, proposalId);
  const stored: ProposalInput = {
    proposalId: current.proposalId,
    title: current.title,
    abstract: current.abstract ?? undefined,
    description: current.description ?? undefined,
    piFirstname: current.piFirstname ?? undefined,
    piLastname: current.piLastname ?? undefined,
    piEmail: current.piEmail ?? undefined,
    firstname: current.firstname ?? undefined,
    lastname: current.lastname ?? undefined,
    email: current.email ?? undefined,
    startTime: current.startTime ?? undefined,
    endTime: current.endTime ?? undefined,
    type: current.type ?? undefined,
    status: current.status,
    instrumentPids: current.instruments.map((link) => link.instrument.pid),
    measurementPeriods: current.measurementPeriods.map((period) => ({
      instrumentPid: period.instrument?.pid ?? undefined,
      start: period.start,
      end: period.end,
      comment: period.comment ?? undefined,
    })),
    members: current.members.map((member) => ({ email: member.email, role: member.role })),
    ownerGroup: current.ownerGroup ?? undefined,
    accessGroups: current.accessGroups,
    metadata: (current.metadata ?? {}) as ProposalInput["metadata"],
  };
  const patch = (document && typeof document === "object" ? document : {}) as Record<string, unknown>;
  const sent = proposalInputFromSciCat({ ...patch, proposalId, title: current.title } as SciCatProposal);
  const input: Record<string, unknown> = { ...stored };
  for (const [sciCatField, nativeField] of Object.entries(nativeFieldOf)) {
    if (patch[sciCatField] !== undefined) input[nativeField] = sent[nativeField];
  }
  if (typeof patch.proposalId === "string") input.proposalId = patch.proposalId;
  return toSciCatProposal(await updateProposal(caller, proposalId, input as ProposalInput));
}
