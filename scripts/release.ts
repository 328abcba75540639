// npm run release -- <folder>: a self-contained release of the app, as the Docker image and native
// installs run it, with nothing else from this repository (no npm, no tsx, no dev dependencies):
//   server.js, .next/, node_modules/   Next.js standalone server (node server.js)
//   public/, .next/static/             files it serves
//   prisma/migrations/                 what tools/migrate.mjs applies and the server checks
//   tools/*.mjs                        migrate, seed, token, backup, restore, idp, scicat-publish
//                                      (node tools/<name>.mjs)
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { ensureBuilt, standaloneDir } from "./build";

/** Command-line tools of the release: the scripts `npm run` uses in a checkout. */
export const releaseTools = {
  migrate: "scripts/db-migrate.ts",
  seed: "scripts/db-seed.ts",
  token: "scripts/token.ts",
  backup: "scripts/db-backup.ts",
  restore: "scripts/db-restore.ts",
  idp: "scripts/local-idp.ts",
  "scicat-publish": "scripts/scicat-publish.ts",
} as const;

const root = process.cwd();
const target = process.argv[2];
if (!target || target.startsWith("-")) {
  console.error("Usage: npm run release -- <folder>   (the folder is replaced)");
  process.exit(1);
}
const out = path.resolve(target);
if (out === root || root.startsWith(out + path.sep)) {
  console.error(`Refusing to replace ${out}: it contains this checkout.`);
  process.exit(1);
}

if (!ensureBuilt(root)) {
  console.error("The build failed; see the messages above.");
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(standaloneDir(root), out, { recursive: true, verbatimSymlinks: true });

// The tools are bundled, so they need no node_modules of their own, except PGlite: it loads its
// wasm and data files next to its own module, and the server's traced copy of it is complete.
await build({
  entryPoints: Object.fromEntries(Object.entries(releaseTools).map(([name, file]) => [name, path.join(root, file)])),
  outdir: path.join(out, "tools"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  conditions: ["react-server"],
  external: ["@electric-sql/pglite", "pg-native"],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  legalComments: "none",
  logLevel: "warning",
});
writeFileSync(
  path.join(out, "tools", "README.md"),
  "Command-line tools of this release; run them from the release folder with the app's environment:\n\n" +
    Object.keys(releaseTools)
      .map((name) => `- node tools/${name}.mjs`)
      .join("\n") +
    "\n\nSee the repository README, section Deploying.\n",
);

const size = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((total, entry) => {
    const file = path.join(dir, entry.name);
    return total + (entry.isDirectory() ? size(file) : entry.isFile() ? statSync(file).size : 0);
  }, 0);
console.log(
  `Release in ${out} (${(size(out) / 1e6).toFixed(1)} MB): node server.js; tools: ${Object.keys(releaseTools).join(", ")}.`,
);
