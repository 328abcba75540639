"use server";

import "server-only";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/http/action";
import { createProposal } from "./create-proposal";
import { updateProposal } from "./update-proposal";
import { importSciCatProposal } from "@/lib/scicat/proposals";
import type { ProposalInput } from "@/lib/schemas/proposal";

type Saved = { proposalId: string };

export async function createProposalAction(input: ProposalInput): Promise<ActionState<Saved>> {
  return runAction(async (caller) => {
    const proposal = await createProposal(caller, input);
    revalidatePath("/");
    return { message: `Proposal ${proposal.proposalId} registered.`, data: { proposalId: proposal.proposalId } };
  });
}

export async function updateProposalAction(proposalId: string, input: ProposalInput): Promise<ActionState<Saved>> {
  return runAction(async (caller) => {
    const proposal = await updateProposal(caller, proposalId, input);
    revalidatePath(`/proposals/${proposal.proposalId}`);
    return { message: `Proposal ${proposal.proposalId} saved.`, data: { proposalId: proposal.proposalId } };
  });
}

export async function importSciCatProposalAction(json: string): Promise<ActionState<Saved>> {
  return runAction(async (caller) => {
    const proposal = await importSciCatProposal(caller, json);
    revalidatePath("/");
    return { message: `Proposal ${proposal.proposalId} imported.`, data: { proposalId: proposal.proposalId } };
  });
}
