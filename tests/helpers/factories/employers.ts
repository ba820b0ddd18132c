// The one builder of employers: an account that owns a new organisation with
// the given verification status, inserted directly (no password: fast) with
// the details registration would have asked for.
import type { Db } from "../../../app/utils/db.server";
import { organisations, type VerificationStatus } from "../../../db/schema";
import { addMember, insertUser } from "../factories";

let seq = 0;

export async function insertEmployer(db: Db, status: VerificationStatus = "verified", orgName?: string) {
  const n = ++seq;
  const user = await insertUser(db, { role: "employeur", email: `patron${n}@atelier.ml`, displayName: "Moussa Traoré", password: null });
  const org = db
    .insert(organisations)
    .values({ kind: "employer", name: orgName ?? `Atelier ${n}`, sector: "btp", region: "bamako", verificationStatus: status })
    .returning()
    .get();
  addMember(db, user.id, org.id);
  return { user, org };
}
