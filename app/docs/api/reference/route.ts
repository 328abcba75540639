import { apiReferencePage } from "@/lib/http/api-reference";

/** The interactive API reference (Scalar) of /api/v1: public, like /docs/api and the document it shows. */
export async function GET(request: Request) {
  return new Response(await apiReferencePage(request.headers.get("content-security-policy")), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
