// Runs `prisma generate` at install time. Generation itself is wasm; the CLI only insists on a
// schema engine binary being present, which cannot be downloaded offline, so point it at a dummy.
import { spawnSync } from "node:child_process";

const result = spawnSync("prisma", ["generate"], {
  stdio: "inherit",
  shell: process.platform === "win32",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false" },
});
process.exit(result.status ?? 1);
