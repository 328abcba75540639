import { apiRoute } from "@/lib/http/api-route";
import { toApiProposalSummary } from "@/lib/proposals/api-json";
import { listProposals } from "@/lib/proposals/queries";

/** Proposals the caller may read, soonest beamtime first. */
export const GET = apiRoute(async (_request, caller) => ({
  proposals: (await listProposals(caller)).map(toApiProposalSummary),
}));
