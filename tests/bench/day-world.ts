// The people of the day scenario (day.ts), prepared on a scratch copy of the 100 000-offer database before the
// server starts: sessions for the logged-in populations, and the subjects of their writes, chosen so that no two
// writes of a run collide (each apply is a new candidate-offer pair, each move and each moderation a new subject).
import fs from "node:fs";
import { getApplicationForEmployer } from "../../app/models/applicants.server";
import { applyToOffer } from "../../app/models/applications.server";
import { rebuildReportCounts } from "../../app/models/statistics-counts.server";
import { isoToday } from "../../app/utils/dates";
import { openDb } from "../../app/utils/db.server";
import { sessionCookieFor } from "../helpers/factories/sessions";

/** Candidates who log in, apply and read their applications during the run. */
const ACTIVE_CANDIDATES = 2500;
/** Applications sent before the run, one per candidate, for the employers to move. */
const WAITING_APPLICATIONS = 1500;
const OPEN_OFFERS = 3000;
const PENDING_OFFERS = 2000;

export type DayWorld = {
  /** Open offers, newest first: visitors read the first ones most. */
  openOffers: number[];
  companies: number[];
  candidates: { id: number; cookie: string; identifier: string }[];
  /** Submitted applications, each with its employer's session and the offer in its page's URL. */
  waitingApplications: { id: number; offerId: number; cookie: string }[];
  /** Pending offers of verified organisations: each one published once by a counsellor. */
  pendingOffers: number[];
  counsellorCookies: string[];
  employerCookies: { cookie: string; offerId: number }[];
};

/** Copies the bench database (its WAL folded in first) to `scratch`, so that the run's writes stay there. */
export function copyDatabase(source: string, scratch: string) {
  const db = openDb(source, { migrate: false });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(scratch + suffix, { force: true });
  fs.copyFileSync(source, scratch);
}

const ids = (rows: unknown[]) => (rows as { id: number }[]).map((r) => r.id);

export async function prepareDayWorld(scratch: string): Promise<DayWorld> {
  const db = openDb(scratch);
  const sql = db.$client;
  const today = isoToday();
  try {
    // What the nightly job keeps ready: without it, the first report of the run would count every row.
    rebuildReportCounts(db);
    const openOffers = ids(
      sql
        .prepare(
          `SELECT o.id FROM offers o JOIN organisations g ON g.id = o.org_id
           WHERE o.status = 'published' AND o.closing_date >= ? AND g.verification_status = 'verified'
           ORDER BY o.published_at DESC LIMIT ?`,
        )
        .all(today, OPEN_OFFERS),
    );
    const companies = ids(
      sql.prepare("SELECT id FROM organisations WHERE kind = 'employer' AND verification_status = 'verified'").all(),
    );
    const pendingOffers = ids(
      sql
        .prepare(
          `SELECT o.id FROM offers o JOIN organisations g ON g.id = o.org_id
           WHERE o.status = 'pending' AND o.closing_date >= ? AND g.verification_status = 'verified'
           ORDER BY o.id LIMIT ?`,
        )
        .all(today, PENDING_OFFERS),
    );
    // Candidates without any application: none of their applies in the run can find one already sent.
    const fresh = sql
      .prepare(
        `SELECT id, coalesce(email, phone) AS identifier FROM users u
         WHERE role = 'candidat' AND disabled_at IS NULL AND deleted_at IS NULL AND coalesce(email, phone) IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = u.id)
         ORDER BY id LIMIT ?`,
      )
      .all(ACTIVE_CANDIDATES + WAITING_APPLICATIONS) as { id: number; identifier: string }[];
    if (fresh.length < ACTIVE_CANDIDATES + WAITING_APPLICATIONS)
      throw new Error("too few candidates without applications");
    const candidates = [];
    for (const c of fresh.slice(0, ACTIVE_CANDIDATES))
      candidates.push({ ...c, cookie: await sessionCookieFor(db, c.id) });

    // Employers of verified organisations with open offers; each gets a session and applications to move.
    const employers = sql
      .prepare(
        `SELECT m.user_id AS userId, min(o.id) AS offerId FROM memberships m
         JOIN users u ON u.id = m.user_id AND u.role = 'employeur' AND u.disabled_at IS NULL
         JOIN organisations g ON g.id = m.org_id AND g.verification_status = 'verified'
         JOIN offers o ON o.org_id = g.id AND o.status = 'published' AND o.closing_date >= ?
         GROUP BY m.user_id ORDER BY m.user_id`,
      )
      .all(today) as { userId: number; offerId: number }[];
    const employerCookies = [];
    for (const e of employers)
      employerCookies.push({ cookie: await sessionCookieFor(db, e.userId), offerId: e.offerId });
    const waitingApplications = [];
    for (const [i, c] of fresh.slice(ACTIVE_CANDIDATES).entries()) {
      const employer = employers[i % employers.length]!;
      const applied = applyToOffer(db, { candidateId: c.id, offerId: employer.offerId, message: null, cvFileId: null });
      if (!applied.ok) continue;
      const seen = getApplicationForEmployer(db, employer.userId, applied.applicationId);
      if (!seen || seen.withheld || !("moves" in seen) || !seen.moves.includes("shortlisted")) continue;
      waitingApplications.push({
        id: applied.applicationId,
        offerId: employer.offerId,
        cookie: employerCookies[i % employers.length]!.cookie,
      });
    }
    const counsellors = ids(
      sql
        .prepare("SELECT id FROM users WHERE role = 'conseiller' AND disabled_at IS NULL AND deleted_at IS NULL")
        .all(),
    );
    const counsellorCookies = [];
    for (const id of counsellors) counsellorCookies.push(await sessionCookieFor(db, id));
    return {
      openOffers,
      companies,
      candidates,
      waitingApplications,
      pendingOffers,
      counsellorCookies,
      employerCookies,
    };
  } finally {
    sql.close();
  }
}
