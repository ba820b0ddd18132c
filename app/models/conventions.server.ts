// Writing conventions: the signed text (version 1, with the partnership's `sign`
// step in the same transaction) and each amendment as a new version that copies
// what it does not change. No version is ever rewritten.
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "~/models/audit.server";
import { type PartnershipActor, transitionPartnership } from "~/models/lifecycles/partnership.server";
import { notifyOrganisation } from "~/models/notifications.server";
import { isoToday } from "~/utils/dates";
import type { Db, Tx } from "~/utils/db.server";
import {
  type CommitmentAudience,
  conventionCommitments,
  conventions,
  conventionVersions,
  type OfferType,
  organisations,
  partnerships,
} from "../../db/schema";
import { keysInUse } from "./conventions-offers.server";
import {
  type CommitmentView,
  commitmentsOfVersion,
  termChanges,
  USABLE_CONVENTION_STATUSES,
} from "./conventions-view.server";

export type ConventionRefusal = { ok: false; reason: string; field?: string; key?: number };

type Commitment = {
  key?: number | null;
  offerType: OfferType;
  quantity: number;
  trade: string | null;
  region: string | null;
  durationMonths: number | null;
  audience?: CommitmentAudience;
};
/** `row`: the form's row, to put a refusal back on it. */
type Contribution = { partnerId: number; description: string; amountFcfa: number | null; row?: number };

export type SignConventionRequest = {
  partnershipId: number;
  reference: string;
  signedOn: string;
  startDate: string;
  endDate: string;
  signatories: string;
  partnerIds: number[];
  contributions: Contribution[];
  commitments: Commitment[];
  actor: PartnershipActor;
  ip?: string;
  now?: Date;
};

/** Thrown inside a transaction to roll it back and say why. */
class Refused extends Error {
  constructor(readonly refusal: ConventionRefusal) {
    super(refusal.reason);
  }
}

/** The ids among `ids` that are not partner organisations. */
function notPartners(tx: Db | Tx, ids: number[]) {
  if (ids.length === 0) return [];
  const found = tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(inArray(organisations.id, ids), eq(organisations.kind, "partner")))
    .all();
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** Each contribution must come from a party to the convention. */
function contributionRefusal(contributions: Contribution[], partnerIds: number[]): ConventionRefusal | null {
  const index = contributions.findIndex((c) => !partnerIds.includes(c.partnerId));
  if (index < 0) return null;
  return { ok: false, reason: "contribution_partner", field: `k${contributions[index]?.row ?? index}_partnerId` };
}

const commitmentRow = (versionId: number, c: Commitment, key: number) => ({
  versionId,
  key,
  offerType: c.offerType,
  quantity: c.quantity,
  trade: c.trade,
  region: c.region,
  durationMonths: c.durationMonths,
  audience: c.audience ?? "all",
});

const contributionRows = (list: Contribution[]) =>
  list.map((c) => ({ partnerId: c.partnerId, description: c.description, amountFcfa: c.amountFcfa }));

/**
 * Writes the convention, its signed version and commitments (keys 1..n), and
 * moves the partnership to `signed`, in one transaction: when the lifecycle
 * refuses, nothing is written. The lifecycle's `partnership.signed` audit line
 * is the signing's only one.
 */
