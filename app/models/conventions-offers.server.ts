// The commitments an employer's offer may serve: the organisation's own, in a
// convention in force, of the offer's type; an offer keeps the link it has.

import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { versionInForce } from "~/models/convention-terms.server";
import type { Db, Tx } from "~/utils/db.server";
import { conventionCommitments, conventions, conventionVersions, offers, partnerships } from "../../db/schema";
import { type CommitmentView, USABLE_CONVENTION_STATUSES } from "./conventions-view.server";

export type UsableCommitment = CommitmentView & {
  /** The select's value: `<conventionId>:<key>`. */
  value: string;
  conventionId: number;
  reference: string;
};

/**
 * The commitments, as the version in force states them, of the organisation's
 * conventions that are signed and not yet closed (status signed or active).
 */
export function usableCommitments(db: Db | Tx, orgId: number): UsableCommitment[] {
  return commitmentsInForce(
    db,
    and(eq(conventions.orgId, orgId), inArray(partnerships.status, [...USABLE_CONVENTION_STATUSES])),
  );
}

/** The choices of an offer's form: the usable commitments, and the one the offer already serves even if closed. */
export function offerCommitmentChoices(
  db: Db | Tx,
  orgId: number,
  offer?: { conventionId: number | null; commitmentKey: number | null },
): UsableCommitment[] {
  const usable = usableCommitments(db, orgId);
  const { conventionId, commitmentKey } = offer ?? {};
  if (!conventionId || !commitmentKey || usable.some((c) => c.value === `${conventionId}:${commitmentKey}`))
    return usable;
  const linked = commitmentsInForce(
    db,
    and(eq(conventions.id, conventionId), eq(conventions.orgId, orgId), eq(conventionCommitments.key, commitmentKey)),
  );
  return [...linked, ...usable];
}

function commitmentsInForce(db: Db | Tx, where: SQL | undefined): UsableCommitment[] {
  const rows = db
    .select({
      conventionId: conventions.id,
      reference: conventions.reference,
      commitment: conventionCommitments,
    })
    .from(conventions)
    .innerJoin(partnerships, eq(partnerships.id, conventions.partnershipId))
    .innerJoin(conventionVersions, versionInForce)
    .innerJoin(conventionCommitments, eq(conventionCommitments.versionId, conventionVersions.id))
    .where(where)
    .orderBy(desc(conventions.signedOn), asc(conventions.id), asc(conventionCommitments.key))
    .all();
  return rows.map(({ conventionId, reference, commitment: { id: _id, versionId: _v, ...c } }) => ({
    ...c,
    value: `${conventionId}:${c.key}`,
    conventionId,
    reference,
  }));
}

/** One commitment of a convention in force, with the convention's organisation and partnership status. */
export function commitmentOf(db: Db | Tx, conventionId: number, key: number) {
  return db
    .select({
      orgId: conventions.orgId,
      reference: conventions.reference,
      status: partnerships.status,
      offerType: conventionCommitments.offerType,
    })
    .from(conventions)
    .innerJoin(partnerships, eq(partnerships.id, conventions.partnershipId))
    .innerJoin(conventionVersions, versionInForce)
    .innerJoin(
      conventionCommitments,
      and(eq(conventionCommitments.versionId, conventionVersions.id), eq(conventionCommitments.key, key)),
    )
    .where(eq(conventions.id, conventionId))
    .get();
}

/** The reference of a convention, for an offer's page. */
export function conventionReference(db: Db | Tx, conventionId: number | null) {
  if (conventionId === null) return null;
  return (
    db.select({ reference: conventions.reference }).from(conventions).where(eq(conventions.id, conventionId)).get()
      ?.reference ?? null
  );
}

/**
 * Why an offer of `orgId` may not serve this commitment (a locale key of
 * conventions.json), or null: it must be the organisation's, in a convention
 * signed and not closed, and of the offer's type. `keep` is the offer's
 * current link, kept as it is even once its convention has closed.
 */
export function offerCommitmentRefusal(
  db: Db | Tx,
  {
    orgId,
    offerType,
    conventionId,
    key,
    keep,
  }: {
    orgId: number;
    offerType: string;
    conventionId: number;
    key: number;
    keep?: { conventionId: number | null; commitmentKey: number | null };
  },
): string | null {
  const unchanged = keep?.conventionId === conventionId && keep.commitmentKey === key;
  const commitment = commitmentOf(db, conventionId, key);
  if (!commitment || commitment.orgId !== orgId) return "conventions:offer.notYours";
  if (!unchanged && !USABLE_CONVENTION_STATUSES.includes(commitment.status)) return "conventions:offer.notInForce";
  if (commitment.offerType !== offerType) return `conventions:offer.typeMismatch.${commitment.offerType}`;
  return null;
}

/** The commitments' keys that linked offers name. */
export function keysInUse(tx: Db | Tx, conventionId: number) {
  return tx
    .selectDistinct({ key: offers.commitmentKey })
    .from(offers)
    .where(and(eq(offers.conventionId, conventionId), sql`${offers.commitmentKey} IS NOT NULL`))
    .all()
    .map((r) => r.key!);
}
