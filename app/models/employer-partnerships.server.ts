// A company's own partnerships, as its members see them: every request of the
// organisations they belong to, and one partnership's steps, documents and
// request. Staff notes (on steps, on a refusal) are internal and never read here.
import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "~/utils/db.server";
import type { Locale } from "~/utils/i18n";
import {
  conventions,
  files,
  memberships,
  organisations,
  type PartnershipStatus,
  type ProgrammeTexts,
  partnershipDocuments,
  partnershipEvents,
  partnerships,
  programmes,
  users,
} from "../../db/schema";
import { resultsForOrg } from "./convention-results.server";
import { partnershipActionsFor } from "./lifecycles/partnership";
import { transitionPartnership } from "./lifecycles/partnership.server";

const titleIn = (texts: ProgrammeTexts, locale: Locale) => (texts[locale] ?? texts.fr).title;

/** The organisations this person is a member of (employers only). */
function memberOrgIds(db: Db, userId: number): number[] {
  return db
    .select({ id: organisations.id })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(organisations.kind, "employer")))
    .all()
    .map((o) => o.id);
}

/** The counsellor responsible and the partner body they work for (the first, if several). */
function counsellorOf(db: Db, counsellorId: number | null) {
  if (counsellorId === null) return null;
  const person = db
    .select({ name: users.displayName, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, counsellorId))
    .get();
  if (!person || person.deletedAt) return null;
  const body = db
    .select({ name: organisations.name, shortName: organisations.shortName })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, counsellorId), eq(organisations.kind, "partner")))
    .orderBy(asc(memberships.id))
    .get();
  return { name: person.name, partner: body ? (body.shortName ?? body.name) : null };
}

const listColumns = {
  id: partnerships.id,
  status: partnerships.status,
  orgId: partnerships.orgId,
  orgName: organisations.name,
  texts: programmes.texts,
  programmeId: partnerships.programmeId,
  nextStepDue: partnerships.nextStepDue,
  declineReason: partnerships.declineReason,
  counsellorId: partnerships.counsellorId,
  createdAt: partnerships.createdAt,
  reference: conventions.reference,
};

function readRows(db: Db, orgIds: number[], partnershipId?: number) {
  if (orgIds.length === 0) return [];
  return db
    .select(listColumns)
    .from(partnerships)
    .innerJoin(organisations, eq(organisations.id, partnerships.orgId))
    .innerJoin(programmes, eq(programmes.id, partnerships.programmeId))
    .leftJoin(conventions, eq(conventions.partnershipId, partnerships.id))
    .where(
      and(
        inArray(partnerships.orgId, orgIds),
        partnershipId === undefined ? undefined : eq(partnerships.id, partnershipId),
      ),
    )
    .orderBy(desc(partnerships.createdAt), desc(partnerships.id))
    .all();
}

function summaryOf(db: Db, row: ReturnType<typeof readRows>[number], locale: Locale) {
  const { texts, counsellorId, ...rest } = row;
  return { ...rest, programmeTitle: titleIn(texts, locale), counsellor: counsellorOf(db, counsellorId) };
}

export type EmployerPartnershipSummary = ReturnType<typeof summaryOf>;

/** Every partnership of the companies this person is a member of, newest first. */
export function listPartnershipsOfMember(db: Db, userId: number, locale: Locale): EmployerPartnershipSummary[] {
  return readRows(db, memberOrgIds(db, userId)).map((row) => summaryOf(db, row, locale));
}

const SHOWN_ON_DASHBOARD = 3;

/**
 * The dashboard's few: those still going on, newest first (the ended ones only
 * when nothing else is), a convention with its people placed of those committed.
 */
export function partnershipsForDashboard(db: Db, userId: number, locale: Locale) {
  const all = listPartnershipsOfMember(db, userId, locale);
  const going = all.filter((p) => p.status !== "declined" && p.status !== "closed");
  const shown = (going.length > 0 ? going : all).slice(0, SHOWN_ON_DASHBOARD);
  const results = new Map(
    [...new Set(shown.filter((p) => p.reference).map((p) => p.orgId))]
      .flatMap((orgId) => resultsForOrg(db, orgId))
      .map((r) => [r.reference, { placed: r.placed, committed: r.committed }]),
  );
  return shown.map(({ id, status, programmeTitle, reference, nextStepDue, declineReason, counsellor }) => ({
    id,
    status,
    programmeTitle,
    reference,
    nextStepDue,
    declineReason,
    counsellor,
    results: (reference && results.get(reference)) || null,
  }));
}

/**
 * One partnership for a member of its company (null for anyone else): its
 * request, the dated steps (status changes only, without the staff's notes),
 * its documents, and whether the company may still withdraw it.
 */
export function partnershipOfMember(db: Db, userId: number, partnershipId: number, locale: Locale) {
  const row = readRows(db, memberOrgIds(db, userId), partnershipId)[0];
  if (!row) return null;
  const request = db
    .select({ need: partnerships.need, contact: partnerships.contact, requestedBy: users.displayName })
    .from(partnerships)
    .leftJoin(users, eq(users.id, partnerships.requestedBy))
    .where(eq(partnerships.id, partnershipId))
    .get()!;
  const steps = db
    .select({ id: partnershipEvents.id, status: partnershipEvents.toStatus, happenedOn: partnershipEvents.happenedOn })
    .from(partnershipEvents)
    .where(and(eq(partnershipEvents.partnershipId, partnershipId), isNotNull(partnershipEvents.toStatus)))
    .orderBy(asc(partnershipEvents.happenedOn), asc(partnershipEvents.id))
    .all() as { id: number; status: PartnershipStatus; happenedOn: string }[];
  const documents = db
    .select({
      id: partnershipDocuments.id,
      fileId: files.id,
      label: partnershipDocuments.label,
      addedAt: files.createdAt,
    })
    .from(partnershipDocuments)
    .innerJoin(files, eq(files.id, partnershipDocuments.fileId))
    .where(eq(partnershipDocuments.partnershipId, partnershipId))
    .orderBy(asc(partnershipDocuments.id))
    .all();
  return {
    ...summaryOf(db, row, locale),
    request,
    steps,
    documents,
    mayWithdraw: partnershipActionsFor(row.status, "owner").includes("withdraw"),
  };
}

export type EmployerPartnership = NonNullable<ReturnType<typeof partnershipOfMember>>;

/**
 * The company withdraws its request (before signing): null when the person is
 * not a member of its company, else the lifecycle's answer.
 */
export function withdrawPartnership(db: Db, userId: number, partnershipId: number, ip?: string) {
  if (readRows(db, memberOrgIds(db, userId), partnershipId).length === 0) return null;
  return db.transaction((tx) =>
    transitionPartnership(tx, { partnershipId, action: "withdraw", actor: { userId, roles: ["employer"] }, ip }),
  );
}
