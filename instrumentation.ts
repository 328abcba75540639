// Runs once when a server process starts (next start, node server.js, next dev), before it serves.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { refuseUnsupportedMethods } = await import("@/lib/http/unsupported-methods");
    refuseUnsupportedMethods();
    const { enforceStartupChecks } = await import("@/lib/platform/startup-checks");
    await enforceStartupChecks();
    const { startInProcessPublishing } = await import("@/lib/publishing/in-process");
    await startInProcessPublishing();
  }
}
