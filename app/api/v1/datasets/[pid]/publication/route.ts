import { apiRoute } from "@/lib/http/api-route";
import { pidFromRequest } from "@/lib/http/request";
import { readPublicationState } from "@/lib/publishing/record-state";

/** Where the dataset stands on its way to SciCat. */
export const GET = apiRoute<{ pid: string }>(async (request, caller, { pid }) =>
  readPublicationState(caller, "Dataset", pidFromRequest(request, pid)),
);
