// The counsellor's side of a candidate: who follows them (assignment), the
// whole file (every view audited), notes. Finding candidates is in
// candidate-search.server.ts, registering one in assisted-registration.server.ts.
import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "~/utils/db.server";
import {
  candidateNotes,
  candidateProfiles,
  candidateTrades,
  memberships,
  organisations,
  placements,
  type Role,
  users,
} from "../../db/schema";
import { isPlaceholderEmail } from "./assisted-registration.server";
import { recordAudit } from "./audit.server";
import { listCandidateApplications } from "./candidate-applications.server";
import { accountColumns } from "./own-account.server";
import { placementTermsColumns, withFollowups } from "./placements.server";

export const NOTE_MAX_LENGTH = 2000;

const counsellor = alias(users, "counsellor");

function activeStaff(db: Db, userId: number) {
  const user = db
    .select({ id: users.id, role: users.role, disabledAt: users.disabledAt, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  return user && !user.disabledAt && !user.deletedAt && (user.role === "conseiller" || user.role === "admin")
    ? user
    : null;
}

/** The partner organisations (OIM, CNPM ...) a counsellor belongs to. */
function partnerOrgIds(db: Db, userId: number) {
  return db
    .select({ id: organisations.id })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(organisations.kind, "partner")))
    .all()
    .map((o) => o.id);
}

/**
 * Whom this counsellor may hand a candidate to: the other counsellors of their
 * partner organisations; for an admin, every counsellor.
 */
export function listColleagues(db: Db, actorId: number) {
  const actor = activeStaff(db, actorId);
  if (!actor) return [];
  const active = and(
    eq(users.role, "conseiller"),
    isNull(users.disabledAt),
    isNull(users.deletedAt),
    ne(users.id, actorId),
  );
  if (actor.role === "admin") {
    return db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(active)
      .orderBy(users.displayName)
      .all();
  }
  const orgIds = partnerOrgIds(db, actorId);
  if (orgIds.length === 0) return [];
  return db
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.orgId, orgIds), active))
    .orderBy(users.displayName)
    .all();
}

export type AssignResult = { ok: true } | { ok: false; reason: "not_found" | "not_allowed" };

/**
 * Gives a candidate to a counsellor: to oneself, or to a colleague of one's
 * partner organisation; an admin to any counsellor. Audited.
 */
export function assignCounsellor(
  db: Db,
  actorId: number,
  candidateId: number,
  counsellorId: number,
  ip?: string,
): AssignResult {
  const actor = activeStaff(db, actorId);
  if (!actor) return { ok: false, reason: "not_allowed" };
  const candidate = db
    .select({ counsellorId: candidateProfiles.counsellorId })
    .from(candidateProfiles)
    .innerJoin(users, eq(users.id, candidateProfiles.userId))
    .where(and(eq(candidateProfiles.userId, candidateId), eq(users.role, "candidat"), isNull(users.deletedAt)))
    .get();
  if (!candidate) return { ok: false, reason: "not_found" };
  const target = activeStaff(db, counsellorId);
  const allowed =
    target !== null &&
    (actor.role === "admin" ||
      counsellorId === actorId ||
      (target.role === "conseiller" &&
        partnerOrgIds(db, counsellorId).some((id) => partnerOrgIds(db, actorId).includes(id))));
  if (!allowed) return { ok: false, reason: "not_allowed" };
  db.transaction((tx) => {
    tx.update(candidateProfiles)
      .set({ counsellorId, updatedAt: new Date() })
      .where(eq(candidateProfiles.userId, candidateId))
      .run();
    recordAudit(tx, {
      actorId,
      action: "candidate.assigned",
      subjectType: "user",
      subjectId: candidateId,
      detail: { counsellorId, previousCounsellorId: candidate.counsellorId },
      ip,
    });
  });
  return { ok: true };
}

/**
 * A candidate's whole file for a counsellor or an admin: profile with the
 * sensitive fields, trades, applications with their timelines, placements
 * with their follow-ups, notes (newest first) and how consent was given.
 * Each call writes `candidate.viewed` to the audit log. Null for anyone who is
 * not a (living) candidate.
 */
