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
