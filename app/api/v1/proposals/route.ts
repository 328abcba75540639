import { apiRoute } from "@/lib/api";
import { toApiProposalSummary } from "@/lib/api-json";
import { listProposals } from "@/lib/proposals";

/** Proposals the caller may read, soonest beamtime first. */
export const GET = apiRoute(async (_request, caller) => ({
  proposals: (await listProposals(caller)).map(toApiProposalSummary),
}));
