// What an action did ("Offre enregistrée"), told once on the page it redirects to.
// It travels in a short-lived cookie of its own, so that it works without JavaScript
// and for a visitor without a session, and leaves no flag in the address to share.
import { createCookie, data, redirect } from "react-router";
import { z } from "zod";
import { cookieSecret } from "./cookie-secret.server";
import { secure } from "./session.server";

const flashSchema = z.object({
  /** A locale key, with its namespace: `candidate:alerts.notice.saved`. */
  message: z.string().min(1).max(100),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** A second line under the message, a locale key too. */
  detail: z.string().min(1).max(100).optional(),
});

export type Flash = z.infer<typeof flashSchema>;

// The cookie is signed so that only this server's actions say what was done (cookie-secret.server.ts).
export const flashCookie = createCookie("baara_flash", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure,
  maxAge: 60,
  secrets: [cookieSecret("flash")],
});

/** A redirect that carries a flash message to the next page. */
export function redirectWithFlash(url: string, flash: Flash, init: ResponseInit = {}) {
  return addFlash(redirect(url, init), flash);
}

/** Adds a flash message to a redirect made elsewhere (the one that opens or ends a session). */
export async function addFlash(response: Response, flash: Flash) {
  response.headers.append("Set-Cookie", await flashCookie.serialize(flash));
  return response;
}

const clearFlash = () => flashCookie.serialize("", { maxAge: 0 });

/**
 * The message this request carries, if any and well formed, and the headers that
 * clear it: a loader returns them with its data so that the message shows once.
 */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: Headers }> {
  const headers = new Headers();
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes(`${flashCookie.name}=`)) return { flash: null, headers };
  headers.append("Set-Cookie", await clearFlash());
  const parsed = flashSchema.safeParse(await flashCookie.parse(cookieHeader));
  return { flash: parsed.success ? parsed.data : null, headers };
}

/** A loader's `value`, sent with the header that clears the flash it read; plain data when there was none. */
export function withFlashCleared<T>(value: T, headers: Headers) {
  return headers.has("Set-Cookie") ? data(value, { headers }) : value;
}
