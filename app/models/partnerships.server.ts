// The counsellors' view of partnerships: the list they work through (overdue
// first) and one partnership with its request, steps and documents. What they
// change besides the status is in partnership-work.server.ts.
import { aliasedTable, and, asc, count, desc, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import { OPEN_PARTNERSHIP_STATUSES } from "~/models/lifecycles/partnership";
import type { Db } from "~/utils/db.server";
import {
  conventions,
  files,
  organisations,
  type PartnershipStatus,
  partnershipDocuments,
  partnershipEvents,
  partnerships,
  programmes,
  users,
} from "../../db/schema";
import { hasWords, pageOf, wordsOf } from "./name-search.server";

export const PARTNERSHIPS_PAGE_SIZE = 25;

export type PartnershipStatusFilter = PartnershipStatus | "open" | "overdue";

export type PartnershipFilters = {
  status?: PartnershipStatusFilter;
  programmeId?: number;
  /** `mine`: the viewer's; `unassigned`: nobody's; else everyone's. */
  counsellor?: "mine" | "unassigned";
  viewerId: number;
  region?: string;
  /** Words of the company's name (accents and case ignored). */
  company?: string;
  page?: number;
  today: string;
};

const open = () => inArray(partnerships.status, [...OPEN_PARTNERSHIP_STATUSES]);
const overdue = (today: string) => sql<number>`(${open()} AND ${lt(partnerships.nextStepDue, today)})`;

function statusCondition(status: PartnershipStatusFilter | undefined, today: string): SQL | undefined {
  if (!status) return undefined;
  if (status === "open") return open();
  if (status === "overdue") return overdue(today);
  return eq(partnerships.status, status);
}

const counsellor = aliasedTable(users, "counsellor");

/**
 * One page of partnerships matching the filters, overdue first, then by the
 * next step's due date (none last), with the total in the same query.
 */
export function listPartnerships(db: Db, filters: PartnershipFilters) {
  const words = filters.company ? wordsOf(filters.company) : [];
  const where = and(
    statusCondition(filters.status, filters.today),
    filters.programmeId ? eq(partnerships.programmeId, filters.programmeId) : undefined,
    filters.counsellor === "mine" ? eq(partnerships.counsellorId, filters.viewerId) : undefined,
    filters.counsellor === "unassigned" ? isNull(partnerships.counsellorId) : undefined,
    filters.region ? eq(organisations.region, filters.region) : undefined,
    words.length ? hasWords(db, sql`${organisations.name}`, words) : undefined,
  );
  const isOverdue = sql<number>`coalesce(${overdue(filters.today)}, 0)`;
  const pageRows = (page: number) =>
    db
      .select({
        id: partnerships.id,
        status: partnerships.status,
        nextStepDue: partnerships.nextStepDue,
        createdAt: partnerships.createdAt,
        orgId: organisations.id,
        company: organisations.name,
        region: organisations.region,
        programmeId: programmes.id,
        programmeTexts: programmes.texts,
        counsellorId: partnerships.counsellorId,
        counsellorName: counsellor.displayName,
        overdue: isOverdue.mapWith(Boolean),
        total: sql<number>`count(*) over ()`,
      })
      .from(partnerships)
      .innerJoin(organisations, eq(organisations.id, partnerships.orgId))
      .innerJoin(programmes, eq(programmes.id, partnerships.programmeId))
      .leftJoin(counsellor, eq(counsellor.id, partnerships.counsellorId))
      .where(where)
      .orderBy(
        desc(isOverdue),
        sql`${partnerships.nextStepDue} IS NULL`,
        asc(partnerships.nextStepDue),
        desc(partnerships.id),
      )
      .limit(PARTNERSHIPS_PAGE_SIZE)
      .offset((page - 1) * PARTNERSHIPS_PAGE_SIZE)
      .all();
  let page = Math.max(1, filters.page ?? 1);
  let rows = pageRows(page);
  // Past the last page (a stale or hand-typed address): the last page instead.
  if (rows.length === 0 && page > 1) {
    const total = db
      .select({ n: count() })
      .from(partnerships)
      .innerJoin(organisations, eq(organisations.id, partnerships.orgId))
      .where(where)
      .get()?.n;
    page = pageOf(page, total ?? 0, PARTNERSHIPS_PAGE_SIZE).page;
    rows = page > 1 || total ? pageRows(page) : [];
  }
  const total = rows[0]?.total ?? 0;
  return {
    rows: rows.map(({ total: _, ...row }) => row),
    total,
    page,
    pageCount: pageOf(page, total, PARTNERSHIPS_PAGE_SIZE).pageCount,
  };
}

/** What the counsellors' dashboard card counts: open partnerships past their due date, and new requests. */
export function partnershipCounts(db: Db, today: string) {
  const row = db
    .select({
      overdue: sql<number>`coalesce(sum(${overdue(today)}), 0)`,
      requested: sql<number>`coalesce(sum(${partnerships.status} = 'requested'), 0)`,
    })
    .from(partnerships)
    .where(open())
    .get();
  return { overdue: row?.overdue ?? 0, requested: row?.requested ?? 0 };
}

/** The programmes a partnership may be filtered by (any status: archived ones keep their partnerships). */
export function programmeChoices(db: Db) {
  return db
    .select({ id: programmes.id, texts: programmes.texts, status: programmes.status })
    .from(programmes)
    .orderBy(asc(programmes.position), asc(programmes.id))
    .all();
}

/** Active counsellors a partnership may be handed to. */
export function counsellorChoices(db: Db) {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.role, "conseiller"), isNull(users.deletedAt), isNull(users.disabledAt)))
    .orderBy(asc(users.displayName), asc(users.id))
    .all();
}

