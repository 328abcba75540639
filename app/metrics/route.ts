import { metricsResponse } from "@/lib/http/metrics-endpoint";

/** Prometheus' scrape target (README "Logs and metrics"); access rules in lib/http/metrics-endpoint.ts. */
export const GET = metricsResponse;
