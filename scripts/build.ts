// Builds the app with `next build` unless the last build is of exactly these sources (a hash of
// every build input, kept next to the build), so `npm start` and `npm run release` rebuild only
// when something changed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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
    if (!existsSync(absolute) || relative.startsWith(path.join("lib", "generated"))) return;
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(relative).update(readFileSync(absolute));
    }
  };
  buildInputs.forEach(visit);
  return hash.digest("hex");
}

/** Returns false when the build failed (next build printed why). */
export function ensureBuilt(root = process.cwd()): boolean {
  const stamp = path.join(root, ".next", "source-hash");
  const current = sourceHash(root);
  const built =
    existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === current;
  if (built) return true;
  console.log("Building the app (first start or sources changed; takes a minute or two)…");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) return false;
  writeFileSync(stamp, current);
  return true;
}
