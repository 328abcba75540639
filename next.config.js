// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  // A self-contained server (node server.js with only the files it needs) for the Docker image and
  // native installs: `npm run release` assembles it with the static files and the command-line tools.
  output: "standalone",
  outputFileTracingRoot: import.meta.dirname,
  // Read at run time by path (lib/http/api-reference.ts), so the tracer cannot see it.
  outputFileTracingIncludes: {
    "/docs/api/reference/scalar.js": ["./node_modules/@scalar/api-reference/dist/browser/standalone.js"],
  },
  // No next/image here: nothing may need sharp, which scripts/build.ts leaves out of the server (20 MB).
  images: { unoptimized: true },
  // PGlite loads its wasm and data files by URL, pdfkit its font metrics from its own folder:
  // bundling breaks those paths at run time (the build passes, the first request fails), so they
  // stay plain Node dependencies.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "pdfkit"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // forbidden() answers 403 with app/forbidden.tsx.
  experimental: {
    authInterrupts: true,
    // A pasted spreadsheet of 20 000 samples (the import limit) is a few MB.
    serverActions: { bodySizeLimit: "10mb" },
    // Next.js buffers each body for the proxy and silently cuts it here, dropping the whole network
    // chunk (up to 64 KB) that crosses the line. 1 MB over the largest limit of
    // lib/http/body-limits.ts (16 MB), so a cut body is still over its route's limit: 413, not "not JSON".
    proxyClientMaxBodySize: "17mb",
  },
};

export default nextConfig;
