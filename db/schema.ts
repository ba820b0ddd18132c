// Every table of Baara. Timestamps are epoch milliseconds;
// calendar dates (birth, start, closing, due) are ISO `YYYY-MM-DD` text so that
// SQL compares and groups them without conversion.
import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import {
  APPLICATION_STATUSES,
  AVAILABILITIES,
  CHANNELS,
  COMMITMENT_AUDIENCES,
  CONSENT_METHODS,
  CONTRACTS,
  DISABILITIES,
  EDUCATION_LEVELS,
  FRAUD_REASONS,
  FRAUD_STATUSES,
  IDENTITY_REQUEST_STATUSES,
  MEMBERSHIPS,
  MIGRANT_STATUSES,
  OFFER_ANSWERS,
  OFFER_STATUSES,
  OFFER_TYPES,
  ONE_TIME_CODE_PURPOSES,
  ORG_KINDS,
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  PARTNERSHIP_DECLINE_REASONS,
  PARTNERSHIP_STATUSES,
  PAY_PERIODS,
  PROGRAMME_KINDS,
  PROGRAMME_STATUSES,
  type ProgrammeTexts,
  REFUSAL_REASONS,
  ROLES,
  SEXES,
  SMS_ENCODINGS,
  TRAINING_OUTCOMES,
  USER_LOCALES,
  VERIFICATION_STATUSES,
} from "./enums";

export * from "./enums";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    role: text("role", { enum: ROLES }).notNull(),
    phone: text("phone").unique(),
    email: text("email").unique(),
    // Null for a person registered by a counsellor who has not yet set a password.
    passwordHash: text("password_hash"),
    displayName: text("display_name").notNull(),
    locale: text("locale", { enum: USER_LOCALES }).notNull().default("fr"),
    createdAt: createdAt(),
    lastLoginAt: integer("last_login_at", { mode: "timestamp_ms" }),
    disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    // Set when the person typed the code sent to `phone`; SMS alerts wait for it.
    phoneConfirmedAt: integer("phone_confirmed_at", { mode: "timestamp_ms" }),
    // The 4-digit PIN of the USSD menu and SMS (hashed like a password); null until set.
    pinHash: text("pin_hash"),
  },
  (t) => [
    index("users_role_idx").on(t.role),
    check("users_contact_check", sql`${t.phone} IS NOT NULL OR ${t.email} IS NOT NULL OR ${t.deletedAt} IS NOT NULL`),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    // SHA-256 of the cookie's random token: a copy of the database opens no session.
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const organisations = sqliteTable(
  "organisations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ORG_KINDS }).notNull(),
    name: text("name").notNull(),
    shortName: text("short_name"),
    rccm: text("rccm"),
    nif: text("nif"),
    sector: text("sector"),
    region: text("region"),
    commune: text("commune"),
    description: text("description"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    membership: text("membership", { enum: MEMBERSHIPS }).notNull().default("none"),
    verificationStatus: text("verification_status", { enum: VERIFICATION_STATUSES }).notNull().default("pending"),
    verificationReason: text("verification_reason"),
    verifiedAt: integer("verified_at", { mode: "timestamp_ms" }),
    verifiedBy: integer("verified_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("organisations_kind_status_idx").on(t.kind, t.verificationStatus),
    index("organisations_region_idx").on(t.region),
  ],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "member"] })
      .notNull()
      .default("member"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_user_org_idx").on(t.userId, t.orgId), index("memberships_org_idx").on(t.orgId)],
);

// A verified organisation's new name, RCCM or NIF waits here for a counsellor:
// `organisations` keeps the checked identity, the one the badge vouches for.
export const organisationIdentityRequests = sqliteTable(
  "organisation_identity_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    rccm: text("rccm"),
    nif: text("nif"),
    requestedBy: integer("requested_by").references(() => users.id, { onDelete: "set null" }),
    // A replaced request takes the time of its new version.
    requestedAt: integer("requested_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    status: text("status", { enum: IDENTITY_REQUEST_STATUSES }).notNull().default("pending"),
    reason: text("reason"),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // At most one request waits per organisation.
    uniqueIndex("org_identity_requests_pending_idx").on(t.orgId).where(sql`status = 'pending'`),
    index("org_identity_requests_status_idx").on(t.status, t.requestedAt),
  ],
);

// An owner invites a colleague who may not have an account yet.
export const orgInvitations = sqliteTable(
  "org_invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    phone: text("phone"),
    email: text("email"),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: integer("invited_by").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("org_invitations_org_idx").on(t.orgId)],
);

