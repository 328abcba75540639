import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { config } from "@/lib/platform/config";
import { metricsRegistry } from "@/lib/platform/metrics";
import { registerOutboxMetrics } from "@/lib/publishing/metrics";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * GET /metrics in Prometheus' text format. With METRICS_TOKEN set, only for `Authorization: Bearer
 * <token>` (401 otherwise); without it, off (404) unless METRICS_ALLOW_UNAUTHENTICATED=true. A route
 * handler does not see the client's address, so "loopback only" is a rule for the network in front.
 */
export async function metricsResponse(request: Request): Promise<Response> {
  const { token, allowUnauthenticated } = config().metrics;
  if (!token && !allowUnauthenticated)
    return NextResponse.json(
      { error: "Metrics are off: set METRICS_TOKEN (README, Logs and metrics)." },
      { status: 404 },
    );
  if (token) {
    const sent = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (!sent || !timingSafeEqual(digest(sent), digest(token)))
      return NextResponse.json(
        { error: "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>." },
        { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } },
      );
  }
  const registry = metricsRegistry();
  registerOutboxMetrics(registry);
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}
