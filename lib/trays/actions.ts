"use server";

import "server-only";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/http/action";
import type { TrayInput } from "@/lib/schemas/tray";
import { createTray } from "./create-tray";
import { deleteTray, type TraySamplesOnDelete } from "./delete-tray";
import { updateTray } from "./update-tray";

type Saved = { trayId: string };

export async function createTrayAction(proposalId: string, input: TrayInput): Promise<ActionState<Saved>> {
  return runAction(async (caller) => {
    const tray = await createTray(caller, proposalId, input);
    revalidatePath(`/proposals/${proposalId}`);
    return { message: `Tray ${tray.trayId} created.`, data: { trayId: tray.trayId } };
  });
}

export async function updateTrayAction(
  proposalId: string,
  trayId: string,
  input: TrayInput,
): Promise<ActionState<Saved>> {
  return runAction(async (caller) => {
    await updateTray(caller, trayId, input);
    revalidatePath(`/proposals/${proposalId}`);
    return { message: `Tray ${trayId} saved.`, data: { trayId } };
  });
}

export async function deleteTrayAction(
  proposalId: string,
  trayId: string,
  samples: TraySamplesOnDelete,
): Promise<ActionState<Saved>> {
  return runAction(async (caller) => {
    const deleted = await deleteTray(caller, trayId, samples);
    revalidatePath(`/proposals/${proposalId}`);
    const what =
      deleted.samples === 0
        ? ""
        : samples === "unassign"
          ? `; its ${deleted.samples} samples stay in the proposal without a tray`
          : `, with its ${deleted.samples} samples`;
    return { message: `Tray ${trayId} deleted${what}.`, data: { trayId } };
  });
}
