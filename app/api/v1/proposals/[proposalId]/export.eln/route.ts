import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { elnMediaType, exportProposalEln } from "@/lib/export/eln";

/** The proposal with its trays, samples and datasets as an .eln file, for API tokens. */
export const GET = apiRoute<{ proposalId: string }>(async (_request, caller, { proposalId }) => {
  const { filename, bytes } = await exportProposalEln(caller, proposalId);
  return new NextResponse(new Uint8Array(bytes), {
    headers: { "content-type": elnMediaType, "content-disposition": `attachment; filename="${filename}"` },
  });
});
