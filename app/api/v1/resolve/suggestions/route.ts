import { apiRoute } from "@/lib/api";
import { suggestScanCodes } from "@/lib/resolve";

/** Manual entry on the scanner: sample and tray IDs the caller may see matching `?q=`. */
export const GET = apiRoute(async (request, caller) => ({
  suggestions: await suggestScanCodes(caller, new URL(request.url).searchParams.get("q") ?? ""),
}));
