// What a candidate typed on the apply form, kept while they complete their profile,
// and the way back from the profile to that form. The draft travels in a signed cookie
// (no table, and it works without JavaScript), scoped to the offer's pages and tied to
// the account, so that another person on a shared phone never sees it.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { createCookie } from "react-router";
import { z } from "zod";
import { MESSAGE_MAX } from "~/schemas/application";
import { cookieSecret } from "./cookie-secret.server";
import { secure } from "./session.server";

export type ApplyDraft = { message: string; cv: "attach" | "none" };

const draftSchema = z.object({
  offerId: z.number().int(),
  userId: z.number().int(),
  message: z.string().max(MESSAGE_MAX),
  cv: z.enum(["attach", "none"]),
});

// An hour to fill in a profile; the key lives as long as the start (a restart loses the draft, not the profile).
const draftCookie = createCookie("baara_apply_draft", {
  httpOnly: true,
  sameSite: "lax",
  secure,
  maxAge: 60 * 60,
  secrets: [cookieSecret("apply-draft")],
});

// Browsers keep a cookie's name and value up to 4 096 bytes.
const COOKIE_MAX = 4000;

export const applyPath = (offerId: number) => `/offres/${offerId}/postuler`;
// `/offres/12` also covers `/offres/12/postuler.data`, the address React Router loads the page's data from.
const cookiePath = (offerId: number) => `/offres/${offerId}`;

/** The profile page, set to come back to this offer's form after saving (`#cv`: straight to the CV). */
export const profileReturningTo = (offerId: number, hash = "") =>
  `/candidat/profil?retour=${applyPath(offerId)}${hash}`;

/**
 * The apply form a profile page was opened from (`?retour=`), or null: only an apply page
 * of this site is accepted, never another site ("//evil.example", "https://…") nor another page.
 */
export function returnToApply(url: URL): string | null {
  const retour = url.searchParams.get("retour");
  return retour && /^\/offres\/[1-9]\d{0,15}\/postuler$/.test(retour) ? retour : null;
}

/** The Set-Cookie header that keeps the draft, or null when it is too long for a browser to keep. */
export async function keepDraft(offerId: number, userId: number, draft: ApplyDraft): Promise<string | null> {
  // Compressed: a message written in N'Ko or with accents takes two bytes a letter.
  const packed = deflateRawSync(JSON.stringify({ offerId, userId, ...draft })).toString("base64url");
  const header = await draftCookie.serialize(packed, { path: cookiePath(offerId) });
  return header.split(";")[0]!.length <= COOKIE_MAX ? header : null;
}

/** This person's draft for this offer, if one is kept. */
export async function readDraft(request: Request, offerId: number, userId: number): Promise<ApplyDraft | null> {
  const packed: unknown = await draftCookie.parse(request.headers.get("Cookie"));
  if (typeof packed !== "string" || packed === "") return null;
  try {
    const parsed = draftSchema.safeParse(JSON.parse(inflateRawSync(Buffer.from(packed, "base64url")).toString()));
    if (!parsed.success || parsed.data.offerId !== offerId || parsed.data.userId !== userId) return null;
    return { message: parsed.data.message, cv: parsed.data.cv };
  } catch {
    return null;
  }
}

/** The Set-Cookie header that forgets the draft (the application is sent). */
export const dropDraft = (offerId: number) => draftCookie.serialize("", { path: cookiePath(offerId), maxAge: 0 });
