import type { AppLoadContext } from "react-router";

declare module "react-router" {
  interface AppLoadContext {
    /** The client's address as Express saw it (trusting only a local proxy). */
    clientIp?: string;
    requestId?: string;
  }
}

export function clientIp(context: AppLoadContext | undefined): string {
  return context?.clientIp ?? "unknown";
}

const HERE = "http://portal.invalid";

/**
 * A path inside this site, or the fallback: `redirectTo` never leaves the portal.
 * The path comes back as the URL parser writes it (percent-encoded ASCII), since a
 * `Location` header cannot carry "／" or an ideographic space.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  // Browsers drop tabs and newlines and read a backslash as a slash: "/\t/evil" would leave the site.
  if (
    typeof to !== "string" ||
    !to.startsWith("/") ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
    /[\u0000-\u0020\u007F-\u00A0\u2028\u2029\\]/.test(to) ||
    to.startsWith("//")
  ) {
    return fallback;
  }
  const url = new URL(to, HERE);
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil" becomes "//evil" once its dot segment is resolved.
  return url.origin === HERE && !path.startsWith("//") ? path : fallback;
}
