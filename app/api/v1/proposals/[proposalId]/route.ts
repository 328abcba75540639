import { apiRoute } from "@/lib/api";
import { toApiProposal } from "@/lib/api-json";
import { getProposal } from "@/lib/proposals";

/** One proposal with its periods, members, trays, samples and datasets. */
export const GET = apiRoute<{ proposalId: string }>(async (_request, caller, { proposalId }) =>
  toApiProposal(await getProposal(caller, proposalId)),
);
