import { apiRoute } from "@/lib/api";
import { describeCaller } from "@/lib/authz";

/** Who the API thinks you are: lets an instrument check its token before a beamtime. */
export const GET = apiRoute(async (_request, caller) => describeCaller(caller));
