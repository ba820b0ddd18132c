// The key that signs the short-lived cookies (a flash message, an apply draft). Every
// worker of one start must share it: the POST that sets the cookie and the GET that reads
// it may reach different workers. The first process to ask makes one and leaves it in its
// environment, which the cluster's workers inherit (the primary asks before forking).
// It lives as long as the start: a restart only loses a message or a draft.
import { createHmac, randomBytes } from "node:crypto";

export const COOKIE_SECRET_ENV = "BAARA_COOKIE_SECRET";

/** This start's key for one use ("flash", "apply-draft"): one cookie's signature never fits another. */
export function cookieSecret(use: string, env: NodeJS.ProcessEnv = process.env): string {
  env[COOKIE_SECRET_ENV] ||= randomBytes(32).toString("hex");
  return createHmac("sha256", env[COOKIE_SECRET_ENV]).update(use).digest("hex");
}
