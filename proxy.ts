import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/platform/config";
import { edgeRefusal } from "@/lib/http/edge-guard";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";

/**
 * Refuses bad input before anything else reads it (lib/http/edge-guard.ts), and sets the security
 * headers of every response, with a fresh CSP nonce that Next.js puts on its own scripts (it reads
 * the policy from the request headers while rendering the page).
 */
export function proxy(request: NextRequest) {
  const settings = appConfig();
  const issuer = settings.auth.oidc?.issuer;
  const headers = securityHeaders({
    appUrl: settings.appUrl,
    identityProviderOrigins: issuer ? [new URL(issuer).origin] : [],
    nonce: newNonce(),
    development: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = edgeRefusal(request, settings.appUrl) ?? NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Hashed static files are the same for everyone and carry no page.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
