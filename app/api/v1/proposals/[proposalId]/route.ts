import { apiRoute } from "@/lib/http/api-route";
import { toApiProposal } from "@/lib/proposals/api-json";
import { getProposal } from "@/lib/proposals/queries";

/** One proposal with its periods, members, trays, samples and datasets. */
export const GET = apiRoute<{ proposalId: string }>(async (_request, caller, { proposalId }) =>
  toApiProposal(await getProposal(caller, proposalId)),
);
