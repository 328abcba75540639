import "server-only";
import { config } from "@/lib/platform/config";
import { DomainError, ValidationError } from "@/lib/shared/errors";
import { parseScannedCode } from "@/lib/shared/qr-payloads";

/** A scanned ID that names nothing: its own message, since the scanner may say so (decision 007). */
export class UnknownCodeError extends DomainError {
  constructor(message: string) {
    super(message, 404);
  }
}

/** What a scanned or typed text names: a sample, a tray, or an ID to look up as either. */
export type ScanTarget = { kind: "sample" | "tray" | "id"; id: string };

/**
 * Scanned text is untrusted: only this app's URL forms and IDs pass (lib/shared/qr-payloads.ts). Another site's
 * code is named as such, so staff do not mistake it for an unregistered sample.
 */
export function scanTarget(text: string): ScanTarget {
  const code = parseScannedCode(text, config().appUrl);
  if (code.kind === "foreign") {
    const message = `This code belongs to another website: ${code.text}`;
    throw new ValidationError(message, { code: [message] });
  }
  if (code.kind === "invalid") throw new ValidationError(code.reason, { code: [code.reason] });
  return code;
}

export function unknownCode(target: ScanTarget): never {
  const what = { sample: "No sample", tray: "No tray", id: "No sample or tray" }[target.kind];
  throw new UnknownCodeError(`${what} has the ID ${target.id}.`);
}
