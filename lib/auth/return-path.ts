import "server-only";
import { config } from "@/lib/platform/config";

/**
 * Only pages on this site: an open redirect after sign-in would be a phishing aid. The value is
 * resolved as a browser would resolve it against the app's URL and must stay on that origin.
 * Control characters and backslashes are refused outright: browsers drop tab, CR and LF inside
 * URLs and read `\` as `/`, so `/\t/evil.example` reaches them as `//evil.example`, another site;
 * and CR/LF/NUL must never reach a Location header or a cookie. Answers the path, query and
 * fragment, never a path that starts with `//` (which a browser reads as another host).
 */
export function safeReturnPath(value: unknown, fallback = "/", appUrl: string = config().appUrl): string {
  if (typeof value !== "string" || value === "" || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  const origin = new URL(appUrl).origin;
  let target: URL;
  try {
    target = new URL(value, `${origin}/`);
  } catch {
    return fallback;
  }
  if (target.origin !== origin) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  return path.startsWith("//") ? fallback : path;
}
