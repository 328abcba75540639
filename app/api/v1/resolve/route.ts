import { apiRoute } from "@/lib/http/api-route";
import { resolveCode } from "@/lib/scan/resolve-code";

/** What a scanned code is: `?code=` a QR payload or a bare sample or tray ID. The /scan page calls it. */
export const GET = apiRoute(async (request, caller) =>
  resolveCode(caller, new URL(request.url).searchParams.get("code") ?? ""),
);
