// HTTP protections shared by the Express server (every response) and the
// document renderer (the Content-Security-Policy, which needs the page's nonce).

/**
 * Scripts run only from this site and with this response's nonce (React
 * Router's inline scripts): no `unsafe-inline` script. Styles may be inline
 * (chart bars), which cannot run code. Nothing may frame the portal.
 */
export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Headers every response carries (HSTS only in production, where HTTPS is expected). */
export function baseSecurityHeaders(production: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(production ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request that changes something comes from another site: its
 * `Sec-Fetch-Site` says cross-site, or its `Origin` is not this host. Requests
 * without either (old browsers, scripts) pass: the SameSite cookie still holds.
 */
export function isCrossSiteWrite(
  method: string,
  headers: { get(name: string): string | null },
  host: string | undefined,
) {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = headers.get("origin");
  if (!origin || origin === "null") return origin === "null";
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
