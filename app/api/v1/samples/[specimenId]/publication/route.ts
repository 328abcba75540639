import { apiRoute } from "@/lib/http/api-route";
import { readPublicationState } from "@/lib/publishing/record-state";

/** Where the sample stands on its way to SciCat. */
export const GET = apiRoute<{ specimenId: string }>(async (_request, caller, { specimenId }) =>
  readPublicationState(caller, "Sample", decodeURIComponent(specimenId)),
);
