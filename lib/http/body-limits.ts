import "server-only";

/**
 * The largest request body each family of routes accepts, checked twice: by the proxy on the
 * Content-Length header (proxy.ts), and by jsonBody while it reads a body sent without one (chunked).
 *
 * Next.js buffers every body for the proxy and cuts it, without an error, at
 * `experimental.proxyClientMaxBodySize` (next.config.js), dropping the network chunk (at most 64 KB)
 * that crosses it. That setting is 1 MB more than the largest limit here, so a body that was cut
 * is still longer than its route's limit and is answered 413, never parsed as a shorter document.
 */

const megabytes = (count: number) => count * 1024 * 1024;

/** First match wins; paths are the raw request path. */
const families: { prefix: RegExp; limit: number; what: string }[] = [
  // Datasets with their scientificMetadata, attachments with base64 thumbnails of a few MB.
  { prefix: /^\/api\/v[134](\/|$)/i, limit: megabytes(16), what: "API request bodies" },
  // A label order is a list of IDs and a few options.
  { prefix: /^\/proposals\/[^/]+\/labels\.pdf\/?$/, limit: megabytes(1), what: "label orders" },
  { prefix: /^\/api\/auth(\/|$)/, limit: megabytes(1), what: "sign-in requests" },
  // Server actions: a pasted spreadsheet of 20 000 samples (the import limit) is a few MB; the same
  // number as experimental.serverActions.bodySizeLimit in next.config.js.
  { prefix: /^\//, limit: megabytes(10), what: "form submissions" },
];

/** The largest limit of all: next.config.js sets proxyClientMaxBodySize 1 MB above it. */
export const largestBodyLimit = Math.max(...families.map((family) => family.limit));

export function bodyLimitFor(pathname: string): { limit: number; what: string } {
  return families.find((family) => family.prefix.test(pathname)) ?? families[families.length - 1];
}

/** "16 MB" */
export function formatLimit(bytes: number): string {
  return bytes % megabytes(1) === 0 ? `${bytes / megabytes(1)} MB` : `${bytes} bytes`;
}

export function bodyTooLargeMessage(pathname: string): string {
  const { limit, what } = bodyLimitFor(pathname);
  return `The request body is too large: ${what} may be at most ${formatLimit(limit)}.`;
}
