import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { getDataset } from "@/lib/datasets/queries";
import { db } from "@/lib/platform/db";
import { proposalForRead } from "@/lib/proposals/access";
import { getSample } from "@/lib/samples/queries";
import { publicationState, type PublicationState } from "./state";

/** A record's publication state for whoever may read the record (the API's `…/publication`). */
export async function readPublicationState(
  caller: Caller,
  entity: "Proposal" | "Sample" | "Dataset",
  key: string,
): Promise<PublicationState> {
  if (entity === "Proposal") {
    await proposalForRead(await db(), caller, key);
    return publicationState(entity, key, key, caller);
  }
  if (entity === "Sample")
    return publicationState(entity, key, (await getSample(caller, key)).proposal.proposalId, caller);
  return publicationState(entity, key, (await getDataset(caller, key)).proposalId, caller);
}
