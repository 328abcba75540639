import { apiRoute } from "@/lib/api";
import { resolveCode } from "@/lib/resolve";

/** What a scanned code is: `?code=` a QR payload or a bare sample or tray ID. The /scan page calls it. */
export const GET = apiRoute(async (request, caller) =>
  resolveCode(caller, new URL(request.url).searchParams.get("code") ?? ""),
);
