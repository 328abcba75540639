import "server-only";
import { bodyLimitFor, bodyTooLargeMessage } from "@/lib/http/body-limits";
import { nulMessage } from "@/lib/shared/untrusted-input";

/**
 * The checks the proxy makes on every request before any page, route or server action sees it:
 * bad input becomes a clear 4xx here instead of a framework 500 or a database error later.
 * Returns the refusal, or null to go on.
 */
export function edgeRefusal(request: Request, appUrl: string): Response | null {
  const url = new URL(request.url);
  const refuse = (status: number, message: string) => refusal(url.pathname, status, message);

  for (const segment of url.pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Next.js fails on these with 500 while it decodes route parameters (`%`, `%ZZ`, `%C0%AF`).
      return refuse(400, "The path is not valid URL encoding (a % must start a UTF-8 escape such as %2F).");
    }
    if (decoded.includes("\0")) return refuse(400, `The path ${nulMessage}.`);
  }
  for (const [name, value] of url.searchParams) {
    // SciCat's filter, fields, limits and where parameters are JSON: its escape \u0000 is NUL too.
    if (`${name}${value}`.includes("\0") || /\\u0000/i.test(`${name}${value}`))
      return refuse(400, `The query parameter ${JSON.stringify(name.replace(/\0/g, ""))} ${nulMessage}.`);
  }

  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > bodyLimitFor(url.pathname).limit) return refuse(413, bodyTooLargeMessage(url.pathname));

  if (changesState(request) && isCrossOrigin(request, appUrl) && usesAmbientCredentials(request, url))
    return refuse(
      403,
      "Cross-origin requests that change data are refused when the browser's session cookie would authenticate them; " +
        "scripts authenticate with an API token (Authorization: Bearer <token>).",
    );
  return null;
}

/** JSON for API clients, plain text for browsers. */
function refusal(pathname: string, status: number, message: string): Response {
  const headers = { "Cache-Control": "no-store" };
  return pathname.startsWith("/api/")
    ? Response.json({ error: message }, { status, headers })
    : new Response(`${message}\n`, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

function changesState(request: Request): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(request.method);
}

/**
 * A request a browser may have sent on another site's behalf, carrying our cookies: a server
 * action (Next.js refuses a cross-origin one itself, but with 500), or any other state-changing
 * request with cookies and without an API token (the caller is then the session: lib/http/api-route.ts).
 * Auth.js guards its own POSTs (/api/auth) with a CSRF token, and identity providers post back there.
 */
function usesAmbientCredentials(request: Request, url: URL): boolean {
  if (request.headers.has("next-action")) return true;
  if (url.pathname === "/api/auth" || url.pathname.startsWith("/api/auth/")) return false;
  const token = request.headers.has("authorization") || url.searchParams.has("access_token");
  return request.headers.has("cookie") && !token;
}

/**
 * Whether the browser says the request comes from another origin. The same origin is the host the
 * request was sent to (X-Forwarded-Host, else Host: the comparison Next.js makes for server
 * actions) or APP_URL's host (a proxy in front may not forward the host). Requests without Origin
 * and Sec-Fetch-Site come from scripts, not from a browser on another site.
 */
function isCrossOrigin(request: Request, appUrl: string): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null" (sandboxed frames, some redirects) or garbage: no origin of ours.
  }
  const forwardedHost = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const sameHosts = [forwardedHost, request.headers.get("host"), new URL(appUrl).host];
  return !sameHosts.includes(originHost);
}