export const files = sqliteTable(
  "files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ownerId: integer("owner_id").references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: blob("data", { mode: "buffer" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("files_owner_idx").on(t.ownerId)],
);

export const candidateProfiles = sqliteTable(
  "candidate_profiles",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    sex: text("sex", { enum: SEXES }),
    birthDate: text("birth_date"),
    region: text("region"),
    commune: text("commune"),
    educationLevel: text("education_level", { enum: EDUCATION_LEVELS }),
    // Free-text skills; trades chosen from the list live in candidate_trades.
    skills: text("skills"),
    // JSON array of language codes.
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    experienceYears: integer("experience_years"),
    availability: text("availability", { enum: AVAILABILITIES }),
    drivingLicence: integer("driving_licence", { mode: "boolean" }).notNull().default(false),
    // Sensitive: counsellors and admins only.
    disability: text("disability", { enum: DISABILITIES }),
    migrantStatus: text("migrant_status", { enum: MIGRANT_STATUSES }),
    consentAt: integer("consent_at", { mode: "timestamp_ms" }),
    consentMethod: text("consent_method", { enum: CONSENT_METHODS }),
    consentRecordedBy: integer("consent_recorded_by").references(() => users.id),
    smsConsentAt: integer("sms_consent_at", { mode: "timestamp_ms" }),
    counsellorId: integer("counsellor_id").references(() => users.id, { onDelete: "set null" }),
    registeredBy: integer("registered_by").references(() => users.id, { onDelete: "set null" }),
    cvFileId: integer("cv_file_id").references(() => files.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("candidate_profiles_region_idx").on(t.region),
    index("candidate_profiles_counsellor_idx").on(t.counsellorId),
    index("candidate_profiles_name_idx").on(t.lastName, t.firstName),
    // Covers the reports' look-up of a person's breakdown details (the rows themselves are wide).
    index("candidate_profiles_report_idx").on(
      t.userId,
      t.sex,
      t.birthDate,
      t.migrantStatus,
      t.region,
      t.counsellorId,
      t.registeredBy,
      t.createdAt,
    ),
  ],
);

export const candidateTrades = sqliteTable(
  "candidate_trades",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    trade: text("trade").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.trade] }), index("candidate_trades_trade_idx").on(t.trade)],
);

export const candidateNotes = sqliteTable(
  "candidate_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("candidate_notes_candidate_idx").on(t.candidateId)],
);

