import { NextResponse } from "next/server";
import { readiness } from "@/lib/platform/readiness";

/** Readiness: the database is reachable and the schema is current; 503 otherwise. */
export async function GET() {
  const result = await readiness();
  return NextResponse.json(
    { status: result.ready ? "ready" : "not ready", checks: result.checks },
    { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
