import { apiRoute } from "@/lib/http/api-route";
import { suggestScanCodes } from "@/lib/scan/suggest-codes";

/** Manual entry on the scanner: sample and tray IDs the caller may see matching `?q=`. */
export const GET = apiRoute(async (request, caller) => ({
  suggestions: await suggestScanCodes(caller, new URL(request.url).searchParams.get("q") ?? ""),
}));
