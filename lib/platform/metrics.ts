import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { database } from "./db";
import { logger } from "./logger";

type RequestLabels = "route" | "method" | "status_class";
type Metrics = {
  registry: Registry;
  requests: Counter<RequestLabels>;
  durations: Histogram<RequestLabels>;
};

const globalKey = Symbol.for("beamtime-sample-registry.metrics");
type GlobalWithMetrics = typeof globalThis & { [globalKey]?: Metrics };

/**
 * The process's metrics, on globalThis: Next's dev reloads and separately bundled server chunks
 * would otherwise register each metric twice (prom-client throws) or count into a registry that
 * /metrics never reads.
 */
function metrics(): Metrics {
  const holder = globalThis as GlobalWithMetrics;
  if (!holder[globalKey]) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const labelNames = ["route", "method", "status_class"] as const;
    holder[globalKey] = {
      registry,
      requests: new Counter({
        name: "http_requests_total",
        help: "API requests answered, by route pattern, method and status class.",
        labelNames,
        registers: [registry],
      }),
      durations: new Histogram({
        name: "http_request_duration_seconds",
        help: "Time from receiving an API request to its response, by route pattern, method and status class.",
        labelNames,
        // From a cached read (a few ms) to a 20 000-row sample import or a label PDF (seconds).
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [registry],
      }),
    };
    registerDatabaseMetrics(registry);
  }
  return holder[globalKey];
}

export function metricsRegistry(): Registry {
  return metrics().registry;
}

/** The methods route handlers export; anything else is one label, so a fuzzer cannot add series. */
const knownMethods = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Counts one answered API request. `route` is a pattern (`/api/v1/samples/[specimenId]`), never a raw path. */
export function recordRequest(request: { route: string; method: string; status: number; seconds: number }): void {
  const method = request.method.toUpperCase();
  const labels = {
    route: request.route,
    method: knownMethods.has(method) ? method : "other",
    status_class: `${Math.floor(request.status / 100)}xx`,
  };
  const { requests, durations } = metrics();
  requests.inc(labels);
  durations.observe(labels, request.seconds);
}

/**
 * A gauge read when Prometheus scrapes, registered once per registry however often this runs.
 * `read` returns the value of each label set; when it fails, the gauge has no samples this
 * scrape (and the failure is logged) rather than failing the whole scrape.
 */
export function scrapeGauge<Label extends string>(
  registry: Registry,
  definition: { name: string; help: string; labelNames?: readonly Label[] },
  read: () => Promise<{ labels?: Partial<Record<Label, string>>; value: number }[]>,
): void {
  if (registry.getSingleMetric(definition.name)) return;
  new Gauge<Label>({
    ...definition,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const { labels, value } of await read()) {
          if (labels) this.set(labels, value);
          else this.set(value);
        }
      } catch (error) {
        logger.warn({ err: error, metric: definition.name }, "Metrics: could not read a gauge");
      }
    },
  });
}

/**
 * The database: which engine, and for PostgreSQL the pg pool's connections. PGlite is one
 * in-process connection, so it has no pool gauges, only `registry_db_info{engine="pglite"}`.
 */
function registerDatabaseMetrics(registry: Registry): void {
  scrapeGauge(
    registry,
    { name: "registry_db_info", help: "The database engine in use (always 1).", labelNames: ["engine"] },
    async () => [{ labels: { engine: (await database()).target.kind }, value: 1 }],
  );
  scrapeGauge(
    registry,
    {
      name: "registry_db_pool_connections",
      help: "PostgreSQL pool connections: total open, idle, and requests waiting for one.",
      labelNames: ["state"],
    },
    async () => {
      const pool = (await database()).poolStats?.();
      return pool
        ? [
            { labels: { state: "total" }, value: pool.total },
            { labels: { state: "idle" }, value: pool.idle },
            { labels: { state: "waiting" }, value: pool.waiting },
          ]
        : [];
    },
  );
}
