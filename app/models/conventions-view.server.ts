// A convention as pages read it: the version in force, every version before it
// with what changed, and the commitments an employer may link an offer to.
import { asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "~/utils/db.server";
import {
  type CommitmentAudience,
  conventionCommitments,
  conventions,
  conventionVersions,
  type OfferType,
  organisations,
  type PartnershipStatus,
  partnerships,
  programmes,
  users,
} from "../../db/schema";

/** Conventions whose partnership is signed and not yet closed: offers may be linked to them. */
export const USABLE_CONVENTION_STATUSES: readonly PartnershipStatus[] = ["signed", "active"];

export type CommitmentView = {
  key: number;
  offerType: OfferType;
  quantity: number;
  trade: string | null;
  region: string | null;
  durationMonths: number | null;
  audience: CommitmentAudience;
};

export type ContributionView = {
  partnerId: number;
  partnerName: string;
  description: string;
  amountFcfa: number | null;
};

export type VersionChange =
  | { kind: "startDate" | "endDate"; from: string; to: string }
  | { kind: "quantity"; key: number; from: number; to: number; commitment: CommitmentView }
  | { kind: "commitmentChanged"; key: number; from: CommitmentView; to: CommitmentView }
  | { kind: "added" | "removed"; commitment: CommitmentView }
  | { kind: "contributions"; from: ContributionView[]; to: ContributionView[] };

export type VersionView = {
  version: number;
  startDate: string;
  endDate: string;
  signatories: string;
  partners: { id: number; name: string }[];
  contributions: ContributionView[];
  commitments: CommitmentView[];
  reason: string | null;
  signedOn: string;
  createdByName: string | null;
  createdAt: Date;
  /** What this version changed against the one before (empty for the signed version). */
  changes: VersionChange[];
};

export type ConventionView = {
  id: number;
  reference: string;
  signedOn: string;
  partnershipId: number;
  status: PartnershipStatus;
  org: { id: number; name: string };
  programme: { id: number; title: string };
  current: VersionView;
  /** Newest first; the last is the signed text. */
  history: VersionView[];
};

type Terms = Pick<VersionView, "startDate" | "endDate" | "commitments" | "contributions">;

const sameCommitment = (a: CommitmentView, b: CommitmentView) =>
  a.offerType === b.offerType &&
  a.trade === b.trade &&
  a.region === b.region &&
  a.durationMonths === b.durationMonths &&
  a.audience === b.audience;

const contributionsText = (list: Pick<ContributionView, "partnerId" | "description" | "amountFcfa">[]) =>
  JSON.stringify(list.map((c) => [c.partnerId, c.description, c.amountFcfa]));

/** What `after` changes in `before`: dates, each commitment by its key, the contributions. */
export function termChanges(before: Terms, after: Terms): VersionChange[] {
  const changes: VersionChange[] = [];
  if (before.startDate !== after.startDate)
    changes.push({ kind: "startDate", from: before.startDate, to: after.startDate });
  if (before.endDate !== after.endDate) changes.push({ kind: "endDate", from: before.endDate, to: after.endDate });
  const old = new Map(before.commitments.map((c) => [c.key, c]));
  for (const commitment of after.commitments) {
    const was = old.get(commitment.key);
    if (!was) changes.push({ kind: "added", commitment });
    else if (!sameCommitment(was, commitment))
      changes.push({ kind: "commitmentChanged", key: commitment.key, from: was, to: commitment });
    else if (was.quantity !== commitment.quantity)
      changes.push({ kind: "quantity", key: commitment.key, from: was.quantity, to: commitment.quantity, commitment });
  }
  const kept = new Set(after.commitments.map((c) => c.key));
  for (const commitment of before.commitments)
    if (!kept.has(commitment.key)) changes.push({ kind: "removed", commitment });
  if (contributionsText(before.contributions) !== contributionsText(after.contributions))
    changes.push({ kind: "contributions", from: before.contributions, to: after.contributions });
  return changes;
}

export function commitmentsOfVersion(db: Db | Tx, versionId: number): CommitmentView[] {
  return db
    .select({
      key: conventionCommitments.key,
      offerType: conventionCommitments.offerType,
      quantity: conventionCommitments.quantity,
      trade: conventionCommitments.trade,
      region: conventionCommitments.region,
      durationMonths: conventionCommitments.durationMonths,
      audience: conventionCommitments.audience,
    })
    .from(conventionCommitments)
    .where(eq(conventionCommitments.versionId, versionId))
    .orderBy(asc(conventionCommitments.key))
    .all();
}

/** Organisation names by id (the short name, OIM, when it has one). */
export function organisationNames(db: Db | Tx, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = db
    .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName })
    .from(organisations)
    .where(inArray(organisations.id, ids))
    .all();
  return new Map(rows.map((r) => [r.id, r.shortName || r.name]));
}

export function conventionForPartnership(db: Db | Tx, partnershipId: number): ConventionView | null {
  const row = db
    .select({
      id: conventions.id,
      reference: conventions.reference,
      signedOn: conventions.signedOn,
      status: partnerships.status,
      orgId: organisations.id,
      orgName: organisations.name,
      programmeId: programmes.id,
      texts: programmes.texts,
    })
    .from(conventions)
    .innerJoin(partnerships, eq(partnerships.id, conventions.partnershipId))
    .innerJoin(organisations, eq(organisations.id, conventions.orgId))
    .innerJoin(programmes, eq(programmes.id, conventions.programmeId))
    .where(eq(conventions.partnershipId, partnershipId))
    .get();
  if (!row) return null;
  const versions = db
    .select({ version: conventionVersions, createdByName: users.displayName })
    .from(conventionVersions)
    .leftJoin(users, eq(users.id, conventionVersions.createdBy))
    .where(eq(conventionVersions.conventionId, row.id))
    .orderBy(asc(conventionVersions.version))
    .all();
  const partnerIds = versions.flatMap(({ version: v }) => [
    ...v.partnerIds,
    ...v.contributions.map((c) => c.partnerId),
  ]);
  const names = organisationNames(db, [...new Set(partnerIds)]);
  const nameOf = (id: number) => names.get(id) ?? "?";
  const views: VersionView[] = [];
  for (const { version: v, createdByName } of versions) {
    const terms: Terms = {
      startDate: v.startDate,
      endDate: v.endDate,
      commitments: commitmentsOfVersion(db, v.id),
      contributions: v.contributions.map((c) => ({ ...c, partnerName: nameOf(c.partnerId) })),
    };
    const previous = views.at(-1);
    views.push({
      ...terms,
      version: v.version,
      signatories: v.signatories,
      partners: v.partnerIds.map((id) => ({ id, name: nameOf(id) })),
      reason: v.reason,
      signedOn: v.signedOn,
      createdByName,
      createdAt: v.createdAt,
      changes: previous ? termChanges(previous, terms) : [],
    });
  }
  const history = views.reverse();
  return {
    id: row.id,
    reference: row.reference,
    signedOn: row.signedOn,
    partnershipId,
    status: row.status,
    org: { id: row.orgId, name: row.orgName },
    programme: { id: row.programmeId, title: row.texts.fr.title },
    current: history[0]!,
    history,
  };
}
