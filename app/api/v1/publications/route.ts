import { apiRoute } from "@/lib/http/api-route";
import { publicationOverview } from "@/lib/publishing/state";

/** Staff: the SciCat target, the queue's counts and every change that failed. */
export const GET = apiRoute(async (_request, caller) => publicationOverview(caller));
