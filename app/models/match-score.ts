// The score of one candidate for one offer, and its reasons: the same rules in
// both directions (an offer's candidates, a candidate's offers).

import { TRADES, type Trade } from "~/utils/reference";
import { foldText } from "~/utils/text";
import { EDUCATION_LEVELS, type EducationLevel } from "../../db/schema";

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
export const WEIGHTS = {
  sameTrade: 40,
  skill: 12,
  sameCommune: 25,
  sameRegion: 15,
  education: 8,
  language: 4,
  availableNow: 6,
  drivingLicence: 3,
};
/** At most this many of a candidate's own skill words count. */
export const MAX_SKILL_WORDS = 3;

// Words of four letters or more that say nothing about a skill ("je sais faire
// le suivi ... ainsi que ..."): without this list, "dans" or "ainsi" found in an
// offer's text counted as skills in common. Written folded (no accents).
const NOT_SKILLS = new Set(
  (
    "dans avec pour sans sous chez vers plus tres bien aussi ainsi donc alors encore deja apres avant pendant depuis selon entre " +
    "comme mais leur leurs cette ceux celle tout tous toute toutes notre votre nous vous elle elles sais suis faire avoir etre " +
    "peux veux fait faits jour jours annee annees mois experience experiences travail travaille travaux maitrise maitrisee " +
    "notions notion connaissance connaissances competence competences capable bonne bonnes suivi respect " +
    "with from have that this work years year skills good"
  ).split(" "),
);

export const educationRank = (level: EducationLevel | null | undefined) =>
  level ? EDUCATION_LEVELS.indexOf(level) : -1;

export type OfferSide = {
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

export type CandidateSide = {
  trades: string[];
  skills: string | null;
  region: string | null;
  commune: string | null;
  educationLevel: EducationLevel | null;
  languages: string[];
  availability: string | null;
  drivingLicence: boolean;
};

// The offer's text folded once per offer, not once per candidate scored against it.
const foldedOfferText = new WeakMap<OfferSide, string>();
function offerText(offer: OfferSide) {
  let text = foldedOfferText.get(offer);
  if (text === undefined) {
    text = ` ${foldText(`${offer.title} ${offer.description}`)} `;
    foldedOfferText.set(offer, text);
  }
  return text;
}

/** How many of the candidate's own words for their skills begin a word of the offer's text (at most 3). */
function skillWordsInCommon(offer: OfferSide, skills: string | null) {
  if (!skills) return 0;
  const text = offerText(offer);
  const words = new Set(
    foldText(skills)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4 && !NOT_SKILLS.has(w) && text.includes(` ${w}`)),
  );
  return Math.min(words.size, MAX_SKILL_WORDS);
}

/** The score of a candidate for an offer and its reasons, or null if they do not fit (education below the minimum). */
export function scoreMatch(
  offer: OfferSide,
  candidate: CandidateSide,
): { score: number; reasons: MatchReason[] } | null {
  if (offer.minEducation && educationRank(candidate.educationLevel) < educationRank(offer.minEducation)) return null;
  const reasons: MatchReason[] = [];
  let score = 0;
  if (offer.trade && candidate.trades.includes(offer.trade)) {
    score += WEIGHTS.sameTrade;
    reasons.push({ key: "sameTrade", trade: offer.trade });
  }
  // Skills in common: the candidate's other trades of the offer's sector, and
  // their own words for their skills found in the offer's text.
  const sectorTrades = candidate.trades.filter((t) => t !== offer.trade && TRADES[t as Trade] === offer.sector).length;
  const inCommon = sectorTrades + skillWordsInCommon(offer, candidate.skills);
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

/** Offers of these trades count a driving licence in the score. */
export const DRIVING_TRADES = new Set(["chauffeur", "chauffeur_poids_lourd", "livreur", "conducteur_engins"]);
