import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { requireSignedIn } from "@/lib/auth/permissions";
import { sampleImportTemplate } from "@/lib/samples/import/csv";

/** A CSV to fill in for the sample import: every column it knows, with two example samples. */
export const GET = apiRoute(async (_request, caller) => {
  requireSignedIn(caller);
  return new NextResponse(sampleImportTemplate(), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="samples-template.csv"',
    },
  });
});
