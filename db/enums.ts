// The values of every enumerated column, with no Drizzle import: pages and
// forms use them without pulling the database layer into the browser.

export const ROLES = ["candidat", "employeur", "conseiller", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = ["employer", "partner"] as const;

export const MEMBERSHIPS = ["cnpm", "ccim", "none"] as const;

export const VERIFICATION_STATUSES = ["pending", "verified", "rejected", "suspended"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const SEXES = ["f", "m"] as const;

export const MIGRANT_STATUSES = ["none", "returnee", "internal_displaced", "refugee", "other_migrant"] as const;
export type MigrantStatus = (typeof MIGRANT_STATUSES)[number];

export const EDUCATION_LEVELS = [
  "none",
  "literate",
  "fondamental1",
  "def",
  "cap",
  "bt",
  "bac",
  "licence",
  "master",
  "doctorat",
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const AVAILABILITIES = ["immediate", "within_month", "later"] as const;

export const DISABILITIES = ["none", "motor", "visual", "hearing", "intellectual", "psychosocial", "other"] as const;

/** How consent was given; `ussd`: the person accepted the consent text on a USSD screen. */
export const CONSENT_METHODS = ["online", "oral", "written", "ussd"] as const;

export const OFFER_TYPES = ["emploi", "apprentissage", "stage", "formation"] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

export const CONTRACTS = ["cdi", "cdd", "journalier", "saisonnier", "apprentissage", "stage", "formation"] as const;
export type Contract = (typeof CONTRACTS)[number];

export const OFFER_STATUSES = ["draft", "pending", "published", "closed", "filled", "expired", "rejected"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const PAY_PERIODS = ["month", "day", "total"] as const;

export const APPLICATION_STATUSES = [
  "submitted",
  "shortlisted",
  "interview",
  "offered",
  "hired",
  "rejected",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** An application still waiting for its outcome: the pipeline moves on from these, and the candidate may withdraw. */
export const OPEN_APPLICATION_STATUSES = ["submitted", "shortlisted", "interview", "offered"] as const;

/** A candidate's answer to a job offer. */
export const OFFER_ANSWERS = ["accepted", "declined"] as const;

export const REFUSAL_REASONS = ["profile_mismatch", "position_filled", "no_answer", "other"] as const;

/** How an application was made: the website, a counsellor, a phone call, the USSD menu, an SMS. */
export const CHANNELS = ["self", "counsellor", "phone", "ussd", "sms"] as const;
export type Channel = (typeof CHANNELS)[number];

export const FRAUD_REASONS = ["money", "fake", "discrimination", "trafficking", "other"] as const;

export const FRAUD_STATUSES = ["open", "dismissed", "upheld"] as const;

export const OUTBOX_CHANNELS = ["sms", "email"] as const;

/** `stopped`: not sent because the number asked for no more SMS (STOP). */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "stopped"] as const;

/** How an SMS is encoded: GSM-7 (160 characters a segment) or UCS-2 (70) when a character needs it. */
export const SMS_ENCODINGS = ["gsm7", "ucs2"] as const;

/** The languages a person may read Baara in; `bm` is Bamanankan. */
export const USER_LOCALES = ["fr", "en", "bm"] as const;

export const IDENTITY_REQUEST_STATUSES = ["pending", "accepted", "refused", "withdrawn"] as const;
export type IdentityRequestStatus = (typeof IDENTITY_REQUEST_STATUSES)[number];

/** What a one-time code is for: a counsellor-registered person's first password, a forgotten password, a phone number. */
export const ONE_TIME_CODE_PURPOSES = ["set_password", "reset_password", "confirm_phone"] as const;

/** What a partnership programme offers a company (its texts are data, edited by admins). */
export const PROGRAMME_KINDS = [
  "apprenticeship",
  "returnee_internship",
  "train_then_hire",
  "hiring",
  "workplace_adaptation",
] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

/** A draft is seen by admins only; an archived programme keeps its partnerships but takes no new request. */
export const PROGRAMME_STATUSES = ["draft", "published", "archived"] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

/** A programme's words in one language; French is required, another language missing reads the French. */
export type ProgrammeText = {
  title: string;
  summary: string;
  /** Who may join. */
  eligibility: string;
  /** What the company commits to. */
  companyCommits: string;
  /** What the partners bring (amounts, insurance, training), in words. */
  partnersBring: string;
  /** The procedure, one step a line. */
  steps: string[];
  /** The documents to provide, one a line. */
  documents: string[];
};
export type ProgrammeTexts = { fr: ProgrammeText; en?: ProgrammeText; bm?: ProgrammeText };

/** One partnership from a company's first request to its end (lifecycle: app/models/lifecycles/partnership.ts). */
export const PARTNERSHIP_STATUSES = [
  "requested",
  "contacted",
  "meeting_held",
  "documents_received",
  "signed",
  "active",
  "closed",
  "declined",
] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

export const PARTNERSHIP_DECLINE_REASONS = [
  "not_eligible",
  "company_withdrew",
  "no_answer",
  "programme_full",
  "other",
] as const;
export type PartnershipDeclineReason = (typeof PARTNERSHIP_DECLINE_REASONS)[number];

/** Whom a commitment is for: young people, migrants (returnees included), returnees only, or anyone. */
export const COMMITMENT_AUDIENCES = ["all", "youth", "migrants", "returnees"] as const;
export type CommitmentAudience = (typeof COMMITMENT_AUDIENCES)[number];

/** How a training ended: `certified` is a completion with a certificate. */
export const TRAINING_OUTCOMES = ["completed", "dropped_out", "certified"] as const;
export type TrainingOutcome = (typeof TRAINING_OUTCOMES)[number];