export function getCandidateFile(db: Db, viewer: { id: number; role: Role }, candidateId: number, ip?: string) {
  if (viewer.role !== "conseiller" && viewer.role !== "admin") return null;
  const registeredBy = alias(users, "registered_by");
  const consentBy = alias(users, "consent_by");
  const row = db
    .select({
      profile: candidateProfiles,
      user: {
        ...accountColumns,
        disabledAt: users.disabledAt,
        hasPassword: sql<number>`${users.passwordHash} IS NOT NULL`,
        hasPin: sql<number>`${users.pinHash} IS NOT NULL`,
      },
      counsellorName: counsellor.displayName,
      registeredByName: registeredBy.displayName,
      consentByName: consentBy.displayName,
    })
    .from(candidateProfiles)
    .innerJoin(users, eq(users.id, candidateProfiles.userId))
    .leftJoin(counsellor, eq(counsellor.id, candidateProfiles.counsellorId))
    .leftJoin(registeredBy, eq(registeredBy.id, candidateProfiles.registeredBy))
    .leftJoin(consentBy, eq(consentBy.id, candidateProfiles.consentRecordedBy))
    .where(and(eq(candidateProfiles.userId, candidateId), eq(users.role, "candidat"), isNull(users.deletedAt)))
    .get();
  if (!row) return null;

  const trades = db
    .select({ trade: candidateTrades.trade })
    .from(candidateTrades)
    .where(eq(candidateTrades.userId, candidateId))
    .all();
  const placementRows = db
    .select({
      id: placements.id,
      orgName: organisations.name,
      employerName: placements.employerName,
      offerId: placements.offerId,
      ...placementTermsColumns,
    })
    .from(placements)
    .leftJoin(organisations, eq(organisations.id, placements.orgId))
    .where(eq(placements.candidateId, candidateId))
    .orderBy(desc(placements.startDate), desc(placements.id))
    .all();
  const author = alias(users, "author");
  const notes = db
    .select({
      id: candidateNotes.id,
      body: candidateNotes.body,
      createdAt: candidateNotes.createdAt,
      authorName: author.displayName,
    })
    .from(candidateNotes)
    .leftJoin(author, eq(author.id, candidateNotes.authorId))
    .where(eq(candidateNotes.candidateId, candidateId))
    .orderBy(desc(candidateNotes.createdAt), desc(candidateNotes.id))
    .all();

  recordAudit(db, {
    actorId: viewer.id,
    action: "candidate.viewed",
    subjectType: "user",
    subjectId: candidateId,
    detail: { sensitive: true },
    ip,
  });

  const { profile, user } = row;
  return {
    userId: candidateId,
    profile,
    contact: {
      phone: user.phone,
      email: isPlaceholderEmail(user.email) ? null : user.email,
      locale: user.locale,
      hasPassword: Boolean(user.hasPassword),
      hasPin: Boolean(user.hasPin),
      registeredAt: user.createdAt,
      lastLoginAt: user.lastLoginAt,
      disabled: user.disabledAt !== null,
    },
    counsellor: profile.counsellorId ? { id: profile.counsellorId, name: row.counsellorName } : null,
    registeredByName: row.registeredByName,
    consent: { at: profile.consentAt, method: profile.consentMethod, recordedByName: row.consentByName },
    trades: trades.map((t) => t.trade),
    applications: listCandidateApplications(db, candidateId),
    placements: withFollowups(db, placementRows),
    notes,
  };
}

export type CandidateFile = NonNullable<ReturnType<typeof getCandidateFile>>;

/** A counsellor's note about a candidate (counsellors and admins only ever read it). */
export function addNote(db: Db, authorId: number, candidateId: number, body: string) {
  const text = body.trim();
  if (text.length === 0 || text.length > NOTE_MAX_LENGTH) return { ok: false as const, reason: "invalid" as const };
  const candidate = db
    .select({ id: users.id })
    .from(users)
    .innerJoin(candidateProfiles, eq(candidateProfiles.userId, users.id))
    .where(and(eq(users.id, candidateId), eq(users.role, "candidat"), isNull(users.deletedAt)))
    .get();
  if (!candidate) return { ok: false as const, reason: "not_found" as const };
  const id = db.transaction((tx) => {
    const note = tx
      .insert(candidateNotes)
      .values({ candidateId, authorId, body: text })
      .returning({ id: candidateNotes.id })
      .get();
    // The note's text stays out of the log: it may be as sensitive as the file.
    recordAudit(tx, {
      actorId: authorId,
      action: "candidate.note_added",
      subjectType: "user",
      subjectId: candidateId,
      detail: { noteId: note.id },
    });
    return note.id;
  });
  return { ok: true as const, noteId: id };
}

/** The number of candidates a counsellor follows (the dashboard's caseload). */
export function caseloadCount(db: Db, counsellorId: number) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(candidateProfiles)
      .innerJoin(users, eq(users.id, candidateProfiles.userId))
      .where(and(eq(candidateProfiles.counsellorId, counsellorId), isNull(users.deletedAt)))
      .get()?.n ?? 0
  );
}
