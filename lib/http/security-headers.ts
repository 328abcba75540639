// The security headers of every response, in one place (proxy.ts applies them).
import "server-only";

export type SecurityHeaderOptions = {
  /** The public URL; HSTS and upgrade-insecure-requests only when it is https (TLS at the proxy). */
  appUrl: string;
  /** Where sign-in forms may send the browser on: the OpenID provider's origin. */
  identityProviderOrigins: string[];
  /**
   * A fresh random value per request for the page's scripts (proxy.ts makes one for every request,
   * JSON responses included: cheaper than telling them apart); without one no script may run.
   */
  nonce?: string;
  /** next dev needs eval for React's error overlays; production never does. */
  development?: boolean;
};

/**
 * Scripts run only with the request's nonce ('strict-dynamic' lets Next's runtime load its chunks,
 * the camera scanner included). Styles allow 'unsafe-inline': React renders `style` attributes (tray
 * grids, true-size label previews) and CSP cannot nonce attributes. No framing by anyone.
 */
export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const https = options.appUrl.startsWith("https://");
  const scripts = options.nonce
    ? `'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`
    : "'none'";
  const directives = [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${options.identityProviderOrigins.map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // The scanner needs the camera (and nothing else) on our own origin.
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  // Browsers ignore HSTS over plain http; sent only when the public URL is https, so a test or
  // intranet instance on http never pins a host name to https by accident.
  if (options.appUrl.startsWith("https://")) headers["Strict-Transport-Security"] = "max-age=31536000";
  return headers;
}

/** A 128-bit nonce, base64: unpredictable and new for every page request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
