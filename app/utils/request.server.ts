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

/** A path inside this site, or the fallback: `redirectTo` never leaves the portal. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  // Browsers drop tabs and newlines and read a backslash as a slash: "/\t/evil" would leave the site.
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u0020\u007F\\]/.test(to) || to.startsWith("//")) {
    return fallback;
  }
  return to;
}
