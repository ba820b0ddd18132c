// The one builder of organisations (employers and partner bodies) and of their members.
import type { Db } from "../../../app/utils/db.server";
import { memberships, organisations, type VerificationStatus } from "../../../db/schema";

let seq = 0;

type OrganisationValues = Omit<Partial<typeof organisations.$inferInsert>, "verificationStatus"> & {
  /** The verification status (verified unless given). */
  status?: VerificationStatus;
};

/** An organisation (a verified employer unless told), any column settable. */
export function insertOrganisation(db: Db, values: OrganisationValues = {}) {
  const { status = "verified", ...given } = values;
  const columns = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  return db
    .insert(organisations)
    .values({ kind: "employer", name: `Entreprise ${++seq}`, ...columns, verificationStatus: status })
    .returning()
    .get();
}

/** A partner body as the seed makes them: verified, in Bamako, with a short name. */
export function insertPartner(db: Db, name: string, shortName: string | null = null) {
  return insertOrganisation(db, { kind: "partner", name, shortName, region: "bamako" });
}

export function addMember(db: Db, userId: number, orgId: number, role: "owner" | "member" = "owner") {
  db.insert(memberships).values({ userId, orgId, role }).run();
}

/** The organisation form's fields after the identity (name, RCCM, NIF), as a new employer in Bamako fills them. */
export const ORGANISATION_FORM_REST = {
  sector: "btp",
  region: "bamako",
  commune: "",
  description: "",
  contactName: "",
  contactPhone: "",
  contactEmail: "",
  membership: "none",
};
