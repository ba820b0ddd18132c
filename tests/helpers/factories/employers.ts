// The one builder of employers: an account that owns a new organisation with
// the given verification status, inserted directly (no password: fast) with
// the details registration would have asked for.
import type { Db } from "../../../app/utils/db.server";
import type { VerificationStatus } from "../../../db/schema";
import { insertUser } from "./accounts";
import { addMember, insertOrganisation } from "./organisations";

let seq = 0;

export async function insertEmployer(db: Db, status: VerificationStatus = "verified", orgName?: string) {
  const n = ++seq;
  const user = await insertUser(db, {
    role: "employeur",
    email: `patron${n}@atelier.ml`,
    displayName: "Moussa Traoré",
    password: null,
  });
  const org = insertOrganisation(db, { name: orgName ?? `Atelier ${n}`, sector: "btp", region: "bamako", status });
  addMember(db, user.id, org.id);
  return { user, org };
}
