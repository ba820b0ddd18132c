// Hand-made candidates and offers for the counsellor's pages and models
// (candidates, matching, activation). Rows are inserted directly: these tests
// are about what counsellors see, not about registration.
import { eq } from "drizzle-orm";
import type { Db } from "../../app/utils/db.server";
import { type EducationLevel, type OfferStatus, users } from "../../db/schema";
import { type CandidateValues, insertCandidate } from "./factories/candidates";
import { insertOffer } from "./factories/offers";

export type CandidateFields = CandidateValues;

/** A candidate as the counsellors' pages see them: in Bamako, reached by e-mail unless a phone is given. */
export function insertCounselledCandidate(db: Db, fields: CandidateFields = {}) {
  return insertCandidate(db, {
    ...fields,
    phone: fields.phone ?? null,
    region: fields.region === undefined ? "bamako" : fields.region,
  });
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

/** A published mason's job in Kalaban Coro, with the fields matching looks at. */
export function insertMatchingOffer(db: Db, orgId: number, fields: OfferFields = {}) {
  return insertOffer(db, {
    title: "Maçon qualifié",
    description: "Construction d'une maison. Travail du lundi au samedi.",
    trade: "macon",
    region: "koulikoro",
    commune: "Kalaban Coro",
    ...fields,
    orgId,
  });
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
