// Builders for the placements and reports tests: people with the details the
// reports break down by, placements with follow-ups, partner organisations.
import { eq } from "drizzle-orm";
import { createPlacement } from "../../app/models/placements.server";
import type { Db } from "../../app/utils/db.server";
import { insertCandidate, type CandidateValues } from "./factories/candidates";
import { applications, memberships, offers, organisations, placementFollowups, placements, users, type Contract, type OfferType } from "../../db/schema";

let seq = 0;

export type PersonInput = Pick<
  CandidateValues,
  "firstName" | "lastName" | "phone" | "sex" | "birthDate" | "region" | "migrantStatus" | "counsellorId" | "registeredBy" | "registeredOn"
>;

/** The id of a candidate with the details the reports break down by, registered on a given day (2026-01-10 by default). */
export function insertRegisteredCandidate(db: Db, input: PersonInput = {}) {
  return insertCandidate(db, {
    ...input,
    sex: input.sex === undefined ? "f" : input.sex,
    birthDate: input.birthDate === undefined ? "2000-06-15" : input.birthDate,
    region: input.region === undefined ? "bamako" : input.region,
    registeredOn: input.registeredOn ?? "2026-01-10",
    consent: false,
  }).id;
}

/** A staff account (counsellor by default), optionally a member of an organisation. */
export function insertStaff(db: Db, { role = "conseiller", orgId, name }: { role?: "conseiller" | "admin"; orgId?: number; name?: string } = {}) {
  const n = ++seq;
  const user = db
    .insert(users)
    .values({ role, email: `staff${n}@partenaire.ml`, displayName: name ?? `Conseiller ${n}` })
    .returning()
    .get();
  if (orgId) db.insert(memberships).values({ userId: user.id, orgId, role: "member" }).run();
  return user.id;
}

export function insertOrganisation(
  db: Db,
  values: { kind?: "employer" | "partner"; name?: string; sector?: string; region?: string; verifiedAt?: Date | null } = {},
) {
  const verified = values.verifiedAt !== null;
  return db
    .insert(organisations)
    .values({
      kind: values.kind ?? "employer",
      name: values.name ?? `Atelier ${++seq}`,
      sector: values.sector ?? "mecanique",
      region: values.region ?? "bamako",
      verificationStatus: verified ? "verified" : "pending",
      verifiedAt: verified ? (values.verifiedAt ?? new Date("2025-06-01T00:00:00Z")) : null,
    })
    .returning()
    .get().id;
}

export function insertPublishedOffer(
  db: Db,
  values: { orgId: number; type?: OfferType; sector?: string; region?: string; publishedOn?: string; contract?: Contract },
) {
  const type = values.type ?? "emploi";
  return db
    .insert(offers)
    .values({
      orgId: values.orgId,
      type,
      title: `Offre ${++seq}`,
      description: "Travail en atelier à Bamako, horaires de jour.",
      sector: values.sector ?? "mecanique",
      region: values.region ?? "bamako",
      contract: values.contract ?? (type === "emploi" ? "cdd" : type),
      closingDate: "2027-12-31",
      status: "published",
      publishedAt: new Date(`${values.publishedOn ?? "2026-02-01"}T09:00:00Z`),
    })
    .returning()
    .get().id;
}

export function insertApplicationOn(db: Db, values: { offerId: number; candidateId: number; on: string }) {
  return db
    .insert(applications)
    .values({ offerId: values.offerId, candidateId: values.candidateId, createdAt: new Date(`${values.on}T11:00:00Z`) })
    .returning()
    .get().id;
}

/** A placement (with its three follow-ups, as the model creates them). */
export function insertPlacementFor(
  db: Db,
  values: { candidateId: number; orgId?: number | null; employerName?: string | null; offerId?: number | null; type?: OfferType; contract?: Contract; startDate: string },
) {
  const type = values.type ?? "emploi";
  return createPlacement(db, {
    candidateId: values.candidateId,
    orgId: values.orgId ?? null,
    employerName: values.orgId ? null : (values.employerName ?? "Garage du Fleuve"),
    offerId: values.offerId ?? null,
    type,
    contract: values.contract ?? (type === "emploi" ? "cdd" : type),
    startDate: values.startDate,
    recordedBy: null,
  });
}

export function followupsOf(db: Db, placementId: number) {
  return db.select().from(placementFollowups).where(eq(placementFollowups.placementId, placementId)).orderBy(placementFollowups.monthsAfter).all();
}

/** Marks a follow-up recorded, as a counsellor would have. */
export function markFollowup(db: Db, placementId: number, monthsAfter: number, stillEmployed: boolean) {
  const row = followupsOf(db, placementId).find((f) => f.monthsAfter === monthsAfter)!;
  db.update(placementFollowups)
    .set({ doneAt: new Date(`${row.dueDate}T12:00:00Z`), stillEmployed })
    .where(eq(placementFollowups.id, row.id))
    .run();
}

export function placementRow(db: Db, id: number) {
  return db.select().from(placements).where(eq(placements.id, id)).get()!;
}
