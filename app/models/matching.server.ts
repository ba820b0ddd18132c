// Matching candidates and offers, with the reasons in words a counsellor can
// check ("même région · 2 compétences en commun · niveau BT"). The score of one
// candidate for one offer is ./match-score.ts; here, finding and ranking them in the database.
import type Database from "better-sqlite3";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import { TRADES, type Trade } from "~/utils/reference";
import { foldText } from "~/utils/text";
import { candidateProfiles, candidateTrades, EDUCATION_LEVELS, offers, organisations } from "../../db/schema";
import {
  type CandidateSide,
  DRIVING_TRADES,
  educationRank,
  MAX_SKILL_WORDS,
  type OfferSide,
  scoreMatch,
  WEIGHTS,
} from "./match-score";
import { isOpenOffer } from "./offers.server";

// `baara_fold(text)`: foldText as an SQL function, so that SQLite compares names
// and communes without accents ("Maiga" finds "Maïga"). ASCII text only needs lower-casing.
const withFold = new WeakSet<Database.Database>();
const ASCII = /^[\p{ASCII}]*$/u;
const foldedCache = new Map<string, string>();
export function registerFoldFunction(client: Database.Database) {
  if (withFold.has(client)) return;
  client.function("baara_fold", { deterministic: true }, (value: unknown) => {
    if (value === null || value === undefined) return null;
    const text = String(value);
    if (ASCII.test(text)) return text.toLowerCase();
    // Names and communes repeat a lot: their folded forms are kept (a bounded cache).
    let folded = foldedCache.get(text);
    if (folded === undefined) {
      if (foldedCache.size >= 100_000) foldedCache.clear();
      folded = foldText(text);
      foldedCache.set(text, folded);
    }
    return folded;
  });
  withFold.add(client);
}

// Everything of scoreMatch but the skill words, computed by SQLite for the whole
// pool. Kept equal to scoreMatch term by term: the ranking's shortcut relies on it.
// Per candidate row: the trades through the (user_id, trade) key alone (`+`), the
// commune folded in JavaScript only when it has a non-ASCII letter, and one
// `instr` per language of the offer (its JSON-quoted code in the JSON list).
function baseScoreSql(languageCount: number) {
  const languages =
    Array.from({ length: languageCount }, (_, i) => `(instr(cp.languages, :lang${i}) > 0)`).join(" + ") || "0";
  return `
WITH pool(user_id) AS (
  SELECT user_id FROM candidate_trades WHERE trade IN (SELECT value FROM json_each(:trades))
  UNION SELECT user_id FROM candidate_profiles WHERE region = :region)
SELECT cp.user_id,
  coalesce((SELECT sum(CASE WHEN t.trade = :trade THEN ${WEIGHTS.sameTrade} ELSE ${WEIGHTS.skill} END)
     FROM candidate_trades t WHERE t.user_id = cp.user_id AND +t.trade IN (SELECT value FROM json_each(:trades))), 0)
  + (CASE WHEN :commune IS NOT NULL
           AND (CASE WHEN cp.commune GLOB '*[^ -~]*' THEN baara_fold(cp.commune) ELSE lower(cp.commune) END) = :commune
          THEN ${WEIGHTS.sameCommune}
          WHEN cp.region = :region THEN ${WEIGHTS.sameRegion} ELSE 0 END)
  + (CASE WHEN :minEducation IS NOT NULL AND cp.education_level IS NOT NULL THEN ${WEIGHTS.education} ELSE 0 END)
  + ${WEIGHTS.language} * (${languages})
  + (CASE WHEN cp.availability = 'immediate' THEN ${WEIGHTS.availableNow} ELSE 0 END)
  + (CASE WHEN :needsLicence AND cp.driving_licence THEN ${WEIGHTS.drivingLicence} ELSE 0 END) AS base,
  cp.skills IS NOT NULL AS has_skills
FROM pool CROSS JOIN candidate_profiles cp ON cp.user_id = pool.user_id
JOIN users u ON u.id = cp.user_id
WHERE u.deleted_at IS NULL AND u.disabled_at IS NULL AND cp.consent_at IS NOT NULL
  AND (:minEducation IS NULL OR cp.education_level IN (SELECT value FROM json_each(:levels)))
  AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.offer_id = :offerId AND a.candidate_id = cp.user_id)`;
}

const baseStatements = new WeakMap<Database.Database, Map<number, Database.Statement>>();
function baseScores(db: Db, languages: string[], params: Record<string, string | number | null>) {
  const client = db.$client;
  registerFoldFunction(client);
  let statements = baseStatements.get(client);
  if (!statements) {
    statements = new Map();
    baseStatements.set(client, statements);
  }
  let statement = statements.get(languages.length);
  if (!statement) {
    statement = client.prepare(baseScoreSql(languages.length)).raw();
    statements.set(languages.length, statement);
  }
  const quoted = Object.fromEntries(languages.map((code, i) => [`lang${i}`, JSON.stringify(code)]));
  return statement.all({ ...params, ...quoted }) as [number, number, number][];
}

/**
 * The candidates who fit an offer, best first: not already applied, account
 * active, consent given, education at least the offer's minimum. The pool (the
 * offer's sector's trades, or its region) is scored by SQLite except for the
 * skill words, which add at most 36 points: only the candidates who could
 * still reach the list with them are read in full and scored by scoreMatch —
 * a few thousand of 50 000, so that the ranking stays fast.
 */
