// An organisation's own offers, as its employers see and change them: the
// list, saving (draft or submitted), duplicating, closing and filling. Every
// status change goes through the offer lifecycle (lifecycles/offer.server.ts).
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { OfferInput, OfferIntent } from "~/schemas/offer";
import { isoToday } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { type OfferStatus, offers, organisations } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { offerCommitmentRefusal } from "./conventions-offers.server";
import { closeOpenApplications } from "./lifecycles/application.server";
import { findMove } from "./lifecycles/lifecycle";
import { isEditable, offerLifecycle } from "./lifecycles/offer";
import { insertOffer, transitionOffer, updateOfferFields } from "./lifecycles/offer.server";
import { checkOfferRules, riskFlags } from "./offer-rules";
import { applicantAccess, getEmployerMembership, isOrgMember } from "./organisations.server";

/** An offer of the employer's own organisation, or null (never another organisation's). */
export function findOfferOfMember(db: Db | Tx, userId: number, offerId: number) {
  const offer = db.select().from(offers).where(eq(offers.id, offerId)).get();
  if (!offer || !isOrgMember(db, userId, offer.orgId)) return null;
  return offer;
}

/** Offers on one page of an employer's list: a large company's years of offers stay quick to read. */
export const ORG_OFFERS_PAGE_SIZE = 25;

/**
 * One page of the organisation's offers, newest first, with their applicants and those waiting; a
 * page past the last gives the last. The total is counted apart, so that the applicants are counted
 * for the page's offers only.
 */
export function listOffersOfOrg(db: Db, orgId: number, status?: OfferStatus, requestedPage = 1) {
  const where = and(eq(offers.orgId, orgId), status ? eq(offers.status, status) : undefined);
  const total = db.select({ n: sql<number>`count(*)` }).from(offers).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / ORG_OFFERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pageCount);
  const rows = db
    .select({
      id: offers.id,
      title: offers.title,
      type: offers.type,
      status: offers.status,
      closingDate: offers.closingDate,
      publishedAt: offers.publishedAt,
      createdAt: offers.createdAt,
      positions: offers.positions,
      applicants: sql<number>`(SELECT count(*) FROM applications a WHERE a.offer_id = "offers"."id")`,
      waiting: sql<number>`(SELECT count(*) FROM applications a WHERE a.offer_id = "offers"."id" AND a.status = 'submitted')`,
    })
    .from(offers)
    .where(where)
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .limit(ORG_OFFERS_PAGE_SIZE)
    .offset((page - 1) * ORG_OFFERS_PAGE_SIZE)
    .all();
  return { rows, total, page, pageCount };
}

export type SaveOfferResult =
  | { ok: true; offerId: number; status: OfferStatus; flags: string[] }
  | { ok: false; fieldErrors: FieldErrors; formError?: string };

function publishedCountOfOrg(db: Db | Tx, orgId: number, exceptOfferId?: number) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(offers)
      .where(
        and(
          eq(offers.orgId, orgId),
          sql`${offers.publishedAt} IS NOT NULL`,
          exceptOfferId === undefined ? undefined : ne(offers.id, exceptOfferId),
        ),
      )
      .get()?.n ?? 0
  );
}

/**
 * Creates or updates an offer of the employer's organisation. `draft` saves it
 * as a draft whatever its content's risks; `submit` checks every rule, then
 * publishes it or, when a risk rule holds it, sends it to a counsellor
 * (`pending`, with the rules' codes). An unverified organisation cannot submit.
 * Editing a published offer runs the risk rules again (but not "first offer").
 */
