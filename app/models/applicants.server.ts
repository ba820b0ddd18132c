// What an employer sees of the applicants to their organisation's offers: the
// list of one offer, one application with its timeline, those left waiting.
// Never migrant status, disability, birth date or counsellor notes.
import { type AnyColumn, and, desc, eq, inArray, sql } from "drizzle-orm";
import { DAY_MS } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import {
  type ApplicationStatus,
  applicationEvents,
  applications,
  candidateProfiles,
  offers,
  organisations,
  users,
} from "../../db/schema";
import { ageBand } from "./applications.server";
import { employerMoves, WAITING_DAYS } from "./lifecycles/application";
import { applicantAccess, applicantsReachable } from "./organisations.server";

/** After withdrawal the employer keeps the name and history, never the contact details or the CV. */
const unlessWithdrawn = <T>(column: AnyColumn) =>
  sql<T | null>`CASE WHEN ${applications.status} = 'withdrawn' THEN NULL ELSE ${column} END`;

/**
 * What an employer sees of applicants: name, contact,
 * commune, education, skills, languages, experience, message, CV, age band.
 * Never migrant status, disability, birth date or counsellor notes — those
 * columns are not even read here.
 */
const employerVisibleColumns = {
  id: applications.id,
  status: applications.status,
  channel: applications.channel,
  message: applications.message,
  cvFileId: unlessWithdrawn<number>(applications.cvFileId),
  refusalReason: applications.refusalReason,
  interviewAt: applications.interviewAt,
  interviewPlace: applications.interviewPlace,
  createdAt: applications.createdAt,
  updatedAt: applications.updatedAt,
  offerId: applications.offerId,
  candidateId: applications.candidateId,
  firstName: candidateProfiles.firstName,
  lastName: candidateProfiles.lastName,
  displayName: users.displayName,
  phone: unlessWithdrawn<string>(users.phone),
  email: unlessWithdrawn<string>(users.email),
  region: candidateProfiles.region,
  commune: candidateProfiles.commune,
  educationLevel: candidateProfiles.educationLevel,
  skills: candidateProfiles.skills,
  languages: candidateProfiles.languages,
  experienceYears: candidateProfiles.experienceYears,
  availability: candidateProfiles.availability,
  drivingLicence: candidateProfiles.drivingLicence,
  birthDate: candidateProfiles.birthDate,
  trades: sql<
    string | null
  >`(SELECT group_concat(trade) FROM candidate_trades ct WHERE ct.user_id = "applications"."candidate_id")`,
};

function toEmployerView<T extends { birthDate: string | null; trades: string | null; status: ApplicationStatus }>(
  row: T,
) {
  const { birthDate, trades, ...rest } = row;
  return {
    ...rest,
    ageBand: ageBand(birthDate),
    trades: trades ? trades.split(",") : [],
    moves: employerMoves(row.status),
  };
}

/**
 * The applications to one of the employer's offers: null for another
 * organisation's offer, only `withheld` (why) when their organisation may not
 * reach its applicants.
 */
export function listOfferApplications(db: Db, employerId: number, offerId: number, status?: ApplicationStatus) {
  const offer = db.select().from(offers).where(eq(offers.id, offerId)).get();
  const access = offer ? applicantAccess(db, employerId, offer.orgId) : null;
  if (!offer || !access) return null;
  if (access.withheld) return { withheld: access.withheld };
  const rows = db
    .select(employerVisibleColumns)
    .from(applications)
    .innerJoin(users, eq(users.id, applications.candidateId))
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, applications.candidateId))
    .where(and(eq(applications.offerId, offerId), status ? eq(applications.status, status) : undefined))
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .all();
  const counts = db
    .select({ status: applications.status, n: sql<number>`count(*)` })
    .from(applications)
    .where(eq(applications.offerId, offerId))
    .groupBy(applications.status)
    .all();
  return { withheld: null, offer, applications: rows.map(toEmployerView), counts };
}

/** One application as its employer sees it, with its timeline (null for anyone else; only `withheld` as above). */
export function getApplicationForEmployer(db: Db, employerId: number, applicationId: number) {
  const row = db
    .select({
      ...employerVisibleColumns,
      orgId: offers.orgId,
      offerTitle: offers.title,
      offerType: offers.type,
      positions: offers.positions,
    })
    .from(applications)
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .innerJoin(users, eq(users.id, applications.candidateId))
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, applications.candidateId))
    .where(eq(applications.id, applicationId))
    .get();
  const access = row ? applicantAccess(db, employerId, row.orgId) : null;
  if (!row || !access) return null;
  if (access.withheld) return { withheld: access.withheld };
  const timeline = db
    .select({
      fromStatus: applicationEvents.fromStatus,
      toStatus: applicationEvents.toStatus,
      createdAt: applicationEvents.createdAt,
    })
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(applicationEvents.createdAt, applicationEvents.id)
    .all();
  return {
    withheld: null,
    ...toEmployerView(row),
    offerTitle: row.offerTitle,
    offerType: row.offerType,
    positions: row.positions,
    timeline,
  };
}

/** Applications to the organisations' offers still unanswered after `days` days. */
export function waitingApplications(db: Db, orgIds: number[], days = WAITING_DAYS, now = Date.now()) {
  if (orgIds.length === 0) return [];
  return db
    .select({
      id: applications.id,
      offerId: offers.id,
      offerTitle: offers.title,
      createdAt: applications.createdAt,
      displayName: users.displayName,
    })
    .from(applications)
    .innerJoin(offers, eq(offers.id, applications.offerId))
    .innerJoin(organisations, eq(organisations.id, offers.orgId))
    .innerJoin(users, eq(users.id, applications.candidateId))
    .where(
      and(
        inArray(offers.orgId, orgIds),
        applicantsReachable(),
        eq(applications.status, "submitted"),
        sql`${applications.createdAt} < ${now - days * DAY_MS}`,
      ),
    )
    .orderBy(applications.createdAt)
    .all();
}