export const offers = sqliteTable(
  "offers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    type: text("type", { enum: OFFER_TYPES }).notNull(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    sector: text("sector").notNull(),
    trade: text("trade"),
    region: text("region").notNull(),
    commune: text("commune"),
    contract: text("contract", { enum: CONTRACTS }).notNull(),
    positions: integer("positions").notNull().default(1),
    payAmount: integer("pay_amount"),
    payPeriod: text("pay_period", { enum: PAY_PERIODS }).notNull().default("month"),
    durationMonths: integer("duration_months"),
    minEducation: text("min_education", { enum: EDUCATION_LEVELS }),
    languages: text("languages", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    // Formation: who trains, until when, which certificate.
    provider: text("provider"),
    endDate: text("end_date"),
    certificate: text("certificate"),
    startDate: text("start_date"),
    closingDate: text("closing_date").notNull(),
    status: text("status", { enum: OFFER_STATUSES }).notNull().default("draft"),
    rejectionReason: text("rejection_reason"),
    // JSON array of the risk rules that held the offer for moderation.
    moderationFlags: text("moderation_flags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: integer("published_at", { mode: "timestamp_ms" }),
    closedAt: integer("closed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    // A short number (4 to 6 digits) to name the offer on a phone keypad: USSD, SMS, posters. Never reused.
    shortCode: text("short_code"),
    // The employer's own convention this offer serves, and which of its commitments (key stable across amendments).
    conventionId: integer("convention_id").references((): AnySQLiteColumn => conventions.id, { onDelete: "set null" }),
    commitmentKey: integer("commitment_key"),
  },
  (t) => [
    uniqueIndex("offers_short_code_idx").on(t.shortCode),
    // Lists open offers newest first (search without words, the home page): walked from the newest,
    // with the filters read from the index itself, it stops after one page.
    index("offers_listing_idx").on(
      t.status,
      t.publishedAt,
      t.id,
      t.closingDate,
      t.type,
      t.region,
      t.sector,
      t.contract,
      t.orgId,
    ),
    // The trades that have open offers, and those offers, for the USSD menu and SMS (covering).
    index("offers_trade_idx").on(t.status, t.trade, t.region, t.type, t.closingDate, t.orgId),
    index("offers_org_status_idx").on(t.orgId, t.status),
    index("offers_convention_idx").on(t.conventionId, t.commitmentKey),
    index("offers_status_type_idx").on(t.status, t.type),
    index("offers_status_region_idx").on(t.status, t.region),
    index("offers_status_sector_idx").on(t.status, t.sector),
    index("offers_closing_idx").on(t.closingDate),
    // Covers the home page's count of open offers per type.
    index("offers_open_idx").on(t.status, t.closingDate, t.type, t.orgId),
    // Covers the reports' count of offers published in a period, per type and region.
    index("offers_published_idx").on(t.publishedAt, t.type, t.region),
    check("offers_positions_check", sql`${t.positions} BETWEEN 1 AND 500`),
  ],
);

export const applications = sqliteTable(
  "applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: CHANNELS }).notNull().default("self"),
    referredBy: integer("referred_by").references(() => users.id, { onDelete: "set null" }),
    message: text("message"),
    cvFileId: integer("cv_file_id").references(() => files.id, { onDelete: "set null" }),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("submitted"),
    refusalReason: text("refusal_reason", { enum: REFUSAL_REASONS }),
    interviewAt: text("interview_at"),
    interviewPlace: text("interview_place"),
    // The candidate's answer to a job offer (status "offered").
    offerAnswer: text("offer_answer", { enum: OFFER_ANSWERS }),
    offerAnswerReason: text("offer_answer_reason"),
    offerAnsweredAt: integer("offer_answered_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("applications_offer_candidate_idx").on(t.offerId, t.candidateId),
    index("applications_candidate_idx").on(t.candidateId),
    index("applications_offer_status_idx").on(t.offerId, t.status),
    index("applications_created_idx").on(t.createdAt),
  ],
);

export const applicationEvents = sqliteTable(
  "application_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    fromStatus: text("from_status", { enum: APPLICATION_STATUSES }),
    toStatus: text("to_status", { enum: APPLICATION_STATUSES }).notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("application_events_application_idx").on(t.applicationId)],
);

export const placements = sqliteTable(
  "placements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Null when the work was found outside the portal with an employer not in it.
    orgId: integer("org_id").references(() => organisations.id, { onDelete: "set null" }),
    employerName: text("employer_name"),
    offerId: integer("offer_id").references(() => offers.id, { onDelete: "set null" }),
    applicationId: integer("application_id")
      .unique()
      .references(() => applications.id, { onDelete: "set null" }),
    type: text("type", { enum: OFFER_TYPES }).notNull(),
    contract: text("contract", { enum: CONTRACTS }).notNull(),
    startDate: text("start_date").notNull(),
    payAmount: integer("pay_amount"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    endedAt: text("ended_at"),
    // A code of PLACEMENT_END_REASONS (older rows may hold free text), and the counsellor's words.
    endReason: text("end_reason"),
    endNote: text("end_note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("placements_candidate_idx").on(t.candidateId),
    index("placements_start_idx").on(t.startDate),
    // Covers the reports' placements of a period.
    index("placements_report_idx").on(t.startDate, t.candidateId, t.type, t.offerId, t.orgId),
    index("placements_org_idx").on(t.orgId),
    // A convention's results: the placements of its offers.
    index("placements_offer_idx").on(t.offerId),
  ],
);

export const placementFollowups = sqliteTable(
  "placement_followups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    placementId: integer("placement_id")
      .notNull()
      .references(() => placements.id, { onDelete: "cascade" }),
    monthsAfter: integer("months_after").notNull(),
    dueDate: text("due_date").notNull(),
    doneAt: integer("done_at", { mode: "timestamp_ms" }),
    stillEmployed: integer("still_employed", { mode: "boolean" }),
    note: text("note"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("placement_followups_placement_months_idx").on(t.placementId, t.monthsAfter),
    index("placement_followups_due_idx").on(t.doneAt, t.dueDate),
    // Retention at 3 and 6 months: the follow-ups of one kind due in a period.
    index("placement_followups_months_due_idx").on(t.monthsAfter, t.dueDate),
  ],
);

/**
 * Monthly counts behind the reports (app/models/statistics-counts.server.ts): candidates
 * registered and applications sent, per month, partner (0 = everyone), candidate's
 * region, offer type ('' for registrations) and one breakdown (dimension, category).
 * Counting 1 000 000 applications live takes seconds; summing these rows takes
 * milliseconds. Filled incrementally before each report, rebuilt by `npm run jobs`.
 */
export const reportMonthlyCounts = sqliteTable(
  "report_monthly_counts",
  {
    measure: text("measure", { enum: ["registered", "applications"] }).notNull(),
    partnerId: integer("partner_id").notNull(),
    month: text("month").notNull(),
    region: text("region").notNull(),
    offerType: text("offer_type").notNull(),
    dimension: text("dimension").notNull(),
    category: text("category").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.measure, t.partnerId, t.month, t.region, t.offerType, t.dimension, t.category] })],
);

