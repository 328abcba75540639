// @ts-check

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite loads its wasm and data files by URL: bundling it breaks those paths at run time
  // (the build passes, the first request fails), so it stays a plain Node dependency.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // forbidden() answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
