// What the menu does for a person, through the portal's own write paths: apply
// (applyToOffer, channel "ussd", then an SMS), register, save or stop SMS alerts.
import { and, eq, isNull } from "drizzle-orm";
import { saveAlert } from "~/models/alerts.server";
import { applyToOffer } from "~/models/applications.server";
import { recordAudit } from "~/models/audit.server";
import { ACCOUNT_REGISTERED } from "~/models/limits.server";
import { ensureShortCode } from "~/models/offer-codes.server";
import { queuePhoneMessage } from "~/models/phone-messages.server";
import { setPin } from "~/models/pin.server";
import { toGsm7 } from "~/utils/gsm7";
import { TRADES, type Trade } from "~/utils/reference";
import { candidateProfiles, candidateTrades, offers, savedSearches, users } from "../../../db/schema";
import { label } from "./text.server";
import type { Ctx, Registration } from "./types.server";

const APPLY_OUTCOMES = {
  offer_not_open: "closed",
  daily_limit: "dailyLimit",
  already_applied: "already",
  not_candidate: "refused",
  invalid_cv: "refused",
} as const;

/** Applies with the person's profile; an SMS confirms it (once per application). */
export function applyWithPhone(ctx: Ctx, userId: number, offerId: number) {
  const result = applyToOffer(ctx.db, { candidateId: userId, offerId, channel: "ussd" }, ctx.now.getTime());
  const code = ensureShortCode(ctx.db, offerId);
  if (!result.ok) return { outcome: APPLY_OUTCOMES[result.reason], code };
  const offer = ctx.db.select({ title: offers.title }).from(offers).where(eq(offers.id, offerId)).get();
  queuePhoneMessage(ctx.db, {
    phone: ctx.phone,
    userId,
    template: "ussd:applied",
    locale: ctx.locale,
    payload: { title: toGsm7(offer?.title ?? "").slice(0, 40), code },
    dedupeKey: `ussd:applied:${result.applicationId}`,
  });
  return { outcome: "done" as const, code };
}

/** A new candidate from the consent screen: no password, the number confirmed by the operator, the PIN set. */
export async function registerByPhone(ctx: Ctx, reg: Registration, pin: string) {
  const first = reg.first ?? "";
  const last = reg.last ?? "";
  let userId: number;
  try {
    userId = ctx.db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({
          role: "candidat",
          phone: ctx.phone,
          passwordHash: null,
          displayName: `${first} ${last}`,
          locale: ctx.locale,
          phoneConfirmedAt: ctx.now,
        })
        .returning({ id: users.id })
        .get();
      tx.insert(candidateProfiles)
        .values({
          userId: user.id,
          firstName: first,
          lastName: last,
          region: reg.region ?? null,
          consentAt: ctx.now,
          consentMethod: "ussd",
          smsConsentAt: ctx.now,
        })
        .run();
      if (reg.trade) tx.insert(candidateTrades).values({ userId: user.id, trade: reg.trade }).run();
      recordAudit(tx, {
        actorId: user.id,
        action: ACCOUNT_REGISTERED,
        subjectType: "user",
        subjectId: user.id,
        detail: { role: "candidat", channel: "ussd" },
      });
      return user.id;
    });
  } catch (error) {
    // The number got an account meanwhile (the web, another session): the unique index decides.
    if (error instanceof Error && /UNIQUE constraint failed: users\.phone/.test(error.message)) return null;
    throw error;
  }
  await setPin(ctx.db, userId, pin, { actorId: userId });
  return userId;
}

/**
 * An alert for new offers of a trade (its sector and name) in a region, sent by SMS by the
 * daily digest: subscribing on this number consents to SMS on it, and the operator vouches for it.
 */
export function saveAlertByPhone(ctx: Ctx, userId: number, region: string | null, trade: string | null) {
  const tradeName = trade ? label("trade", trade, "fr") : "";
  const query: Record<string, string> = {};
  if (region) query.region = region;
  if (trade) {
    query.secteur = TRADES[trade as Trade];
    query.q = tradeName;
  }
  const words = {
    trade: trade ? label("trade", trade, ctx.locale) : "*",
    region: region ? label("region", region, ctx.locale) : "*",
  };
  const saved = saveAlert(ctx.db, userId, query, [tradeName, region ? label("region", region, "fr") : ""].join(" "));
  if (!saved.ok) return { outcome: "tooMany" as const, words };
  ctx.db
    .update(candidateProfiles)
    .set({ smsConsentAt: ctx.now })
    .where(and(eq(candidateProfiles.userId, userId), isNull(candidateProfiles.smsConsentAt)))
    .run();
  ctx.db
    .update(users)
    .set({ phoneConfirmedAt: ctx.now })
    .where(and(eq(users.id, userId), eq(users.phone, ctx.phone), isNull(users.phoneConfirmedAt)))
    .run();
  if (saved.duplicate) return { outcome: "duplicate" as const, words };
  recordAudit(ctx.db, {
    actorId: userId,
    action: "ussd.alert_saved",
    subjectType: "user",
    subjectId: userId,
    detail: query,
  });
  return { outcome: "saved" as const, words };
}

/** Stops every alert of the account; false when it had none. */
export function stopAlertsByPhone(ctx: Ctx, userId: number) {
  const removed = ctx.db.delete(savedSearches).where(eq(savedSearches.userId, userId)).run().changes;
  if (removed === 0) return false;
  recordAudit(ctx.db, {
    actorId: userId,
    action: "ussd.alerts_stopped",
    subjectType: "user",
    subjectId: userId,
    detail: { count: removed },
  });
  return true;
}
