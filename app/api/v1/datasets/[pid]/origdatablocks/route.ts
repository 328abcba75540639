import { apiRoute } from "@/lib/http/api-route";
import { jsonBody, pidFromRequest } from "@/lib/http/request";
import { addOrigDatablock } from "@/lib/datasets/add-origdatablock";
import type { OrigDatablockInput } from "@/lib/schemas/dataset";

/** Adds a SciCat OrigDatablock (the dataset's raw files). */
export const POST = apiRoute<{ pid: string }>(
  async (request, caller, { pid }) =>
    addOrigDatablock(caller, pidFromRequest(request, pid), (await jsonBody(request)) as OrigDatablockInput),
  201,
);
