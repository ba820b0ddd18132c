// Counsellors, hand-made candidates and offers for the counsellor's pages and
// models (candidates, matching, activation). Rows are inserted directly: these
// tests are about what counsellors see, not about registration.
import { eq } from "drizzle-orm";
import type { Db } from "../../app/utils/db.server";
import { addDays, isoToday } from "../../app/utils/dates";
import { offers, users, type EducationLevel, type OfferStatus } from "../../db/schema";
import { addMember, insertOrg, insertUser } from "./factories";
import { insertCandidate, type CandidateValues } from "./factories/candidates";

let n = 0;

/** A counsellor, member of the partner organisation given (created when a name is given). */
export async function insertCounsellor(db: Db, partner: { id: number } | string = "OIM Mali", displayName?: string) {
  const org = typeof partner === "string" ? insertOrg(db, { kind: "partner", name: partner }) : partner;
  const user = await insertUser(db, { role: "conseiller", displayName: displayName ?? `Conseiller ${++n}` });
  addMember(db, user.id, org.id, "member");
  return { ...user, orgId: org.id };
}

export type CandidateFields = CandidateValues;

/** A candidate as the counsellors' pages see them: in Bamako, reached by e-mail unless a phone is given. */
export function insertCounselledCandidate(db: Db, fields: CandidateFields = {}) {
  return insertCandidate(db, { ...fields, phone: fields.phone ?? null, region: fields.region === undefined ? "bamako" : fields.region });
}

export type OfferFields = {
  title?: string;
  description?: string;
  sector?: string;
  trade?: string | null;
  region?: string;
  commune?: string | null;
  minEducation?: EducationLevel | null;
  languages?: string[];
  status?: OfferStatus;
  closingDate?: string;
};

/** An offer with the fields matching looks at. */
export function insertMatchingOffer(db: Db, orgId: number, fields: OfferFields = {}) {
  const status = fields.status ?? "published";
  return db
    .insert(offers)
    .values({
      orgId,
      type: "emploi",
      title: fields.title ?? "Maçon qualifié",
      description: fields.description ?? "Construction d'une maison. Travail du lundi au samedi.",
      sector: fields.sector ?? "btp",
      trade: fields.trade === undefined ? "macon" : fields.trade,
      region: fields.region ?? "koulikoro",
      commune: fields.commune === undefined ? "Kalaban Coro" : fields.commune,
      contract: "cdd",
      minEducation: fields.minEducation ?? null,
      languages: fields.languages ?? [],
      closingDate: fields.closingDate ?? addDays(isoToday(), 30),
      status,
      publishedAt: status === "published" ? new Date() : null,
    })
    .returning()
    .get();
}

/** A valid assisted registration form (strings, as the page posts it), with changes. */
export function assistedFields(changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    firstName: "Mariam",
    lastName: "Coulibaly",
    phone: "",
    email: "",
    locale: "fr",
    sex: "f",
    birthDate: "2001-05-14",
    region: "segou",
    commune: "Niono",
    educationLevel: "cap",
    trades: ["couturier"],
    skills: "Couture de pagnes et de boubous.",
    languages: ["bm", "fr"],
    experienceYears: "3",
    availability: "immediate",
    disability: "",
    migrantStatus: "returnee",
    consentMethod: "oral",
    ...changes,
  };
}

export function userRow(db: Db, id: number) {
  return db.select().from(users).where(eq(users.id, id)).get();
}
