import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Scalar's self-contained browser build (no chunks, no CDN). Read from node_modules at run time;
 * next.config.js traces it into the standalone server (outputFileTracingIncludes), so a release
 * has it too.
 */
export const scalarBundlePath = "node_modules/@scalar/api-reference/dist/browser/standalone.js";

let bundle: Promise<{ content: Buffer; hash: string }> | undefined;

/** The bundle and its content hash, read once per server. */
export function scalarBundle() {
  bundle ??= readFile(path.join(process.cwd(), scalarBundlePath)).then((content) => ({
    content,
    hash: createHash("sha256").update(content).digest("base64url").slice(0, 16),
  }));
  return bundle;
}

/**
 * Scalar's settings: nothing fetched from elsewhere (its fonts, telemetry, AI agent and developer
 * toolbar call scalar.com), requests tried out from the page go to this server with a token.
 */
const scalarConfiguration = {
  url: "/api/v1/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  showDeveloperTools: "never",
  hideClientButton: true,
  persistAuth: false,
  metaData: { title: "API reference · Beamtime Sample Registry" },
};

/** The page's script nonce, from the CSP the proxy put on the request (proxy.ts). */
/**
 * Scalar's stylesheet declares its fonts at fonts.scalar.com whatever `withDefaultFonts` says, and
 * browsers fetch a font as soon as any text is set in it: the system's fonts instead, from the first
 * paint (`:root:root` outranks Scalar's `:root`, whichever stylesheet comes last).
 */
const systemFonts = `:root:root {
  --scalar-font: ui-sans-serif, system-ui, sans-serif;
  --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}`;

const nonceOf = (policy: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];

/**
 * The reference as a page of its own: Scalar lays out the whole window. Its scripts carry the
 * request's nonce; the styles Scalar injects are allowed by the CSP's style-src as they stand
 * ('unsafe-inline', which React's style attributes need anyway), and it gets the nonce too. The
 * zod inside Scalar probes for eval (`Function("")`) unless told it is jitless: the CSP refuses
 * eval, and the refusal would be a violation report on every visit.
 */
export async function apiReferencePage(policy: string | null): Promise<string> {
  const nonce = nonceOf(policy);
  const { hash } = await scalarBundle();
  const nonceAttribute = nonce ? ` nonce="${nonce}"` : "";
  // In a <script>, "</script" would end it early: JSON's \u003c keeps the text the same.
  const settings = JSON.stringify(scalarConfiguration).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Beamtime Sample Registry</title>
${nonce ? `<meta property="csp-nonce" content="${nonce}">` : ""}
<style${nonceAttribute}>${systemFonts}</style>
</head>
<body>
<noscript>The interactive reference needs JavaScript; <a href="/docs/api">/docs/api</a> describes the API, and <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> is its OpenAPI document.</noscript>
<div id="api-reference"></div>
<script${nonceAttribute}>globalThis.__zod_globalConfig = { jitless: true };</script>
<script${nonceAttribute} src="/docs/api/reference/scalar.js?v=${hash}"></script>
<script${nonceAttribute}>Scalar.createApiReference("#api-reference", ${settings});</script>
</body>
</html>
`;
}
