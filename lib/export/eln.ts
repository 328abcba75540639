import "server-only";
import { type Zippable, zipSync } from "fflate";
import type { Caller } from "@/lib/auth/caller";
import { config } from "@/lib/platform/config";
import { safeName } from "./crate-builder";
import { readProposalForExport } from "./eln-records";
import { proposalCrate } from "./proposal-crate";

/** The media type the ELN Consortium registered for .eln files. */
export const elnMediaType = "application/vnd.eln+zip";

/**
 * A proposal as an .eln file (the ELN Consortium's RO-Crate ZIP, which SampleDB, eLabFTW and
 * Kadi4Mat import): one folder named like the file, holding ro-crate-metadata.json and the
 * records' files. Whoever may read the proposal may export it; a token needs every read scope.
 */
export async function exportProposalEln(
  caller: Caller,
  proposalId: string,
): Promise<{ filename: string; bytes: Uint8Array }> {
  const records = await readProposalForExport(caller, proposalId);
  const { metadata, payload, asOf } = proposalCrate(records, config().appUrl);
  const folder = safeName(records.proposal.proposalId);
  const files: Zippable = {
    [`${folder}/ro-crate-metadata.json`]: [
      new TextEncoder().encode(`${JSON.stringify(metadata, null, 2)}\n`),
      { mtime: asOf },
    ],
  };
  for (const file of payload) {
    // Images are compressed already; deflating them again only costs time.
    files[`${folder}/${file.path}`] = [file.bytes, { mtime: file.mtime, level: file.compress ? 6 : 0 }];
  }
  return { filename: `${folder}.eln`, bytes: zipSync(files) };
}
