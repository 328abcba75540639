import { apiRoute } from "@/lib/api";
import { jsonBody, pidFromRequest } from "@/lib/api-request";
import { addOrigDatablock } from "@/lib/datasets";
import type { OrigDatablockInput } from "@/lib/schemas/dataset";

/** Adds a SciCat OrigDatablock (the dataset's raw files). */
export const POST = apiRoute<{ pid: string }>(
  async (request, caller, { pid }) =>
    addOrigDatablock(caller, pidFromRequest(request, pid), (await jsonBody(request)) as OrigDatablockInput),
  201,
);
