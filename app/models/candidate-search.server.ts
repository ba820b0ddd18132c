// Finding candidates: the counsellor's list (filters, 25 a page) and the quick
// search by name, phone or number that picks one for a placement.
import { and, asc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "~/utils/db.server";
import { normalizeMaliPhone } from "~/utils/phone";
import { foldText } from "~/utils/text";
import { candidateProfiles, users } from "../../db/schema";
import { registerFoldFunction } from "./matching.server";
import { contains } from "./name-search.server";

export const CANDIDATES_PER_PAGE = 25;

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
        conditions.push(
          sql`instr(baara_fold(${candidateProfiles.firstName} || ' ' || ${candidateProfiles.lastName}), ${word}) > 0`,
        );
      }
    }
  }
  if (filters.region) conditions.push(eq(candidateProfiles.region, filters.region));
  if (filters.trade) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM candidate_trades ct WHERE ct.user_id = ${candidateProfiles.userId} AND ct.trade = ${filters.trade})`,
    );
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
      trades: sql<
        string | null
      >`(SELECT group_concat(trade) FROM candidate_trades ct WHERE ct.user_id = ${candidateProfiles.userId})`,
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

/** Candidates by name, phone or number, to pick one for a placement found outside the portal. */
export function findCandidatesByName(db: Db, query: string, limit = 10) {
  const text = query.trim().replace(/\s+/g, " ").slice(0, 60);
  if (text.length < 2) return [];
  const digits = text.replace(/\D/g, "");
  return db
    .select({
      id: users.id,
      name: sql<string>`coalesce(${candidateProfiles.firstName} || ' ' || ${candidateProfiles.lastName}, ${users.displayName})`,
      phone: users.phone,
      region: candidateProfiles.region,
      commune: candidateProfiles.commune,
    })
    .from(users)
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, users.id))
    .where(
      and(
        eq(users.role, "candidat"),
        isNull(users.deletedAt),
        or(
          contains(sql`${candidateProfiles.firstName} || ' ' || ${candidateProfiles.lastName}`, text),
          contains(sql`${candidateProfiles.lastName} || ' ' || ${candidateProfiles.firstName}`, text),
          contains(sql`${users.displayName}`, text),
          digits.length >= 4 ? contains(sql`${users.phone}`, digits.slice(-8)) : undefined,
          /^\d{1,12}$/.test(text) ? eq(users.id, Number(text)) : undefined,
        ),
      ),
    )
    .orderBy(asc(candidateProfiles.lastName), asc(candidateProfiles.firstName), asc(users.id))
    .limit(limit)
    .all();
}
