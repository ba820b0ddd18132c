// Telecom aggregators (USSD menus, inbound SMS) call Baara's /api endpoints with a
// shared secret, CHANNEL_TOKEN, either as `?token=` in the callback URL or as the
// password of HTTP basic auth (the user name is ignored): aggregators differ.
import { createHash, timingSafeEqual } from "node:crypto";

/** The token `npm run demo` and development use; production must set its own. */
export const DEMO_CHANNEL_TOKEN = "baara-demo-canal";

/** The token expected now: CHANNEL_TOKEN; in development and tests the demo token; in production none (off). */
export function expectedChannelToken(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHANNEL_TOKEN) return env.CHANNEL_TOKEN;
  return env.NODE_ENV === "production" ? null : DEMO_CHANNEL_TOKEN;
}

function presentedTokens(request: Request): string[] {
  const found: string[] = [];
  const query = new URL(request.url).searchParams.get("token");
  if (query) found.push(query);
  const authorization = request.headers.get("authorization") ?? "";
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon >= 0) found.push(decoded.slice(colon + 1));
  }
  return found;
}

// Hashing both sides first gives equal lengths, so the comparison's time says nothing about the token.
function sameSecret(presented: string, expected: string) {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Null when the request carries the right token; else the answer to give:
 * 503 when no token is configured (the endpoints are off), 401 otherwise.
 */
export function refuseUntrustedGateway(request: Request, env: NodeJS.ProcessEnv = process.env): Response | null {
  const expected = expectedChannelToken(env);
  const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
  if (!expected) return new Response("Channel endpoints are off: set CHANNEL_TOKEN.\n", { status: 503, headers });
  if (presentedTokens(request).some((token) => sameSecret(token, expected))) return null;
  return new Response("Unauthorized\n", {
    status: 401,
    headers: { ...headers, "WWW-Authenticate": 'Basic realm="baara-channels", charset="UTF-8"' },
  });
}
