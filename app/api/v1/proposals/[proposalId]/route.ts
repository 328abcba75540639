import { apiRoute } from "@/lib/http/api-route";
import { toApiProposal } from "@/lib/http/api-json";
import { getProposal } from "@/lib/proposals/proposals";

/** One proposal with its periods, members, trays, samples and datasets. */
export const GET = apiRoute<{ proposalId: string }>(async (_request, caller, { proposalId }) =>
  toApiProposal(await getProposal(caller, proposalId)),
);