export function saveOffer(
  db: Db,
  {
    userId,
    offerId,
    input,
    intent,
    today = isoToday(),
  }: {
    userId: number;
    offerId?: number;
    input: OfferInput;
    intent: OfferIntent;
    today?: string;
  },
): SaveOfferResult | null {
  const membership = getEmployerMembership(db, userId);
  if (!membership) return null;
  const existing = offerId === undefined ? undefined : findOfferOfMember(db, userId, offerId);
  if (offerId !== undefined && !existing) return null;
  const orgId = existing?.orgId ?? membership.org.id;

  if (existing && !isEditable(existing.status)) {
    return { ok: false, fieldErrors: {}, formError: "offer.rules.notEditable" };
  }
  // Reports took it down: only a counsellor's decision brings it back.
  if (existing?.moderationFlags.includes("reported")) {
    return { ok: false, fieldErrors: {}, formError: "offer.rules.underReview" };
  }
  const { commitment, ...content } = input;
  const fieldErrors = checkOfferRules(input, today);
  // The commitment served: the organisation's own, in force, of the offer's type (its link kept as it was).
  const refusal =
    commitment &&
    offerCommitmentRefusal(db, { orgId, offerType: input.type, ...commitment, keep: existing ?? undefined });
  if (refusal) fieldErrors.commitment = refusal;
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const link =
    commitment === undefined
      ? {}
      : { conventionId: commitment?.conventionId ?? null, commitmentKey: commitment?.key ?? null };
  const fields = { ...content, ...link };

  const org = existing ? db.select().from(organisations).where(eq(organisations.id, orgId)).get()! : membership.org;
  const wasPublished = existing?.status === "published";
  const submitted = intent === "submit" || wasPublished;
  let flags: string[] = [];
  if (submitted) {
    if (org.verificationStatus !== "verified") {
      return { ok: false, fieldErrors: {}, formError: `offer.rules.orgNotVerified.${org.verificationStatus}` };
    }
    flags = riskFlags({
      text: `${input.title}\n${input.description}`,
      publishedOffersOfOrg: publishedCountOfOrg(db, orgId, existing?.id),
    });
    if (wasPublished) flags = flags.filter((f) => f !== "first_offer");
  }
  // A rejected offer, edited, goes back to a counsellor (marked `resubmitted`) and
  // keeps that mark while it is a draft again.
  if (existing?.status === "rejected" || existing?.moderationFlags.includes("resubmitted")) {
    flags = [...new Set([...flags, "resubmitted"])];
  }
  const action = !submitted ? "saveDraft" : flags.length > 0 ? "submitForReview" : "submit";
  // A new offer takes the status the same save gives a draft.
  const status = findMove(offerLifecycle, action, existing?.status ?? "draft", "owner")!.to;

  return db.transaction((tx): SaveOfferResult => {
    if (!existing) {
      const created = insertOffer(tx, { orgId, createdBy: userId, fields, status, flags });
      const detail = { status, flags };
      recordAudit(tx, { actorId: userId, action: "offer.created", subjectType: "offer", subjectId: created, detail });
      return { ok: true, offerId: created, status, flags };
    }
    updateOfferFields(tx, existing.id, fields);
    const actor = { userId, roles: ["employer"] as const };
    const moved = transitionOffer(tx, { offerId: existing.id, action, actor, flags, detail: { status, flags } });
    if (!moved.ok) throw new Error(`saveOffer: ${moved.reason}`);
    return { ok: true, offerId: existing.id, status, flags };
  });
}

/** A copy of one of the organisation's offers, as a new draft to edit. */
export function duplicateOffer(db: Db, userId: number, offerId: number) {
  const source = findOfferOfMember(db, userId, offerId);
  if (!source) return null;
  const { id: _id, createdAt: _c, updatedAt: _u, publishedAt: _p, closedAt: _cl, ...copy } = source;
  return db.transaction((tx) => {
    const id = tx
      .insert(offers)
      .values({ ...copy, status: "draft", moderationFlags: [], rejectionReason: null, createdBy: userId })
      .returning({ id: offers.id })
      .get().id;
    const detail = { from: offerId };
    recordAudit(tx, { actorId: userId, action: "offer.duplicated", subjectType: "offer", subjectId: id, detail });
    return id;
  });
}

/**
 * Closes an offer (`closed`) or marks it `filled`. Its open applications close
 * with the reason `position_filled`, and their candidates are told. A suspended
 * or rejected organisation cannot: its applications wait for a counsellor.
 */
export function endOffer(db: Db, userId: number, offerId: number, outcome: "closed" | "filled") {
  const offer = findOfferOfMember(db, userId, offerId);
  if (!offer) return null;
  // Told before the status: the page explains why the organisation cannot.
  if (applicantAccess(db, userId, offer.orgId)?.withheld) return { ok: false as const, reason: "withheld" as const };
  return db.transaction((tx) => {
    const moved = transitionOffer(tx, {
      offerId,
      action: outcome === "closed" ? "close" : "fill",
      actor: { userId, roles: ["employer"] },
    });
    if (!moved.ok) return { ok: false as const, reason: "notOpen" as const };
    closeOpenApplications(tx, offer.id, offer.title, userId);
    return { ok: true as const };
  });
}
