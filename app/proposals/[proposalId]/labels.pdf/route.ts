import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api-route";
import { formBody, jsonBody } from "@/lib/http/request";
import { printLabels } from "@/lib/labels/print-labels";

/**
 * The label sheet as a PDF download. A POST (from the print page's form, or a script): it records
 * the labels as printed. Repeated fields (trayIds, specimenIds, …) arrive as lists. Cross-origin
 * posts with the session cookie are refused before this runs (lib/http/edge-guard.ts).
 */
export const POST = apiRoute<{ proposalId: string }>(async (request, caller, { proposalId }) => {
  const input = await orderFrom(request);
  const { pdf, template } = await printLabels(caller, decodeURIComponent(proposalId), input);
  return new NextResponse(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${decodeURIComponent(proposalId)}-labels-${template.id}.pdf"`,
      "cache-control": "no-store",
    },
  });
});

async function orderFrom(request: Request): Promise<Record<string, unknown>> {
  if (request.headers.get("content-type")?.includes("application/json"))
    return (await jsonBody(request)) as Record<string, unknown>;
  const form = await formBody(request);
  const order: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).map(String);
    order[key] = ["trayIds", "sampleTrayIds", "specimenIds"].includes(key) ? values : values[0];
  }
  // An unchecked checkbox sends nothing: the form marks which ones it shows.
  for (const flag of ["showProposal", "showPosition", "showDate"])
    if (form.has("flags") && !form.has(flag)) order[flag] = "false";
  return order;
}
