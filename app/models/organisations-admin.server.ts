// The admin's list of organisations (employers and partner bodies): filtered by
// kind, status, region and words of the name, 25 a page.
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import type { ORG_KINDS } from "../../db/enums";
import { organisations, type VerificationStatus } from "../../db/schema";
import { hasWords, pageOf, wordsOf } from "./name-search.server";

export const ORGANISATIONS_PAGE_SIZE = 25;

export type OrganisationFilters = {
  kind?: (typeof ORG_KINDS)[number];
  status?: VerificationStatus;
  region?: string;
  /** Words of the name or short name, accents and case ignored. */
  q?: string;
  page?: number;
};

/** Organisations by name, each with how many accounts (not deleted) belong to it. */
export function searchOrganisations(db: Db, filters: OrganisationFilters = {}) {
  const words = filters.q ? wordsOf(filters.q) : [];
  const where: SQL | undefined = and(
    filters.kind ? eq(organisations.kind, filters.kind) : undefined,
    filters.status ? eq(organisations.verificationStatus, filters.status) : undefined,
    filters.region ? eq(organisations.region, filters.region) : undefined,
    words.length
      ? hasWords(db, sql`${organisations.name} || ' ' || ifnull(${organisations.shortName}, '')`, words)
      : undefined,
  );
  const total = db.select({ n: sql<number>`count(*)` }).from(organisations).where(where).get()?.n ?? 0;
  const { page, pageCount } = pageOf(filters.page, total, ORGANISATIONS_PAGE_SIZE);
  const items = db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      shortName: organisations.shortName,
      region: organisations.region,
      commune: organisations.commune,
      contactName: organisations.contactName,
      contactPhone: organisations.contactPhone,
      contactEmail: organisations.contactEmail,
      verificationStatus: organisations.verificationStatus,
      // Written out: inside a subquery Drizzle leaves the column unqualified.
      members: sql<number>`(SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.org_id = "organisations"."id" AND u.deleted_at IS NULL)`,
    })
    .from(organisations)
    .where(where)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(ORGANISATIONS_PAGE_SIZE)
    .offset((page - 1) * ORGANISATIONS_PAGE_SIZE)
    .all();
  return { items, total, page, pageCount };
}

export type OrganisationRow = ReturnType<typeof searchOrganisations>["items"][number];
