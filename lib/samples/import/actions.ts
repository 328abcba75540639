"use server";

import "server-only";

import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/http/action";
import { countOf } from "@/lib/shared/format";
import { type ColumnMapping } from "@/lib/shared/sample-import-columns";
import { type ImportPreview, previewSampleImport } from "./preview";
import { importSamples } from "./import-samples";

export async function previewImportAction(
  proposalId: string,
  text: string,
  mapping?: ColumnMapping,
): Promise<ActionState<ImportPreview>> {
  return runAction(async (caller) => {
    const preview = await previewSampleImport(caller, proposalId, text, mapping);
    return { message: `${countOf(preview.rows.length, "row")}, ${preview.errorCount} with errors`, data: preview };
  });
}

export async function importSamplesAction(
  proposalId: string,
  text: string,
  mapping: ColumnMapping,
): Promise<ActionState<{ created: number }>> {
  return runAction(async (caller) => {
    const { created } = await importSamples(caller, proposalId, text, mapping);
    revalidatePath(`/proposals/${proposalId}`);
    return { message: `${countOf(created, "sample")} imported.`, data: { created } };
  });
}
