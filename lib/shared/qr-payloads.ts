import { humanIdPattern } from "./human-ids";

/**
 * QR payloads: one URL per sample (`/s/<specimenId>`) and per tray (`/t/<trayId>`) under the public
 * APP_URL, so any phone camera opens the right page. Pure, with no server imports: the browser
 * scanner parses with the same rules the labels are built with.
 */

/** What a scanned or typed code names. A bare ID may be a sample or a tray: the caller looks it up. */
export type ScannedCode =
  | { kind: "sample"; id: string }
  | { kind: "tray"; id: string }
  | { kind: "id"; id: string }
  | { kind: "foreign"; text: string }
  | { kind: "invalid"; reason: string };

/** Far longer than any payload of ours (APP_URL + at most 67 characters); bounds the work on untrusted input. */
export const maxScannedLength = 512;

const pathKinds = { s: "sample", t: "tray" } as const;

export const samplePayload = (appUrl: string, specimenId: string) => payload(appUrl, "s", specimenId);
export const trayPayload = (appUrl: string, trayId: string) => payload(appUrl, "t", trayId);

function payload(appUrl: string, segment: keyof typeof pathKinds, id: string): string {
  return `${appUrl.replace(/\/+$/, "")}/${segment}/${encodeURIComponent(id)}`;
}

// C0/C1 controls and invisible format characters (bidi overrides, zero-width joiners): nothing a
// label of ours prints, and a way to make a code display differently from what it resolves to.
const hiddenCharacters = /[\p{Cc}\p{Cf}]/u;

export function parseScannedCode(text: string, appUrl: string): ScannedCode {
  // Keyboard-wedge scanners end each code with Enter (CR, LF or both); people paste with spaces.
  const code = text.trim();
  if (!code) return { kind: "invalid", reason: "The code is empty." };
  if (code.length > maxScannedLength) {
    return { kind: "invalid", reason: `The code is longer than ${maxScannedLength} characters.` };
  }
  if (hiddenCharacters.test(code)) return { kind: "invalid", reason: "The code contains control characters." };
  if (humanIdPattern.test(code)) return { kind: "id", id: code };

  const url = parseWebUrl(code);
  if (!url) return { kind: "invalid", reason: "The code is neither a registry link nor a sample or tray ID." };
  const app = new URL(appUrl);
  // Credentials in a link are a classic way to dress up another site; none of ours carry them.
  if (url.origin !== app.origin || url.username || url.password) return { kind: "foreign", text: code };
  const basePath = app.pathname.replace(/\/+$/, "");
  if (!url.pathname.startsWith(`${basePath}/`)) return { kind: "foreign", text: code };
  const match = /^\/([st])\/([^/]+)\/?$/.exec(url.pathname.slice(basePath.length));
  if (!match) return { kind: "foreign", text: code };

  const id = decodeSegment(match[2]);
  if (id === undefined || !humanIdPattern.test(id)) {
    return { kind: "invalid", reason: "The link is a registry link, but its ID is not valid." };
  }
  return { kind: pathKinds[match[1] as keyof typeof pathKinds], id };
}

/** Only http(s) URLs: other schemes (javascript:, data:, WIFI:) are never offered as links. */
function parseWebUrl(text: string): URL | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