const actor = aliasedTable(users, "actor");

/** One partnership as staff see it, or null. */
export function getPartnershipForStaff(db: Db, id: number) {
  const requester = aliasedTable(users, "requester");
  const row = db
    .select({
      partnership: partnerships,
      org: {
        id: organisations.id,
        name: organisations.name,
        region: organisations.region,
        commune: organisations.commune,
        sector: organisations.sector,
        kind: organisations.kind,
        verificationStatus: organisations.verificationStatus,
      },
      programme: { id: programmes.id, kind: programmes.kind, status: programmes.status, texts: programmes.texts },
      requesterName: requester.displayName,
      counsellorName: counsellor.displayName,
      conventionId: conventions.id,
    })
    .from(partnerships)
    .innerJoin(organisations, eq(organisations.id, partnerships.orgId))
    .innerJoin(programmes, eq(programmes.id, partnerships.programmeId))
    .leftJoin(requester, eq(requester.id, partnerships.requestedBy))
    .leftJoin(counsellor, eq(counsellor.id, partnerships.counsellorId))
    .leftJoin(conventions, eq(conventions.partnershipId, partnerships.id))
    .where(eq(partnerships.id, id))
    .get();
  if (!row) return null;
  const events = db
    .select({
      id: partnershipEvents.id,
      fromStatus: partnershipEvents.fromStatus,
      toStatus: partnershipEvents.toStatus,
      happenedOn: partnershipEvents.happenedOn,
      note: partnershipEvents.note,
      actorId: partnershipEvents.actorId,
      actorName: actor.displayName,
      createdAt: partnershipEvents.createdAt,
    })
    .from(partnershipEvents)
    .leftJoin(actor, eq(actor.id, partnershipEvents.actorId))
    .where(eq(partnershipEvents.partnershipId, id))
    .orderBy(desc(partnershipEvents.happenedOn), desc(partnershipEvents.id))
    .all();
  return { ...row, events, documents: partnershipDocumentList(db, id) };
}

export function partnershipDocumentList(db: Db, partnershipId: number) {
  return db
    .select({
      id: partnershipDocuments.id,
      fileId: partnershipDocuments.fileId,
      label: partnershipDocuments.label,
      name: files.name,
      size: files.size,
      createdAt: partnershipDocuments.createdAt,
      uploaderName: actor.displayName,
    })
    .from(partnershipDocuments)
    .innerJoin(files, eq(files.id, partnershipDocuments.fileId))
    .leftJoin(actor, eq(actor.id, partnershipDocuments.uploadedBy))
    .where(eq(partnershipDocuments.partnershipId, partnershipId))
    .orderBy(desc(partnershipDocuments.createdAt), desc(partnershipDocuments.id))
    .all();
}

export type StaffPartnership = NonNullable<ReturnType<typeof getPartnershipForStaff>>;
