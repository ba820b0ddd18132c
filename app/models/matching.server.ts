// Matching candidates and offers, with the reasons in words a counsellor can
// check ("même région · 2 compétences en commun · niveau BT").
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import {
  candidateProfiles,
  candidateTrades,
  EDUCATION_LEVELS,
  offers,
  organisations,
  users,
  type EducationLevel,
} from "../../db/schema";
import { isoToday } from "../utils/dates";
import type { Db } from "../utils/db.server";
import { TRADES, type Trade } from "../utils/reference";
import { foldText } from "./offer-rules";
import { isOpenOffer } from "./offers.server";

export type MatchReason =
  | { key: "sameTrade"; trade: string }
  | { key: "skillsInCommon"; count: number }
  | { key: "sameCommune"; commune: string }
  | { key: "sameRegion" }
  | { key: "education"; level: EducationLevel }
  | { key: "languages"; count: number }
  | { key: "availableNow" }
  | { key: "drivingLicence" };

// Weights: the trade matters most, then place (people rarely move for a job), then the rest.
const WEIGHTS = { sameTrade: 40, skill: 12, sameCommune: 25, sameRegion: 15, education: 8, language: 4, availableNow: 6, drivingLicence: 3 };

const educationRank = (level: EducationLevel | null | undefined) => (level ? EDUCATION_LEVELS.indexOf(level) : -1);

type OfferSide = {
  trade: string | null;
  sector: string;
  region: string;
  commune: string | null;
  minEducation: EducationLevel | null;
  languages: string[];
  title: string;
  description: string;
  needsLicence: boolean;
};

type CandidateSide = {
  trades: string[];
  skills: string | null;
  region: string | null;
  commune: string | null;
  educationLevel: EducationLevel | null;
  languages: string[];
  availability: string | null;
  drivingLicence: boolean;
};

/** The score of a candidate for an offer and its reasons, or null if they do not fit (education below the minimum). */
export function scoreMatch(offer: OfferSide, candidate: CandidateSide): { score: number; reasons: MatchReason[] } | null {
  if (offer.minEducation && educationRank(candidate.educationLevel) < educationRank(offer.minEducation)) return null;
  const reasons: MatchReason[] = [];
  let score = 0;
  if (offer.trade && candidate.trades.includes(offer.trade)) {
    score += WEIGHTS.sameTrade;
    reasons.push({ key: "sameTrade", trade: offer.trade });
  }
  // Skills in common: the candidate's other trades of the offer's sector, and
  // their own words for their skills found in the offer's text.
  const offerText = ` ${foldText(`${offer.title} ${offer.description}`)} `;
  const sectorTrades = candidate.trades.filter((t) => t !== offer.trade && TRADES[t as Trade] === offer.sector).length;
  const skillWords = new Set(
    foldText(candidate.skills ?? "")
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4 && offerText.includes(` ${w}`)),
  ).size;
  const inCommon = sectorTrades + Math.min(skillWords, 3);
  if (inCommon > 0) {
    score += WEIGHTS.skill * inCommon;
    reasons.push({ key: "skillsInCommon", count: inCommon });
  }
  if (offer.commune && candidate.commune && foldText(offer.commune) === foldText(candidate.commune)) {
    score += WEIGHTS.sameCommune;
    reasons.push({ key: "sameCommune", commune: offer.commune });
  } else if (candidate.region === offer.region) {
    score += WEIGHTS.sameRegion;
    reasons.push({ key: "sameRegion" });
  }
  if (offer.minEducation && candidate.educationLevel) {
    score += WEIGHTS.education;
    reasons.push({ key: "education", level: candidate.educationLevel });
  }
  const languages = offer.languages.filter((l) => candidate.languages.includes(l)).length;
  if (languages > 0) {
    score += WEIGHTS.language * languages;
    reasons.push({ key: "languages", count: languages });
  }
  if (candidate.availability === "immediate") {
    score += WEIGHTS.availableNow;
    reasons.push({ key: "availableNow" });
  }
  if (offer.needsLicence && candidate.drivingLicence) {
    score += WEIGHTS.drivingLicence;
    reasons.push({ key: "drivingLicence" });
  }
  return score > 0 ? { score, reasons } : null;
}