/** How far report_monthly_counts has counted each measure (the last row id included). */
export const reportRefresh = sqliteTable("report_refresh", {
  measure: text("measure").primaryKey(),
  lastId: integer("last_id").notNull(),
  rebuiltAt: integer("rebuilt_at", { mode: "timestamp_ms" }),
});

// One row: bumped by triggers on every write to what the public pages show (offers, organisations,
// programmes), so that each process's page cache sees any process's change (migration 0011).
export const dataVersion = sqliteTable(
  "data_version",
  {
    id: integer("id").primaryKey(),
    publicVersion: integer("public_version").notNull(),
  },
  (t) => [check("data_version_single_row", sql`${t.id} = 1`)],
);

export const fraudReports = sqliteTable(
  "fraud_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    reporterId: integer("reporter_id").references(() => users.id, { onDelete: "set null" }),
    // SHA-256 of the address, for the per-address daily limit without keeping the address.
    reporterIpHash: text("reporter_ip_hash"),
    reason: text("reason", { enum: FRAUD_REASONS }).notNull(),
    details: text("details"),
    status: text("status", { enum: FRAUD_STATUSES }).notNull().default("open"),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("fraud_reports_offer_status_idx").on(t.offerId, t.status),
    index("fraud_reports_status_idx").on(t.status),
  ],
);

export const savedSearches = sqliteTable(
  "saved_searches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    label: text("label"),
    // JSON of the /offres query: q, type, region, secteur, contrat.
    query: text("query", { mode: "json" }).$type<Record<string, string>>().notNull(),
    lastCheckedAt: integer("last_checked_at", { mode: "timestamp_ms" }),
    lastDigestAt: integer("last_digest_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("saved_searches_user_idx").on(t.userId)],
);

export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // A locale key and its parameters: the text is written in the reader's language.
    kind: text("kind").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    link: text("link"),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_read_idx").on(t.userId, t.readAt)],
);

export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull(),
    recipient: text("recipient").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    template: text("template").notNull(),
    locale: text("locale", { enum: USER_LOCALES }).notNull().default("fr"),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    // Same key, same message: enqueueing twice never sends twice.
    dedupeKey: text("dedupe_key").unique(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    // An SMS as it was sent: its encoding and how many segments it took (the operator bills each).
    encoding: text("encoding", { enum: SMS_ENCODINGS }),
    segments: integer("segments"),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_status_next_idx").on(t.status, t.nextAttemptAt),
    index("outbox_recipient_idx").on(t.recipient, t.createdAt),
  ],
);

