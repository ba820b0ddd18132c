// What a counsellor's referral will send, shown for confirmation before anything is
// sent: who, to which offer. The send itself is applyToOffer; this only reads.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import { applications, candidateProfiles, offers, organisations, users } from "../../db/schema";
import { isOpenOffer } from "./offers.server";

export type ReferralPreview =
  | {
      ok: true;
      candidate: { id: number; name: string };
      offer: { id: number; title: string; orgName: string };
    }
  | { ok: false; reason: "not_candidate" | "offer_not_open" | "already_applied" };

export function previewReferral(db: Db, candidateId: number, offerId: number): ReferralPreview {
  const candidate = db
    .select({ firstName: candidateProfiles.firstName, lastName: candidateProfiles.lastName })
    .from(candidateProfiles)
    .innerJoin(users, eq(users.id, candidateProfiles.userId))
    .where(
      and(
        eq(candidateProfiles.userId, candidateId),
        eq(users.role, "candidat"),
        isNull(users.deletedAt),
        isNull(users.disabledAt),
      ),
    )
    .get();
  if (!candidate) return { ok: false, reason: "not_candidate" };
  const offer = db
    .select({ title: offers.title, orgName: organisations.name })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(and(eq(offers.id, offerId), isOpenOffer()))
    .get();
  if (!offer) return { ok: false, reason: "offer_not_open" };
  const applied = db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.offerId, offerId), eq(applications.candidateId, candidateId)))
    .get();
  if (applied) return { ok: false, reason: "already_applied" };
  return {
    ok: true,
    candidate: { id: candidateId, name: `${candidate.firstName} ${candidate.lastName}` },
    offer: { id: offerId, title: offer.title, orgName: offer.orgName },
  };
}