const DRIVING_TRADES = new Set(["chauffeur", "chauffeur_poids_lourd", "livreur", "conducteur_engins"]);

/**
 * The candidates who fit an offer, best first: not already applied, account
 * active, consent given. The pool is narrowed through indexes (same trade or
 * sector, or same region) before scoring, so that 50 000 candidates rank fast.
 */
export function matchCandidatesForOffer(db: Db, offerId: number, limit = 50) {
  const offer = db.select().from(offers).where(eq(offers.id, offerId)).get();
  if (!offer) return null;
  const sectorTrades = Object.entries(TRADES).filter(([, sector]) => sector === offer.sector).map(([trade]) => trade);
  const pool = sql`
    SELECT user_id FROM candidate_trades WHERE trade IN ${sectorTrades.length ? sectorTrades : [""]}
    UNION SELECT user_id FROM candidate_profiles WHERE region = ${offer.region}`;
  const rows = db
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
      trades: sql<string | null>`(SELECT group_concat(trade) FROM candidate_trades ct WHERE ct.user_id = "candidate_profiles"."user_id")`,
      placed: sql<number>`EXISTS (SELECT 1 FROM placements p WHERE p.candidate_id = "candidate_profiles"."user_id" AND p.ended_at IS NULL)`,
    })
    .from(candidateProfiles)
    .innerJoin(users, eq(users.id, candidateProfiles.userId))
    .where(
      and(
        sql`${candidateProfiles.userId} IN (${pool})`,
        isNull(users.deletedAt),
        isNull(users.disabledAt),
        sql`${candidateProfiles.consentAt} IS NOT NULL`,
        sql`NOT EXISTS (SELECT 1 FROM applications a WHERE a.offer_id = ${offerId} AND a.candidate_id = "candidate_profiles"."user_id")`,
      ),
    )
    .all();
  const offerSide: OfferSide = { ...offer, needsLicence: DRIVING_TRADES.has(offer.trade ?? "") };
  const ranked = [];
  for (const row of rows) {
    const match = scoreMatch(offerSide, { ...row, trades: row.trades ? row.trades.split(",") : [] });
    if (match) ranked.push({ ...row, trades: row.trades ? row.trades.split(",") : [], placed: Boolean(row.placed), ...match });
  }
  ranked.sort((a, b) => b.score - a.score || a.lastName.localeCompare(b.lastName, "fr") || a.userId - b.userId);
  return { offer, total: ranked.length, candidates: ranked.slice(0, limit) };
}

/** The open offers that fit a candidate, best first (the candidate file's side of matching). */
export function matchOffersForCandidate(db: Db, candidateId: number, limit = 20, today = isoToday()) {
  const profile = db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, candidateId)).get();
  if (!profile) return [];
  const trades = db.select({ trade: candidateTrades.trade }).from(candidateTrades).where(eq(candidateTrades.userId, candidateId)).all().map((t) => t.trade);
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
        or(sectors.length ? inArray(offers.sector, sectors) : undefined, profile.region ? eq(offers.region, profile.region) : undefined),
        sql`NOT EXISTS (SELECT 1 FROM applications a WHERE a.offer_id = "offers"."id" AND a.candidate_id = ${candidateId})`,
      ),
    )
    .all();
  const candidateSide: CandidateSide = { ...profile, trades };
  return rows
    .map((offer) => ({ offer, match: scoreMatch({ ...offer, needsLicence: DRIVING_TRADES.has(offer.trade ?? "") }, candidateSide) }))
    .filter((r): r is { offer: (typeof rows)[number]; match: NonNullable<ReturnType<typeof scoreMatch>> } => r.match !== null)
    .sort((a, b) => b.match.score - a.match.score || a.offer.closingDate.localeCompare(b.offer.closingDate))
    .slice(0, limit)
    .map(({ offer: { description: _d, ...offer }, match }) => ({ ...offer, ...match }));
}

