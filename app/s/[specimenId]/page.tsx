import type { Metadata } from "next";
import { ScanLanding } from "@/components/scanner/ScanLanding";
import { config } from "@/lib/platform/config";
import { resolveForPage } from "@/lib/scan/resolve-code";
import { requireUser } from "@/lib/auth/session";

type Props = { params: Promise<{ specimenId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Sample ${decodeURIComponent((await params).specimenId)}` };
}

/** A sample's QR code opened by a phone camera: after signing in, the same card as a scan. */
export default async function SampleLabelPage({ params }: Props) {
  const { specimenId } = await params;
  const caller = await requireUser(`/s/${specimenId}`);
  // The link as the label printed it: parsed like any scan (lib/shared/qr-payloads.ts), never decoded by hand.
  const outcome = await resolveForPage(caller, `${config().appUrl}/s/${specimenId}`);
  return <ScanLanding outcome={outcome} />;
}
