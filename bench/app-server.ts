// The app as `npm start` runs it (production build), for benchmarks that need a server.
import { spawn } from "node:child_process";
import path from "node:path";

/**
 * `npm start` as playwright.config.ts runs it, on its own port and data directory (embedded
 * database unless `databaseUrl` is given), with the local identity provider.
 */
export async function startServer(
  port: number,
  dataDir: string,
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
) {
  const url = `http://localhost:${port}`;
  // Started by its binary, in its own process group, so that it can be stopped by its id.
  const server = spawn(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      APP_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl ?? "",
      SEED_DEMO_DATA: "true",
      NODE_ENV: "production",
      LOCAL_IDP: "true",
      LOCAL_IDP_PORT: String(port + 1),
      AUTH_SECRET: "bench-secret-that-is-long-enough-for-production-checks",
      ...options.env,
    },
  });
  const stop = () => {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  };
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const ready = await fetch(`${url}/signin`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, stop };
    if (Date.now() > deadline) {
      stop();
      throw new Error("the server did not start within 10 minutes");
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
