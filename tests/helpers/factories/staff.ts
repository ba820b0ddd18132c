// Staff: counsellors and admins, inserted directly (they are never self-registered).
import type { Db } from "../../../app/utils/db.server";
import { users } from "../../../db/schema";
import { insertUser } from "./accounts";
import { addMember, insertOrganisation } from "./organisations";

let seq = 0;

type StaffValues = { role?: "conseiller" | "admin"; orgId?: number; name?: string };

/** A staff account (counsellor by default) with no password, member of the organisation given. */
export function insertStaff(db: Db, { role = "conseiller", orgId, name }: StaffValues = {}) {
  const n = ++seq;
  const user = db
    .insert(users)
    .values({ role, email: `staff${n}@partenaire.ml`, displayName: name ?? `Conseiller ${n}` })
    .returning()
    .get();
  if (orgId) addMember(db, user.id, orgId, "member");
  return user;
}

/** A counsellor of the partner body given (created when a name is given), with its id. */
export function insertCounsellor(db: Db, partner: { id: number } | string = "OIM Mali", displayName?: string) {
  const org = typeof partner === "string" ? insertOrganisation(db, { kind: "partner", name: partner }) : partner;
  return { ...insertStaff(db, { orgId: org.id, name: displayName }), orgId: org.id };
}

/** An admin who can log in with PASSWORD. */
export async function insertAdmin(db: Db, displayName = "Admin Baara", email?: string) {
  return insertUser(db, { role: "admin", displayName, email });
}
