import { and, eq } from "drizzle-orm";
import { memberships, organisations } from "../../db/schema";
import type { Db, Tx } from "../utils/db.server";

/** The employer organisation a user works for (the first, if several), with their role in it. */
export function getEmployerMembership(db: Db | Tx, userId: number) {
  return (
    db
      .select({ org: organisations, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(and(eq(memberships.userId, userId), eq(organisations.kind, "employer")))
      .orderBy(memberships.id)
      .get() ?? null
  );
}

export function isOrgMember(db: Db | Tx, userId: number, orgId: number): boolean {
  return Boolean(
    db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)))
      .get(),
  );
}

export function getOrganisation(db: Db, orgId: number) {
  return db.select().from(organisations).where(eq(organisations.id, orgId)).get() ?? null;
}