// What Baara knows of a phone number itself, account or not: the language its
// USSD and SMS answers use, and whether it asked for no more SMS (STOP).
export const phoneNumbers = sqliteTable("phone_numbers", {
  phone: text("phone").primaryKey(),
  locale: text("locale", { enum: USER_LOCALES }),
  smsStoppedAt: integer("sms_stopped_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});

// One USSD session as the aggregator last saw it: a step sent again (the same
// `text`) is answered with the same screen, and does nothing twice.
export const ussdSessions = sqliteTable(
  "ussd_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    phone: text("phone").notNull(),
    lastText: text("last_text").notNull(),
    lastScreen: text("last_screen").notNull(),
    // What the session has done or chosen that the inputs alone cannot say again (JSON).
    state: text("state", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("ussd_sessions_phone_idx").on(t.phone, t.updatedAt),
    index("ussd_sessions_updated_idx").on(t.updatedAt),
  ],
);

// Every SMS received from a gateway, once: gateways retry, and `gateway_id` keeps a retry from acting twice.
export const inboundSms = sqliteTable(
  "inbound_sms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    gatewayId: text("gateway_id").notNull().unique(),
    phone: text("phone").notNull(),
    toNumber: text("to_number"),
    text: text("text").notNull(),
    // The keyword understood (`offres`, `postuler`, ... or `unknown`).
    keyword: text("keyword"),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("inbound_sms_phone_idx").on(t.phone, t.createdAt)],
);

// "Call me back", asked from the USSD menu: any counsellor takes it, then marks it done.
export const callbackRequests = sqliteTable(
  "callback_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    phone: text("phone").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    locale: text("locale", { enum: USER_LOCALES }).notNull().default("fr"),
    takenBy: integer("taken_by").references(() => users.id, { onDelete: "set null" }),
    takenAt: integer("taken_at", { mode: "timestamp_ms" }),
    doneAt: integer("done_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("callback_requests_open_idx").on(t.doneAt, t.createdAt),
    index("callback_requests_phone_idx").on(t.phone),
  ],
);

// Which process runs a scheduled task now: several processes may serve one database,
// and the one holding an unexpired lease is the only one to run it.
export const taskLeases = sqliteTable("task_leases", {
  name: text("name").primaryKey(),
  holder: text("holder"),
  leaseUntil: integer("lease_until", { mode: "timestamp_ms" }),
  lastStartedAt: integer("last_started_at", { mode: "timestamp_ms" }),
  lastFinishedAt: integer("last_finished_at", { mode: "timestamp_ms" }),
  // What the last run did or why it failed, for the admins.
  lastResult: text("last_result"),
});

// One-time codes (only their hash): setting or resetting a password, confirming a phone number.
// `phone` is the number a confirmation code was sent to (a new number waits here until confirmed).
export const oneTimeCodes = sqliteTable(
  "one_time_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ONE_TIME_CODE_PURPOSES }).notNull(),
    phone: text("phone"),
    codeHash: text("code_hash").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("one_time_codes_user_idx").on(t.userId)],
);

// Offers a candidate keeps to read or apply to later.
export const savedOffers = sqliteTable(
  "saved_offers",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.offerId] }), index("saved_offers_offer_idx").on(t.offerId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_action_created_idx").on(t.action, t.createdAt),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
    index("audit_log_subject_idx").on(t.subjectType, t.subjectId),
    index("audit_log_created_idx").on(t.createdAt),
  ],
);

// ---- partnerships -------------------------------------------------------------
// What a company can do with the IOM and its partners (programmes), one company's
// way from its first request to the end of its agreement (partnerships), the
// agreement itself with every amendment kept (conventions, their versions and
// commitments), and what became of trainees (training outcomes, verified skills).

