import "server-only";
import http from "node:http";

/** The methods some route of the app answers; every other one is 405 on every path. */
export const supportedMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

const allow = supportedMethods.join(", ");

/** Answers the request with 405 when its method is unsupported; true when it did. */
export function refuseUnsupportedMethod(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  const method = request.method ?? "";
  if ((supportedMethods as readonly string[]).includes(method)) return false;
  const body = JSON.stringify({ error: `The method ${method} is not supported; use one of ${allow}.` });
  response.writeHead(405, {
    Allow: allow,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  });
  response.end(body);
  return true;
}

let installed = false;

/**
 * Answers unsupported methods before Next.js sees them. Next builds a WHATWG Request for the proxy
 * and for every route; the Fetch standard forbids TRACE (and TRACK, CONNECT), so undici throws
 * "'TRACE' HTTP method is unsupported" before any of our code runs and Next answers 500. Neither the
 * proxy matcher nor next.config can filter by method, so the check sits on the Node HTTP server's
 * "request" event, which every server of the process (next start, node server.js, next dev) emits.
 * CONNECT never reaches it: Node closes the connection itself when nobody listens for "connect".
 */
export function refuseUnsupportedMethods(): void {
  if (installed) return;
  installed = true;
  // Typed as EventEmitter's emit: http.Server's overloads name each event's arguments.
  const emit: (event: string, ...args: unknown[]) => boolean = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if (refuseUnsupportedMethod(request, response)) return true;
    }
    return emit.call(this, event, ...args);
  };
}
