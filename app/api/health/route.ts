import { NextResponse } from "next/server";

/** Liveness: the process is up and answering. Touches nothing else, so a slow database never restarts it. */
export const GET = () => NextResponse.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
