// Presets for the placements and reports tests: people, organisations and offers
// with the details the reports break down by, placements with follow-ups.
import { eq } from "drizzle-orm";
import { createPlacement } from "../../app/models/placements.server";
import type { Db } from "../../app/utils/db.server";
import { type Contract, type OfferType, placementFollowups, placements } from "../../db/schema";
import { insertApplicationWith } from "./factories/applications";
import { type CandidateValues, insertCandidate } from "./factories/candidates";
import { insertOffer } from "./factories/offers";
import { insertOrganisation } from "./factories/organisations";

let seq = 0;

export type PersonInput = Pick<
  CandidateValues,
  | "firstName"
  | "lastName"
  | "phone"
  | "sex"
  | "birthDate"
  | "region"
  | "migrantStatus"
  | "counsellorId"
  | "registeredBy"
  | "registeredOn"
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

/** The id of a mechanics workshop in Bamako, verified on 2025-06-01 unless told (null: pending). */
export function insertCountedOrganisation(
  db: Db,
  values: {
    kind?: "employer" | "partner";
    name?: string;
    sector?: string;
    region?: string;
    verifiedAt?: Date | null;
  } = {},
) {
  const verified = values.verifiedAt !== null;
  return insertOrganisation(db, {
    kind: values.kind,
    name: values.name ?? `Atelier ${++seq}`,
    sector: values.sector ?? "mecanique",
    region: values.region ?? "bamako",
    status: verified ? "verified" : "pending",
    verifiedAt: verified ? (values.verifiedAt ?? new Date("2025-06-01T00:00:00Z")) : null,
  }).id;
}

/** The id of an offer published on a given day (2026-02-01 by default) in a workshop in Bamako. */
export function insertPublishedOffer(
  db: Db,
  values: {
    orgId: number;
    type?: OfferType;
    sector?: string;
    region?: string;
    publishedOn?: string;
    contract?: Contract;
  },
) {
  const type = values.type ?? "emploi";
  return insertOffer(db, {
    orgId: values.orgId,
    type,
    description: "Travail en atelier à Bamako, horaires de jour.",
    sector: values.sector ?? "mecanique",
    region: values.region ?? "bamako",
    contract: values.contract ?? (type === "emploi" ? "cdd" : type),
    closingDate: "2027-12-31",
    publishedAt: new Date(`${values.publishedOn ?? "2026-02-01"}T09:00:00Z`),
  }).id;
}

export function insertApplicationOn(db: Db, values: { offerId: number; candidateId: number; on: string }) {
  const { on, ...ids } = values;
  return insertApplicationWith(db, { ...ids, createdAt: new Date(`${on}T11:00:00Z`) }).id;
}

/** A placement (with its three follow-ups, as the model creates them). */
export function insertPlacementFor(
  db: Db,
  values: {
    candidateId: number;
    orgId?: number | null;
    employerName?: string | null;
    offerId?: number | null;
    type?: OfferType;
    contract?: Contract;
    startDate: string;
  },
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
  return db
    .select()
    .from(placementFollowups)
    .where(eq(placementFollowups.placementId, placementId))
    .orderBy(placementFollowups.monthsAfter)
    .all();
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
