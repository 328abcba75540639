import { apiRoute } from "@/lib/http/api-route";
import { describeCaller } from "@/lib/auth/caller";

/** Who the API thinks you are: lets an instrument check its token before a beamtime. */
export const GET = apiRoute(async (_request, caller) => describeCaller(caller));
