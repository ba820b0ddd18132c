// The counsellor's side of candidates: search the caseload, assign, read the
// whole file (every view audited), write notes, register someone on their behalf.
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  candidateNotes,
  candidateProfiles,
  candidateTrades,
  memberships,
  organisations,
  placementFollowups,
  placements,
  users,
  type Role,
} from "../../db/schema";
import type { AssistedRegistration } from "../schemas/candidate";
import type { Db } from "../utils/db.server";
import { normalizeMaliPhone } from "../utils/phone";
import { contactsTaken, ContactTakenError } from "./registration.server";
import { issueSetPasswordCode } from "./activation.server";
import { listCandidateApplications } from "./applications.server";
import { recordAudit } from "./audit.server";
import { registerFoldFunction } from "./matching.server";
import { foldText } from "../utils/text";

export const CANDIDATES_PER_PAGE = 25;
export const NOTE_MAX_LENGTH = 2000;

// A person with neither phone nor e-mail still needs one of them (users_contact_check):
// an address under the reserved `.invalid` domain, unique, to which nothing is ever sent.
const PLACEHOLDER_DOMAIN = "@baara.invalid";
export const isPlaceholderEmail = (email: string | null | undefined) => Boolean(email?.endsWith(PLACEHOLDER_DOMAIN));
const placeholderEmail = () => `sans-contact+${randomBytes(8).toString("hex")}${PLACEHOLDER_DOMAIN}`;

export type CandidateFilters = {
  q?: string;
  region?: string;
  trade?: string;
  status?: "looking" | "placed";
  mine?: boolean;
  page?: number;
};

const counsellor = alias(users, "counsellor");
const inPlacement = sql<number>`EXISTS (SELECT 1 FROM placements p WHERE p.candidate_id = ${candidateProfiles.userId} AND p.ended_at IS NULL)`;

/** What a search asks of SQLite: a phone in any Malian spelling, or words of the name without accents. */
function searchConditions(counsellorId: number, filters: CandidateFilters): SQL[] {
  const conditions: SQL[] = [eq(users.role, "candidat"), isNull(users.deletedAt)];
  const q = filters.q?.trim();
  if (q) {
    const phone = normalizeMaliPhone(q);
    if (phone) conditions.push(eq(users.phone, phone));
    else {
      for (const word of foldText(q).split(/\s+/).filter(Boolean).slice(0, 5)) {
        conditions.push(sql`instr(baara_fold(${candidateProfiles.firstName} || ' ' || ${candidateProfiles.lastName}), ${word}) > 0`);
      }
    }
  }
  if (filters.region) conditions.push(eq(candidateProfiles.region, filters.region));
  if (filters.trade) {
    conditions.push(sql`EXISTS (SELECT 1 FROM candidate_trades ct WHERE ct.user_id = ${candidateProfiles.userId} AND ct.trade = ${filters.trade})`);
  }
  if (filters.status === "placed") conditions.push(sql`${inPlacement}`);
  if (filters.status === "looking") conditions.push(sql`NOT ${inPlacement}`);
  if (filters.mine) conditions.push(eq(candidateProfiles.counsellorId, counsellorId));
  return conditions;
}

/**
 * Candidates for the counsellor's list, 25 a page, with the total. Never
 * migrant status nor disability: those are shown in the file, where each view
 * is audited.
 */
export function searchCandidates(db: Db, counsellorId: number, filters: CandidateFilters = {}) {
  registerFoldFunction(db.$client);
  const where = and(...searchConditions(counsellorId, filters));
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(candidateProfiles)
      .innerJoin(users, eq(users.id, candidateProfiles.userId))
      .where(where)
      .get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / CANDIDATES_PER_PAGE));
  const page = Math.min(Math.max(1, filters.page ?? 1), pageCount);
  const rows = db
    .select({
      userId: candidateProfiles.userId,
      firstName: candidateProfiles.firstName,
      lastName: candidateProfiles.lastName,
      phone: users.phone,
      region: candidateProfiles.region,
      commune: candidateProfiles.commune,
      educationLevel: candidateProfiles.educationLevel,
      trades: sql<string | null>`(SELECT group_concat(trade) FROM candidate_trades ct WHERE ct.user_id = ${candidateProfiles.userId})`,
      counsellorId: candidateProfiles.counsellorId,
      counsellorName: counsellor.displayName,
      registeredAt: users.createdAt,
      placed: inPlacement,
    })
    .from(candidateProfiles)
    .innerJoin(users, eq(users.id, candidateProfiles.userId))
    .leftJoin(counsellor, eq(counsellor.id, candidateProfiles.counsellorId))
    .where(where)
    .orderBy(asc(candidateProfiles.lastName), asc(candidateProfiles.firstName), asc(candidateProfiles.userId))
    .limit(CANDIDATES_PER_PAGE)
    .offset((page - 1) * CANDIDATES_PER_PAGE)
    .all();
  return {
    total,
    page,
    pageCount,
    candidates: rows.map((r) => ({ ...r, trades: r.trades ? r.trades.split(",") : [], placed: Boolean(r.placed) })),
  };
}

