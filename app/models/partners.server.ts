// Partner bodies (the agencies counsellors work for), kept by the platform operator.
import { and, asc, count, eq, isNull, ne } from "drizzle-orm";
import type { PartnerInput } from "~/schemas/admin";
import type { Db, Tx } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { foldText } from "~/utils/text";
import { memberships, organisations, users } from "../../db/schema";
import { recordAudit } from "./audit.server";
import { insertOrganisation, updateOrganisationFields } from "./lifecycles/organisation.server";
import { contactValues } from "./organisations.server";

/** Partner bodies by name, each with how many accounts (not deleted) belong to it. */
export function listPartners(db: Db) {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      shortName: organisations.shortName,
      region: organisations.region,
      commune: organisations.commune,
      description: organisations.description,
      contactName: organisations.contactName,
      contactPhone: organisations.contactPhone,
      contactEmail: organisations.contactEmail,
      verificationStatus: organisations.verificationStatus,
      createdAt: organisations.createdAt,
      members: count(users.id),
    })
    .from(organisations)
    .leftJoin(memberships, eq(memberships.orgId, organisations.id))
    .leftJoin(users, and(eq(users.id, memberships.userId), isNull(users.deletedAt)))
    .where(eq(organisations.kind, "partner"))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name))
    .all();
}

export type PartnerRow = ReturnType<typeof listPartners>[number];

const partnerValues = (input: PartnerInput) => ({
  name: input.name,
  shortName: input.shortName ?? null,
  region: input.region,
  ...contactValues(input),
});

/** Two partner bodies with the same name or short name would be confused in every list. */
function partnerClashes(db: Db | Tx, input: PartnerInput, exceptId?: number): FieldErrors {
  const others = db
    .select({ name: organisations.name, shortName: organisations.shortName })
    .from(organisations)
    .where(and(eq(organisations.kind, "partner"), exceptId ? ne(organisations.id, exceptId) : undefined))
    .all();
  const same = (a: string | null | undefined, b: string | null | undefined) =>
    Boolean(a && b) && foldText(a!) === foldText(b!);
  const errors: FieldErrors = {};
  if (others.some((o) => same(o.name, input.name))) errors.name = "admin:errors.partnerNameTaken";
  if (others.some((o) => same(o.shortName, input.shortName))) errors.shortName = "admin:errors.partnerNameTaken";
  return errors;
}

type PartnerResult = { ok: true; orgId: number } | { ok: false; fieldErrors: FieldErrors };

/** A new partner body: verified from the start (the platform vouches for it). */
export function createPartner(db: Db, adminId: number, input: PartnerInput, ip?: string): PartnerResult {
  return db.transaction((tx) => {
    const fieldErrors = partnerClashes(tx, input);
    if (Object.keys(fieldErrors).length > 0) return { ok: false as const, fieldErrors };
    const partner = { kind: "partner" as const, ...partnerValues(input), sector: "services", verifiedBy: adminId };
    const orgId = insertOrganisation(tx, partner);
    recordAudit(tx, {
      actorId: adminId,
      action: "admin.partner_created",
      subjectType: "organisation",
      subjectId: orgId,
      detail: { name: input.name },
      ip,
    });
    return { ok: true as const, orgId };
  });
}

/** Saves a partner body's details; null when the id is not a partner body. */
export function updatePartner(
  db: Db,
  adminId: number,
  orgId: number,
  input: PartnerInput,
  ip?: string,
): PartnerResult | null {
  return db.transaction((tx) => {
    const org = tx
      .select()
      .from(organisations)
      .where(and(eq(organisations.id, orgId), eq(organisations.kind, "partner")))
      .get();
    if (!org) return null;
    const fieldErrors = partnerClashes(tx, input, orgId);
    if (Object.keys(fieldErrors).length > 0) return { ok: false as const, fieldErrors };
    const values = partnerValues(input);
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => values[key] !== org[key]);
    updateOrganisationFields(tx, orgId, { ...values, updatedAt: new Date() });
    recordAudit(tx, {
      actorId: adminId,
      action: "admin.partner_updated",
      subjectType: "organisation",
      subjectId: orgId,
      detail: { changed },
      ip,
    });
    return { ok: true as const, orgId };
  });
}
