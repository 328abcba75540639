import type { Metadata } from "next";
import { Scanner } from "@/components/scanner/Scanner";
import { hasRole } from "@/lib/auth/permissions";
import { eventKinds } from "@/lib/schemas/sample-event";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Scan" };

/** The beamline tablet's scanner: camera, handheld scanner or typing; staff also record batches. */
export default async function ScanPage() {
  const caller = await requireUser("/scan");
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Scan</h1>
      <p className="mb-5 text-slate-700">Scan a sample or tray label to see what it is and whose it is.</p>
      <Scanner canRecord={hasRole(caller, "STAFF")} kinds={eventKinds.map(({ kind, label }) => ({ kind, label }))} />
    </>
  );
}