export const programmes = sqliteTable(
  "programmes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: PROGRAMME_KINDS }).notNull(),
    status: text("status", { enum: PROGRAMME_STATUSES }).notNull().default("draft"),
    /** Order on the public list, smallest first. */
    position: integer("position").notNull().default(0),
    texts: text("texts", { mode: "json" }).$type<ProgrammeTexts>().notNull(),
    /** Paid by a partner to each apprentice or intern every month, in FCFA. */
    stipendFcfa: integer("stipend_fcfa"),
    /** Paid by a partner for each trainee's training, in FCFA. */
    trainingFcfa: integer("training_fcfa"),
    insurance: integer("insurance", { mode: "boolean" }).notNull().default(false),
    durationMonths: integer("duration_months"),
    /** The partner organisations (kind `partner`) that bring something: JSON array of ids. */
    partnerIds: text("partner_ids", { mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("programmes_status_idx").on(t.status, t.position)],
);

export const partnerships = sqliteTable(
  "partnerships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id),
    status: text("status", { enum: PARTNERSHIP_STATUSES }).notNull().default("requested"),
    requestedBy: integer("requested_by").references(() => users.id, { onDelete: "set null" }),
    // The company's request in its own words: what it would like to do, and how and when to reach it.
    need: text("need").notNull(),
    contact: text("contact").notNull(),
    /** The counsellor responsible for the next step. */
    counsellorId: integer("counsellor_id").references(() => users.id, { onDelete: "set null" }),
    statusChangedAt: integer("status_changed_at", { mode: "timestamp_ms" }).notNull(),
    /** When the next step is due (YYYY-MM-DD); past it, the partnership is overdue. */
    nextStepDue: text("next_step_due"),
    /** When the responsible counsellor was reminded of the overdue step (once per due date). */
    remindedAt: integer("reminded_at", { mode: "timestamp_ms" }),
    declineReason: text("decline_reason", { enum: PARTNERSHIP_DECLINE_REASONS }),
    declineNote: text("decline_note"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("partnerships_status_due_idx").on(t.status, t.nextStepDue),
    index("partnerships_org_idx").on(t.orgId),
    index("partnerships_counsellor_idx").on(t.counsellorId, t.status),
    index("partnerships_programme_idx").on(t.programmeId),
  ],
);

/** Each step of a partnership, dated as it happened, and the counsellors' notes (no status change). */
export const partnershipEvents = sqliteTable(
  "partnership_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: PARTNERSHIP_STATUSES }),
    toStatus: text("to_status", { enum: PARTNERSHIP_STATUSES }),
    /** The day the step took place (YYYY-MM-DD), which may be before it was written down. */
    happenedOn: text("happened_on").notNull(),
    actorId: integer("actor_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("partnership_events_partnership_idx").on(t.partnershipId)],
);

/** PDFs a counsellor attached to a partnership (the company's documents, the signed convention). */
export const partnershipDocuments = sqliteTable(
  "partnership_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    fileId: integer("file_id")
      .notNull()
      .unique()
      .references(() => files.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("partnership_documents_partnership_idx").on(t.partnershipId)],
);

/** A signed agreement. What it says lives in its versions: an amendment adds one, never rewrites one. */
export const conventions = sqliteTable(
  "conventions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnershipId: integer("partnership_id")
      .notNull()
      .unique()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    orgId: integer("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    programmeId: integer("programme_id")
      .notNull()
      .references(() => programmes.id),
    /** The number written on the paper, e.g. OIM-CNPM-2026-007. */
    reference: text("reference").notNull().unique(),
    signedOn: text("signed_on").notNull(),
    /** The version in force: the highest. */
    currentVersion: integer("current_version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("conventions_org_idx").on(t.orgId), index("conventions_programme_idx").on(t.programmeId)],
);

/** Version 1 is the signed text; each amendment (avenant) is the next version, with who, when and why. */
export const conventionVersions = sqliteTable(
  "convention_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    conventionId: integer("convention_id")
      .notNull()
      .references(() => conventions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    /** Who signed, one a line (name, title, organisation). */
    signatories: text("signatories").notNull(),
    /** The partner organisations party to it: JSON array of ids. */
    partnerIds: text("partner_ids", { mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
    /** What each partner contributes: JSON array of { partnerId, description, amountFcfa }. */
    contributions: text("contributions", { mode: "json" })
      .$type<{ partnerId: number; description: string; amountFcfa: number | null }[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Why this amendment (null for the signed version). */
    reason: text("reason"),
    /** The day the amendment was signed (the convention's signing day for version 1). */
    signedOn: text("signed_on").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("convention_versions_convention_version_idx").on(t.conventionId, t.version)],
);

/** "10 apprentices in mechanics, Sikasso region, 12 months": one line of a version. */
export const conventionCommitments = sqliteTable(
  "convention_commitments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    versionId: integer("version_id")
      .notNull()
      .references(() => conventionVersions.id, { onDelete: "cascade" }),
    /** The same commitment keeps its key from one version to the next; offers name it by this key. */
    key: integer("key").notNull(),
    offerType: text("offer_type", { enum: OFFER_TYPES }).notNull(),
    quantity: integer("quantity").notNull(),
    trade: text("trade"),
    region: text("region"),
    durationMonths: integer("duration_months"),
    audience: text("audience", { enum: COMMITMENT_AUDIENCES }).notNull().default("all"),
  },
  (t) => [
    uniqueIndex("convention_commitments_version_key_idx").on(t.versionId, t.key),
    check("convention_commitments_quantity_check", sql`${t.quantity} BETWEEN 1 AND 10000`),
  ],
);

/** How a training (a placement of type `formation`) ended, recorded by a counsellor or the employer. */
export const trainingOutcomes = sqliteTable("training_outcomes", {
  placementId: integer("placement_id")
    .primaryKey()
    .references(() => placements.id, { onDelete: "cascade" }),
  outcome: text("outcome", { enum: TRAINING_OUTCOMES }).notNull(),
  certificate: text("certificate"),
  recordedOn: text("recorded_on").notNull(),
  recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
});

/** A skill vouched for by a completed training on Baara (shown to employers as verified). */
export const verifiedSkills = sqliteTable(
  "verified_skills",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    skill: text("skill").notNull(),
    certificate: text("certificate"),
    /** Who trained: the training offer's provider or organisation. */
    provider: text("provider"),
    placementId: integer("placement_id")
      .unique()
      .references(() => placements.id, { onDelete: "cascade" }),
    verifiedOn: text("verified_on").notNull(),
    verifiedBy: integer("verified_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("verified_skills_candidate_idx").on(t.candidateId)],
);
