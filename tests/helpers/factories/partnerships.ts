// Programmes, partnerships and conventions inserted directly (the pages' write
// paths are tested on their own); a partnership is walked to a status through
// the real lifecycle when a test needs its history.
import type { Db } from "../../../app/utils/db.server";
import {
  conventionCommitments,
  conventions,
  conventionVersions,
  type OfferType,
  type PartnershipStatus,
  type ProgrammeText,
  partnerships,
  programmes,
} from "../../../db/schema";

let seq = 0;

export function programmeText(title: string): ProgrammeText {
  return {
    title,
    summary: `${title} : résumé`,
    eligibility: "Entreprises formelles (RCCM)",
    companyCommits: "Accueillir les apprentis",
    partnersBring: "Allocation de 25 000 FCFA par mois",
    steps: ["Manifester son intérêt", "Rencontre"],
    documents: ["RCCM"],
  };
}

export function insertProgramme(db: Db, values: Partial<typeof programmes.$inferInsert> = {}) {
  const n = ++seq;
  return db
    .insert(programmes)
    .values({
      kind: "apprenticeship",
      status: "published",
      position: n,
      texts: { fr: programmeText(`Programme ${n}`) },
      ...values,
    })
    .returning()
    .get();
}

export function insertPartnership(
  db: Db,
  values: { orgId: number; programmeId: number; status?: PartnershipStatus } & Partial<
    typeof partnerships.$inferInsert
  >,
) {
  return db
    .insert(partnerships)
    .values({ need: "Former 5 apprentis", contact: "76 00 00 00", statusChangedAt: new Date(), ...values })
    .returning()
    .get();
}

export type CommitmentValues = {
  offerType: OfferType;
  quantity: number;
  key?: number;
  trade?: string;
  region?: string;
};

/** A convention with its first version, for a partnership already `signed` or later. */
export function insertConvention(
  db: Db,
  p: { id: number; orgId: number; programmeId: number },
  terms: { startDate: string; endDate: string; commitments: CommitmentValues[]; createdBy?: number | null },
) {
  const n = ++seq;
  const convention = db
    .insert(conventions)
    .values({
      partnershipId: p.id,
      orgId: p.orgId,
      programmeId: p.programmeId,
      reference: `CONV-TEST-${n}`,
      signedOn: terms.startDate,
    })
    .returning()
    .get();
  const version = db
    .insert(conventionVersions)
    .values({
      conventionId: convention.id,
      version: 1,
      startDate: terms.startDate,
      endDate: terms.endDate,
      signatories: "Directeur, OIM Mali",
      signedOn: terms.startDate,
      createdBy: terms.createdBy ?? null,
    })
    .returning()
    .get();
  terms.commitments.forEach((c, i) => {
    db.insert(conventionCommitments)
      .values({
        versionId: version.id,
        key: c.key ?? i + 1,
        offerType: c.offerType,
        quantity: c.quantity,
        trade: c.trade,
        region: c.region,
      })
      .run();
  });
  return { convention, version };
}
