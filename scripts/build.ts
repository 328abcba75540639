// Builds the app with `next build` unless the last build is of exactly these sources (a hash of
// every build input, kept next to the build), so `npm start` and `npm run release` rebuild only
// when something changed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const buildInputs = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function sourceHash(root: string): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const absolute = path.join(root, relative);
    // Component tests sit next to the components but are no part of the build.
    if (!existsSync(absolute) || relative.startsWith(path.join("lib", "generated")) || /\.test\.tsx?$/.test(relative))
      return;
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(relative).update(readFileSync(absolute));
    }
  };
  buildInputs.forEach(visit);
  return hash.digest("hex");
}

/** The self-contained server of the last build: `npm start` runs it, `npm run release` copies it. */
export const standaloneDir = (root = process.cwd()) => path.join(root, ".next", "standalone");

/**
 * Next leaves the static files, public/ and (untraced, read at run time) the migrations out of the
 * standalone folder; with them it is the complete server.
 */
function completeStandalone(root: string): void {
  const standalone = standaloneDir(root);
  const copies = [
    [path.join(".next", "static"), path.join(".next", "static")],
    ["public", "public"],
    [path.join("prisma", "migrations"), path.join("prisma", "migrations")],
  ];
  for (const [from, to] of copies) {
    rmSync(path.join(standalone, to), { recursive: true, force: true });
    cpSync(path.join(root, from), path.join(standalone, to), { recursive: true });
  }
  // Next's own server trace always includes sharp and its libvips (a fifth of the release) for
  // next/image optimization; images are unoptimized here (next.config.js), so nothing loads them.
  for (const unused of ["sharp", "@img"])
    rmSync(path.join(standalone, "node_modules", unused), { recursive: true, force: true });
}

/** Returns false when the build failed (next build printed why). */
export function ensureBuilt(root = process.cwd()): boolean {
  const stamp = path.join(root, ".next", "source-hash");
  const current = sourceHash(root);
  const built =
    existsSync(path.join(standaloneDir(root), "server.js")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === current;
  if (!built) {
    console.log("Building the app (first start or sources changed; takes a minute or two)…");
    const result = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) return false;
    writeFileSync(stamp, current);
  }
  // Every time (a few MB): the folder may come from an older build script, or be half copied.
  completeStandalone(root);
  return true;
}
