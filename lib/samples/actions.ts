"use server";

import "server-only";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/http/action";
import { createSample } from "./create-sample";
import { deleteSample } from "./delete-sample";
import { updateSample } from "./update-sample";
import type { SampleInput } from "@/lib/schemas/sample";

type Saved = { specimenId: string };

export async function createSampleAction(proposalId: string, input: SampleInput): Promise<ActionState<Saved>> {
  return runAction(async (caller) => {
    const sample = await createSample(caller, proposalId, input);
    revalidatePath(`/proposals/${proposalId}`);
    return {
      message: `Sample ${sample.specimenId} (${sample.specimenName}) added.`,
      data: { specimenId: sample.specimenId },
    };
  });
}

export async function updateSampleAction(
  proposalId: string,
  specimenId: string,
  input: SampleInput,
): Promise<ActionState<Saved>> {
  return runAction(async (caller) => {
    await updateSample(caller, specimenId, input);
    revalidatePath(`/proposals/${proposalId}`);
    return { message: `Sample ${specimenId} saved.`, data: { specimenId } };
  });
}

export async function deleteSampleAction(proposalId: string, specimenId: string): Promise<ActionState<Saved>> {
  return runAction(async (caller) => {
    await deleteSample(caller, specimenId);
    revalidatePath(`/proposals/${proposalId}`);
    return { message: `Sample ${specimenId} deleted.`, data: { specimenId } };
  });
}
