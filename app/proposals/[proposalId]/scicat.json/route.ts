import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { exportSciCatProposal } from "@/lib/scicat/proposals";

/** The proposal as a SciCat Proposal document (download). */
export const GET = apiRoute<{ proposalId: string }>(async (_request, caller, { proposalId }) => {
  const document = await exportSciCatProposal(caller, decodeURIComponent(proposalId));
  return new NextResponse(JSON.stringify(document, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${document.proposalId}-scicat-proposal.json"`,
    },
  });
});
