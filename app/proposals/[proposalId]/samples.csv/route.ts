import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { exportSamplesCsv } from "@/lib/samples/import/csv";

/** The proposal's samples as CSV (download), in the form the sample import reads back. */
export const GET = apiRoute<{ proposalId: string }>(async (_request, caller, { proposalId }) => {
  const id = decodeURIComponent(proposalId);
  const csv = await exportSamplesCsv(caller, id);
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${id}-samples.csv"`,
    },
  });
});
