// Fraud reports, the demo candidate's notifications and alerts, saved searches,
// and the audit trail of offer moderation.
import { createHash } from "node:crypto";
import type { AppPlan } from "./applications";
import { audit, type Candidate, type Ctx, insert, type Staff } from "./context";
import { FRAUD_DETAILS } from "./names";
import type { OfferPlan } from "./offers";
import { DAY, HOUR, lowerBound } from "./random";
import { TRADE_TEXT } from "./trades";

export function createFraudReports(ctx: Ctx, offers: OfferPlan[], candidates: Candidate[]): number {
  const { rng, now } = ctx;
  const published = offers.filter((o) => o.status === "published" && !o.org.isDemo);
  const count = Math.min(300, Math.max(3, Math.round(published.length * 0.012)));
  const times = candidates.map((c) => c.createdAt);
  let made = 0;
  for (const offer of rng.sample(published, count)) {
    const at = offer.publishedAt! + rng.between(0.2, 1) * (now - HOUR - offer.publishedAt!);
    const reason = rng.weighted<keyof typeof FRAUD_DETAILS>({
      money: 35,
      fake: 25,
      trafficking: 10,
      discrimination: 10,
      other: 20,
    });
    const bound = lowerBound(times, at - DAY);
    const reporter = bound > 0 && rng.chance(0.7) ? candidates[rng.int(0, bound - 1)]! : null;
    insert(ctx, "fraud_reports", {
      offer_id: offer.id,
      reporter_id: reporter?.id ?? null,
      reporter_ip_hash: reporter ? null : createHash("sha256").update(`demo-visitor-${made}`).digest("hex"),
      reason,
      details: rng.chance(0.85) ? rng.pick(FRAUD_DETAILS[reason]) : null,
      status: "open",
      created_at: Math.round(at),
    });
    made++;
  }
  return made;
}

/** In-app notifications for each status change of the demo candidate's applications. */
export function createDemoNotifications(ctx: Ctx, plans: AppPlan[]): number {
  let made = 0;
  for (const plan of plans) {
    for (const event of plan.events) {
      if (event.to === "submitted" || event.actorId === plan.candidate.id) continue;
      const filled = event.note === "position_filled";
      insert(ctx, "notifications", {
        user_id: plan.candidate.id,
        // application.positionFilled is what closeOpenApplications sends.
        kind: filled ? "application.positionFilled" : "application.status_changed",
        payload: filled
          ? { offerId: plan.offer.id, offerTitle: plan.offer.title }
          : { offerId: plan.offer.id, offerTitle: plan.offer.title, status: event.to },
        link: "/candidat/candidatures",
        read_at: event.at < ctx.now - 7 * DAY ? Math.round(event.at + DAY) : null,
        created_at: Math.round(event.at),
      });
      made++;
    }
  }
  return made;
}

/** The demo candidate's alert, and alerts for about 2 % of candidates on their first trade. */
export function createSavedSearches(ctx: Ctx, aminata: Candidate, candidates: Candidate[]): number {
  const { rng, now } = ctx;
  insert(ctx, "saved_searches", {
    user_id: aminata.id,
    label: "Mécanicien à Bamako",
    query: { q: "mécanicien", region: "bamako" },
    last_checked_at: now - 6 * HOUR,
    last_digest_at: now - DAY,
    created_at: now - 90 * DAY,
  });
  let made = 1;
  for (const c of rng.sample(candidates, Math.min(500, Math.round(candidates.length * 0.02)))) {
    const noun = TRADE_TEXT[c.trades[0]!].noun;
    const created = c.createdAt + rng.next() * (now - c.createdAt);
    insert(ctx, "saved_searches", {
      user_id: c.id,
      label: noun.charAt(0).toUpperCase() + noun.slice(1),
      query: rng.chance(0.6) ? { q: noun, region: c.region } : { q: noun },
      last_checked_at: Math.round(Math.max(created, now - rng.between(0, 2) * DAY)),
      created_at: Math.round(created),
    });
    made++;
  }
  return made;
}

/** Audit entries for rejected offers: each moderation decision is logged. */
export function auditModeration(ctx: Ctx, staff: Staff, offers: OfferPlan[]) {
  for (const offer of offers) {
    if (offer.status !== "rejected") continue;
    audit(ctx, {
      actorId: ctx.rng.pick(staff.counsellors).id,
      action: "offer.rejected",
      subjectType: "offer",
      subjectId: offer.id,
      detail: { reason: offer.rejectionReason },
      at: Math.min(offer.createdAt + DAY, ctx.now - HOUR),
    });
  }
}
