import { apiRoute } from "@/lib/http/api-route";
import { readPublicationState } from "@/lib/publishing/record-state";

/** Where the proposal stands on its way to SciCat. */
export const GET = apiRoute<{ proposalId: string }>(async (_request, caller, { proposalId }) =>
  readPublicationState(caller, "Proposal", decodeURIComponent(proposalId)),
);