export function matchCandidatesForOffer(db: Db, offerId: number, limit = 50, today = isoToday()) {
  const row = db
    .select({ offer: offers, orgName: organisations.name, isOpen: sql<number>`${isOpenOffer(today)}` })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(eq(offers.id, offerId))
    .get();
  if (!row) return null;
  const { offer } = row;
  const sectorTrades = Object.entries(TRADES)
    .filter(([, sector]) => sector === offer.sector)
    .map(([trade]) => trade);
  const scoringTrades = [...new Set([...sectorTrades, ...(offer.trade ? [offer.trade] : [])])];
  const offerSide: OfferSide = { ...offer, needsLicence: DRIVING_TRADES.has(offer.trade ?? "") };

  const pool = baseScores(db, offer.languages, {
    trades: JSON.stringify(scoringTrades),
    trade: offer.trade,
    region: offer.region,
    commune: offer.commune ? foldText(offer.commune) : null,
    minEducation: offer.minEducation,
    levels: JSON.stringify(offer.minEducation ? EDUCATION_LEVELS.slice(educationRank(offer.minEducation)) : []),
    needsLicence: offerSide.needsLicence ? 1 : 0,
    offerId,
  });
  // Every candidate of the pool scores (trade of the sector, or same region): all fit.
  pool.sort((a, b) => b[1] - a[1]);
  const threshold = limit <= 0 ? Infinity : pool.length >= limit ? pool[limit - 1]![1] : -Infinity;
  const maxSkillPoints = WEIGHTS.skill * MAX_SKILL_WORDS;
  const shortlist = pool
    .filter(([, base, hasSkills]) => base + (hasSkills ? maxSkillPoints : 0) >= threshold)
    .map(([id]) => id);

  const rows = shortlist.length
    ? db
        .select({
          userId: candidateProfiles.userId,
          firstName: candidateProfiles.firstName,
          lastName: candidateProfiles.lastName,
          region: candidateProfiles.region,
          commune: candidateProfiles.commune,
          educationLevel: candidateProfiles.educationLevel,
          skills: candidateProfiles.skills,
          languages: candidateProfiles.languages,
          availability: candidateProfiles.availability,
          drivingLicence: candidateProfiles.drivingLicence,
          counsellorId: candidateProfiles.counsellorId,
          trades: sql<
            string | null
          >`(SELECT group_concat(trade) FROM candidate_trades ct WHERE ct.user_id = "candidate_profiles"."user_id")`,
          placed: sql<number>`EXISTS (SELECT 1 FROM placements p WHERE p.candidate_id = "candidate_profiles"."user_id" AND p.ended_at IS NULL)`,
        })
        .from(candidateProfiles)
        .where(sql`${candidateProfiles.userId} IN (SELECT value FROM json_each(${JSON.stringify(shortlist)}))`)
        .all()
    : [];
  const ranked = [];
  for (const candidate of rows) {
    const trades = candidate.trades ? candidate.trades.split(",") : [];
    const match = scoreMatch(offerSide, { ...candidate, trades });
    if (match) ranked.push({ ...candidate, trades, placed: Boolean(candidate.placed), ...match });
  }
  ranked.sort((a, b) => b.score - a.score || a.lastName.localeCompare(b.lastName, "fr") || a.userId - b.userId);
  return {
    offer,
    orgName: row.orgName,
    isOpen: Boolean(row.isOpen),
    total: pool.length,
    candidates: ranked.slice(0, limit),
  };
}

/** The open offers that fit a candidate, best first (the candidate file's side of matching). */
export function matchOffersForCandidate(db: Db, candidateId: number, limit = 20, today = isoToday()) {
  const profile = db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, candidateId)).get();
  if (!profile) return [];
  const trades = db
    .select({ trade: candidateTrades.trade })
    .from(candidateTrades)
    .where(eq(candidateTrades.userId, candidateId))
    .all()
    .map((t) => t.trade);
  const sectors = [...new Set(trades.map((t) => TRADES[t as Trade]).filter(Boolean))];
  const rows = db
    .select({
      id: offers.id,
      title: offers.title,
      description: offers.description,
      type: offers.type,
      trade: offers.trade,
      sector: offers.sector,
      region: offers.region,
      commune: offers.commune,
      minEducation: offers.minEducation,
      languages: offers.languages,
      closingDate: offers.closingDate,
      orgName: organisations.name,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .where(
      and(
        isOpenOffer(today),
        or(
          sectors.length ? inArray(offers.sector, sectors) : undefined,
          trades.length ? inArray(offers.trade, trades) : undefined,
          profile.region ? eq(offers.region, profile.region) : undefined,
        ),
        sql`NOT EXISTS (SELECT 1 FROM applications a WHERE a.offer_id = "offers"."id" AND a.candidate_id = ${candidateId})`,
      ),
    )
    .all();
  // The same offer in both directions: a candidate who fits an offer finds it here too.
  const candidateSide: CandidateSide = { ...profile, trades };
  return rows
    .map((offer) => ({
      offer,
      match: scoreMatch({ ...offer, needsLicence: DRIVING_TRADES.has(offer.trade ?? "") }, candidateSide),
    }))
    .filter(
      (r): r is { offer: (typeof rows)[number]; match: NonNullable<ReturnType<typeof scoreMatch>> } => r.match !== null,
    )
    .sort(
      (a, b) =>
        b.match.score - a.match.score ||
        a.offer.closingDate.localeCompare(b.offer.closingDate) ||
        a.offer.id - b.offer.id,
    )
    .slice(0, limit)
    .map(({ offer: { description: _d, ...offer }, match }) => ({ ...offer, ...match }));
}