function activeStaff(db: Db, userId: number) {
  const user = db.select({ id: users.id, role: users.role, disabledAt: users.disabledAt, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId)).get();
  return user && !user.disabledAt && !user.deletedAt && (user.role === "conseiller" || user.role === "admin") ? user : null;
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
  const active = and(eq(users.role, "conseiller"), isNull(users.disabledAt), isNull(users.deletedAt), ne(users.id, actorId));
  if (actor.role === "admin") {
    return db.select({ id: users.id, displayName: users.displayName }).from(users).where(active).orderBy(users.displayName).all();
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
export function assignCounsellor(db: Db, actorId: number, candidateId: number, counsellorId: number, ip?: string): AssignResult {
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
      (target.role === "conseiller" && partnerOrgIds(db, counsellorId).some((id) => partnerOrgIds(db, actorId).includes(id))));
  if (!allowed) return { ok: false, reason: "not_allowed" };
  db.transaction((tx) => {
    tx.update(candidateProfiles).set({ counsellorId, updatedAt: new Date() }).where(eq(candidateProfiles.userId, candidateId)).run();
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
        phone: users.phone,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
        createdAt: users.createdAt,
        lastLoginAt: users.lastLoginAt,
        disabledAt: users.disabledAt,
        hasPassword: sql<number>`${users.passwordHash} IS NOT NULL`,
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

  const trades = db.select({ trade: candidateTrades.trade }).from(candidateTrades).where(eq(candidateTrades.userId, candidateId)).all();
  const placementRows = db
    .select({
      id: placements.id,
      orgName: organisations.name,
      employerName: placements.employerName,
      offerId: placements.offerId,
      type: placements.type,
      contract: placements.contract,
      startDate: placements.startDate,
      payAmount: placements.payAmount,
      endedAt: placements.endedAt,
      endReason: placements.endReason,
    })
    .from(placements)
    .leftJoin(organisations, eq(organisations.id, placements.orgId))
    .where(eq(placements.candidateId, candidateId))
    .orderBy(desc(placements.startDate), desc(placements.id))
    .all();
  const followups = placementRows.length
    ? db
        .select()
        .from(placementFollowups)
        .where(inArray(placementFollowups.placementId, placementRows.map((p) => p.id)))
        .orderBy(placementFollowups.monthsAfter)
        .all()
    : [];
  const author = alias(users, "author");
  const notes = db
    .select({ id: candidateNotes.id, body: candidateNotes.body, createdAt: candidateNotes.createdAt, authorName: author.displayName })
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
      registeredAt: user.createdAt,
      lastLoginAt: user.lastLoginAt,
      disabled: user.disabledAt !== null,
    },
    counsellor: profile.counsellorId ? { id: profile.counsellorId, name: row.counsellorName } : null,
    registeredByName: row.registeredByName,
    consent: { at: profile.consentAt, method: profile.consentMethod, recordedByName: row.consentByName },
    trades: trades.map((t) => t.trade),
    applications: listCandidateApplications(db, candidateId),
    placements: placementRows.map((p) => ({ ...p, followups: followups.filter((f) => f.placementId === p.id) })),
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
    const note = tx.insert(candidateNotes).values({ candidateId, authorId, body: text }).returning({ id: candidateNotes.id }).get();
    // The note's text stays out of the log: it may be as sensitive as the file.
    recordAudit(tx, { actorId: authorId, action: "candidate.note_added", subjectType: "user", subjectId: candidateId, detail: { noteId: note.id } });
    return note.id;
  });
  return { ok: true as const, noteId: id };
}

/**
 * A counsellor registers someone who has no smartphone or cannot read well.
 * Consent is recorded as given to this counsellor (oral or written), who also
 * follows the person. No password: with a phone, the person receives by SMS a
 * code to choose one; without, the counsellor acts for them. Throws
 * ContactTakenError when the phone or e-mail already has an account.
 */
export function registerAssisted(db: Db, counsellorId: number, input: AssistedRegistration, ip?: string) {
  const taken = contactsTaken(db, input.phone ?? undefined, input.email ?? undefined);
  if (taken.phone || taken.email) throw new ContactTakenError(taken);
  const now = new Date();
  const { phone, email, locale, trades, smsConsent, consentMethod, ...profile } = input;
  try {
    return db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({
          role: "candidat",
          phone,
          email: email ?? (phone ? null : placeholderEmail()),
          passwordHash: null,
          displayName: `${input.firstName} ${input.lastName}`,
          locale,
        })
        .returning({ id: users.id })
        .get();
      tx.insert(candidateProfiles)
        .values({
          userId: user.id,
          ...profile,
          consentAt: now,
          consentMethod,
          consentRecordedBy: counsellorId,
          smsConsentAt: smsConsent ? now : null,
          counsellorId,
          registeredBy: counsellorId,
        })
        .run();
      if (trades.length > 0) tx.insert(candidateTrades).values(trades.map((trade) => ({ userId: user.id, trade }))).run();
      recordAudit(tx, {
        actorId: counsellorId,
        action: "candidate.registered_by_counsellor",
        subjectType: "user",
        subjectId: user.id,
        detail: { consentMethod, withPhone: Boolean(phone) },
        ip,
      });
      const code = phone ? issueSetPasswordCode(tx, user.id, { actorId: counsellorId }) : null;
      return { userId: user.id, phone, codeSent: code !== null };
    });
  } catch (error) {
    // Two registrations racing for the same phone or e-mail: the unique index decides.
    if (error instanceof Error && /UNIQUE constraint failed: users\.(phone|email)/.test(error.message)) {
      throw new ContactTakenError(contactsTaken(db, phone ?? undefined, email ?? undefined));
    }
    throw error;
  }
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

/**
 * The counsellor's "send a new code" for a person who has a phone and has not
 * chosen a password yet: the older code stops working.
 */
export function resendSetPasswordCode(db: Db, actorId: number, candidateId: number) {
  const user = db
    .select({ role: users.role, phone: users.phone, passwordHash: users.passwordHash, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, candidateId))
    .get();
  if (!user || user.role !== "candidat" || user.deletedAt) return { ok: false as const, reason: "not_found" as const };
  if (!user.phone || user.passwordHash) return { ok: false as const, reason: "no_phone" as const };
  issueSetPasswordCode(db, candidateId, { actorId });
  return { ok: true as const };
}