export function signConvention(db: Db, request: SignConventionRequest): { ok: true; id: number } | ConventionRefusal {
  const { partnershipId, actor, now = new Date() } = request;
  const partnership = db.select().from(partnerships).where(eq(partnerships.id, partnershipId)).get();
  if (!partnership) return { ok: false, reason: "notFound" };
  const already = db.select().from(conventions).where(eq(conventions.partnershipId, partnershipId)).get();
  if (already) return { ok: false, reason: "notAllowed" };
  if (notPartners(db, request.partnerIds).length > 0)
    return { ok: false, reason: "partner_invalid", field: "partnerIds" };
  const badContribution = contributionRefusal(request.contributions, request.partnerIds);
  if (badContribution) return badContribution;
  const taken = db.select().from(conventions).where(eq(conventions.reference, request.reference)).get();
  if (taken) return { ok: false, reason: "reference_taken", field: "reference" };

  try {
    return db.transaction((tx) => {
      const conventionId = tx
        .insert(conventions)
        .values({
          partnershipId,
          orgId: partnership.orgId,
          programmeId: partnership.programmeId,
          reference: request.reference,
          signedOn: request.signedOn,
          createdAt: now,
        })
        .returning({ id: conventions.id })
        .get().id;
      const versionId = tx
        .insert(conventionVersions)
        .values({
          conventionId,
          version: 1,
          startDate: request.startDate,
          endDate: request.endDate,
          signatories: request.signatories,
          partnerIds: [...new Set(request.partnerIds)],
          contributions: contributionRows(request.contributions),
          signedOn: request.signedOn,
          createdBy: actor.userId,
          createdAt: now,
        })
        .returning({ id: conventionVersions.id })
        .get().id;
      request.commitments.forEach((c, i) => {
        tx.insert(conventionCommitments)
          .values(commitmentRow(versionId, c, i + 1))
          .run();
      });
      const moved = transitionPartnership(tx, {
        partnershipId,
        action: "sign",
        actor,
        happenedOn: request.signedOn,
        now,
        ip: request.ip,
      });
      if (!moved.ok) throw new Refused({ ok: false, reason: moved.reason });
      return { ok: true as const, id: conventionId };
    });
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

export type AmendConventionRequest = {
  conventionId: number;
  reason: string;
  signedOn: string;
  startDate?: string;
  endDate?: string;
  /** The full new list: a known key is that commitment changed or kept, no key is a new one, a missing key goes. */
  commitments: Commitment[];
  contributions?: Contribution[];
  actor: PartnershipActor;
  ip?: string;
  now?: Date;
};

/** The highest key any version ever gave, so that a removed commitment's key is never given again. */
function highestKey(tx: Db | Tx, conventionId: number) {
  return (
    tx
      .select({ max: sql<number | null>`max(${conventionCommitments.key})` })
      .from(conventionCommitments)
      .innerJoin(conventionVersions, eq(conventionVersions.id, conventionCommitments.versionId))
      .where(eq(conventionVersions.conventionId, conventionId))
      .get()?.max ?? 0
  );
}

/**
 * Adds the next version of a signed or active convention with who, when and why,
 * copying what the amendment leaves out. Refused when nothing changes, when the
 * dates are inverted, and when a commitment that offers name would be removed
 * (`commitment_in_use`: their results would lose their commitment; lower its
 * quantity instead). Tells the company.
 */
export function amendConvention(
  db: Db,
  request: AmendConventionRequest,
): { ok: true; version: number } | ConventionRefusal {
  const { actor, now = new Date() } = request;
  const convention = db.select().from(conventions).where(eq(conventions.id, request.conventionId)).get();
  if (!convention) return { ok: false, reason: "notFound" };
  const staff = actor.roles.includes("counsellor") || actor.roles.includes("admin");
  const partnership = db.select().from(partnerships).where(eq(partnerships.id, convention.partnershipId)).get()!;
  if (!staff || !USABLE_CONVENTION_STATUSES.includes(partnership.status)) return { ok: false, reason: "notAllowed" };
  if (request.signedOn > isoToday(now)) return { ok: false, reason: "date_in_future", field: "signedOn" };
  if (request.signedOn < convention.signedOn) return { ok: false, reason: "date_before_signing", field: "signedOn" };

  const current = db
    .select()
    .from(conventionVersions)
    .where(
      and(
        eq(conventionVersions.conventionId, convention.id),
        eq(conventionVersions.version, convention.currentVersion),
      ),
    )
    .get()!;
  const startDate = request.startDate ?? current.startDate;
  const endDate = request.endDate ?? current.endDate;
  if (endDate <= startDate) return { ok: false, reason: "dates_inverted", field: "endDate" };
  const contributions = request.contributions ?? current.contributions;
  const badContribution = contributionRefusal(contributions, current.partnerIds);
  if (badContribution) return badContribution;

  const before = commitmentsOfVersion(db, current.id);
  const knownKeys = new Set(before.map((c) => c.key));
  const givenKeys = request.commitments.map((c) => c.key).filter((k): k is number => k != null);
  if (givenKeys.some((k) => !knownKeys.has(k)) || new Set(givenKeys).size !== givenKeys.length)
    return { ok: false, reason: "unknown_commitment" };
  const removedInUse = keysInUse(db, convention.id).find((k) => knownKeys.has(k) && !givenKeys.includes(k));
  if (removedInUse !== undefined) return { ok: false, reason: "commitment_in_use", key: removedInUse };

  let nextKey = highestKey(db, convention.id);
  const after: CommitmentView[] = request.commitments.map((c) => {
    const { versionId: _v, ...row } = commitmentRow(0, c, c.key ?? ++nextKey);
    return row;
  });
  const terms = (list: CommitmentView[], start: string, end: string, given: Contribution[]) => ({
    startDate: start,
    endDate: end,
    commitments: list,
    contributions: given.map((c) => ({ ...c, partnerName: "" })),
  });
  const changes = termChanges(
    terms(before, current.startDate, current.endDate, current.contributions),
    terms(after, startDate, endDate, contributions),
  );
  if (changes.length === 0) return { ok: false, reason: "unchanged" };

  const version = convention.currentVersion + 1;
  db.transaction((tx) => {
    const versionId = tx
      .insert(conventionVersions)
      .values({
        conventionId: convention.id,
        version,
        startDate,
        endDate,
        signatories: current.signatories,
        partnerIds: current.partnerIds,
        contributions: contributionRows(contributions),
        reason: request.reason,
        signedOn: request.signedOn,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: conventionVersions.id })
      .get().id;
    for (const c of after)
      tx.insert(conventionCommitments)
        .values({ ...c, versionId })
        .run();
    tx.update(conventions).set({ currentVersion: version }).where(eq(conventions.id, convention.id)).run();
    // While signed, the next step is the start: a moved start moves it.
    if (partnership.status === "signed" && startDate !== current.startDate)
      tx.update(partnerships).set({ nextStepDue: startDate }).where(eq(partnerships.id, partnership.id)).run();
    recordAudit(tx, {
      actorId: actor.userId,
      action: "convention.amended",
      subjectType: "partnership",
      subjectId: partnership.id,
      detail: { reference: convention.reference, version, changes: changes.map((c) => c.kind) },
      ip: request.ip,
    });
    notifyOrganisation(tx, convention.orgId, {
      kind: "partnership.amended",
      payload: { reference: convention.reference, version },
      link: `/employeur/partenariats/${partnership.id}`,
    });
  });
  return { ok: true, version };
}
