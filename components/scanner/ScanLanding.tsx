import Link from "next/link";
import type { ScanOutcome } from "@/lib/scan/scan-result";
import { ScanCard } from "./ScanCard";
import { Notice } from "@/components/ui/Notice";

/** What a phone camera opens from a label: the scan's card, or why there is none. */
export function ScanLanding({ outcome }: { outcome: ScanOutcome }) {
  return (
    <>
      <h1 className="mb-4 text-lg font-medium text-slate-600">Scanned label</h1>
      {"result" in outcome ? (
        <ScanCard result={outcome.result} />
      ) : (
        <Notice tone="error" prominent>
          {outcome.message}
        </Notice>
      )}
      <p className="mt-6">
        <Link href="/scan" className="text-brand-700 underline">
          Scan another code
        </Link>
      </p>
    </>
  );
}
