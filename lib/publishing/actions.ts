"use server";

import "server-only";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/http/action";
import { countOf } from "@/lib/shared/format";
import { proposalPath } from "@/lib/shared/page-paths";
import { republishEverything, retryPublication, setProposalPublishing } from "./manage";

export async function setProposalPublishingAction(proposalId: string, choice: boolean | null): Promise<ActionState> {
  return runAction(async (caller) => {
    const { publishing, queued } = await setProposalPublishing(caller, proposalId, choice);
    revalidatePath(proposalPath(proposalId));
    return {
      message: publishing
        ? `Proposal ${proposalId} is published to SciCat${queued ? `; ${countOf(queued, "record")} queued` : ""}.`
        : `Proposal ${proposalId} is not published to SciCat: nothing more is sent.`,
      data: undefined,
    };
  });
}

/** Retries one failed change (its outbox id), or all of them. */
export async function retryPublicationAction(id?: string): Promise<ActionState> {
  return runAction(async (caller) => {
    const count = await retryPublication(caller, id);
    revalidatePath("/admin/publishing");
    return { message: `${countOf(count, "change")} will be sent to SciCat again now.`, data: undefined };
  });
}

export async function republishEverythingAction(): Promise<ActionState> {
  return runAction(async (caller) => {
    const count = await republishEverything(caller);
    revalidatePath("/admin/publishing");
    return { message: `${countOf(count, "record")} queued for SciCat.`, data: undefined };
  });
}
