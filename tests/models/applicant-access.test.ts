// Who reaches an applicant's data: a suspended or rejected organisation reaches
// none (names, contacts, CVs, moves), a withdrawn application keeps its name and
// history but loses its contact details and CV, and the candidate sees their
// applications to a suspended organisation as on hold.
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  getApplicationForEmployer,
  listOfferApplications,
  waitingApplications,
} from "../../app/models/applicants.server";
import { moveApplication, withdrawApplication } from "../../app/models/applications.server";
import { listCandidateApplications } from "../../app/models/candidate-applications.server";
import { candidateDashboard } from "../../app/models/dashboards.server";
import { endOffer } from "../../app/models/employer-offers.server";
import { getFileForViewer, storeCv } from "../../app/models/files.server";
import { mayReachApplicants } from "../../app/models/organisations.server";
import type { Db } from "../../app/utils/db.server";
import {
  applicationEvents,
  applications,
  notifications,
  offers,
  organisations,
  outbox,
  type VerificationStatus,
} from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertApplicationWith, insertCandidate, insertEmployer, insertOffer, pdfBytes } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const PHONE = "+22376543210";

/** A verified employer's offer, and Awa who applied to it with her CV 20 days ago. */
async function world() {
  const { user: employer, org } = await insertEmployer(db);
  const offer = insertOffer(db, { orgId: org.id, title: "Couturière" });
  const awa = await insertCandidate(db, { phone: PHONE, smsConsent: true, firstName: "Awa", lastName: "Traoré" });
  const stored = storeCv(db, awa.id, { name: "cv-awa.pdf", bytes: pdfBytes() });
  if (!stored.ok) throw new Error(stored.error);
  const application = insertApplicationWith(db, {
    offerId: offer.id,
    candidateId: awa.id,
    cvFileId: stored.fileId,
    createdAt: new Date(Date.now() - 20 * 86_400_000),
  });
  db.insert(applicationEvents)
    .values({ applicationId: application.id, actorId: awa.id, fromStatus: null, toStatus: "submitted" })
    .run();
  return { employer, org, offer, awa, cv: stored.fileId, application };
}

/** The model's answer for an organisation that may reach its applicants (fails the test otherwise). */
function reachable<T extends { withheld: unknown } | null>(value: T) {
  if (!value || value.withheld) throw new Error(`applicants not reachable: ${JSON.stringify(value)}`);
  return value as Extract<NonNullable<T>, { withheld: null }>;
}

function setStatus(orgId: number, status: VerificationStatus, reason: string | null = null) {
  db.update(organisations)
    .set({ verificationStatus: status, verificationReason: reason })
    .where(eq(organisations.id, orgId))
    .run();
}

describe("mayReachApplicants: which organisations see their applicants", () => {
  it.each([
    ["verified", true],
    ["pending", true],
    ["suspended", false],
    ["rejected", false],
  ] as const)("%s → %s", (status, allowed) => {
    expect(mayReachApplicants(status)).toBe(allowed);
  });
});

describe("a suspended or rejected organisation reaches none of its applicants", () => {
  it.each([
    ["suspended", "Offres payantes signalées"],
    ["rejected", null],
  ] as const)("%s: no list, no application, no CV — only why", async (status, reason) => {
    const { employer, org, offer, cv, application } = await world();
    setStatus(org.id, status, reason);
    const withheld = { withheld: { status, reason } };
    const list = listOfferApplications(db, employer.id, offer.id);
    expect(list).toEqual(withheld);
    const one = getApplicationForEmployer(db, employer.id, application.id);
    expect(one).toEqual(withheld);
    for (const seen of [list, one]) expect(JSON.stringify(seen)).not.toMatch(/Awa|Traoré|76543210/);
    expect(getFileForViewer(db, { id: employer.id, role: "employeur" }, cv)).toBeNull();
  });

  it.each(["suspended", "rejected"] as const)(
    "%s: no move, nothing written, and the candidate is told nothing",
    async (status) => {
      const { employer, org, awa, application } = await world();
      setStatus(org.id, status, "Motif");
      for (const to of ["shortlisted", "rejected"] as const) {
        const result = moveApplication(db, {
          employerId: employer.id,
          applicationId: application.id,
          to,
          refusalReason: "other",
        });
        expect(result).toEqual({ ok: false, reason: "withheld", withheld: { status, reason: "Motif" } });
      }
      expect(db.select().from(applications).where(eq(applications.id, application.id)).get()!.status).toBe("submitted");
      expect(
        db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, application.id)).all(),
      ).toHaveLength(1);
      expect(db.select().from(notifications).where(eq(notifications.userId, awa.id)).all()).toEqual([]);
      expect(db.select().from(outbox).all()).toEqual([]);
    },
  );

  it.each(["closed", "filled"] as const)(
    "cannot mark its offer %s: its applications stay as they were and nobody is told",
    async (outcome) => {
      const { employer, org, offer, awa, application } = await world();
      setStatus(org.id, "suspended", "Motif");
      expect(endOffer(db, employer.id, offer.id, outcome)).toEqual({ ok: false, reason: "withheld" });
      expect(db.select().from(offers).where(eq(offers.id, offer.id)).get()!.status).toBe("published");
      expect(db.select().from(applications).where(eq(applications.id, application.id)).get()!.status).toBe("submitted");
      expect(db.select().from(notifications).where(eq(notifications.userId, awa.id)).all()).toEqual([]);
    },
  );

  it("lists none of its applications among those waiting for an answer", async () => {
    const { org } = await world();
    expect(waitingApplications(db, [org.id])).toHaveLength(1);
    setStatus(org.id, "suspended", "Motif");
    expect(waitingApplications(db, [org.id])).toEqual([]);
  });

  it("still answers null (not found) to a member of another organisation, suspended or not", async () => {
    const { offer, application } = await world();
    const { user: stranger, org: theirs } = await insertEmployer(db);
    setStatus(theirs.id, "suspended", "Motif");
    expect(listOfferApplications(db, stranger.id, offer.id)).toBeNull();
    expect(getApplicationForEmployer(db, stranger.id, application.id)).toBeNull();
    expect(
      moveApplication(db, { employerId: stranger.id, applicationId: application.id, to: "shortlisted" }),
    ).toBeNull();
  });

  it("keeps the applicants of a verified or pending organisation as they were", async () => {
    const { employer, org, offer, application } = await world();
    for (const status of ["verified", "pending"] as const) {
      setStatus(org.id, status);
      expect(reachable(listOfferApplications(db, employer.id, offer.id)).applications.map((a) => a.phone)).toEqual([
        PHONE,
      ]);
      expect(getApplicationForEmployer(db, employer.id, application.id)).toMatchObject({ phone: PHONE });
    }
  });
});

describe("a withdrawn application: the employer keeps the name and history, never the contact details or the CV", () => {
  it("hides the phone, e-mail and CV in the list and on the application, and keeps the rest", async () => {
    const { employer, offer, awa, cv, application } = await world();
    const other = await insertCandidate(db, { phone: "+22365000001", email: "kadi@example.ml" });
    insertApplicationWith(db, { offerId: offer.id, candidateId: other.id });
    expect(withdrawApplication(db, awa.id, application.id)).toEqual({ ok: true });

    const one = reachable(getApplicationForEmployer(db, employer.id, application.id));
    expect(one).toMatchObject({
      firstName: "Awa",
      lastName: "Traoré",
      status: "withdrawn",
      phone: null,
      email: null,
      cvFileId: null,
      moves: [],
    });
    expect(one.timeline.map((e) => e.toStatus)).toEqual(["submitted", "withdrawn"]);
    expect(JSON.stringify(one)).not.toContain("76543210");

    const rows = reachable(listOfferApplications(db, employer.id, offer.id)).applications;
    expect(rows.map((a) => [a.candidateId, a.phone, a.cvFileId])).toEqual([
      [other.id, "+22365000001", null],
      [awa.id, null, null],
    ]);
    expect(JSON.stringify(rows)).not.toContain("76543210");
    expect(getFileForViewer(db, { id: employer.id, role: "employeur" }, cv)).toBeNull();
  });
});

describe("the candidate sees an application to a suspended or rejected organisation as on hold", () => {
  it("marks open applications on hold with the organisation's status, never a closed one, and nothing for a verified organisation", async () => {
    const { org, awa, application } = await world();
    const second = insertApplicationWith(db, {
      offerId: insertOffer(db, { orgId: org.id }).id,
      candidateId: awa.id,
      status: "hired",
    });
    const onHold = () => Object.fromEntries(listCandidateApplications(db, awa.id).map((a) => [a.id, a.onHold]));
    expect(onHold()).toEqual({ [application.id]: null, [second.id]: null });
    setStatus(org.id, "suspended", "Motif interne du conseiller");
    expect(onHold()).toEqual({ [application.id]: "suspended", [second.id]: null });
    setStatus(org.id, "rejected");
    expect(onHold()).toEqual({ [application.id]: "rejected", [second.id]: null });
    // The counsellor's reason was written for the employer: the candidate is not shown it.
    expect(JSON.stringify(listCandidateApplications(db, awa.id))).not.toContain("Motif interne");
    // The candidate's home page says the same.
    expect(Object.fromEntries(candidateDashboard(db, awa.id).latest.map((a) => [a.id, a.onHold]))).toEqual({
      [application.id]: "rejected",
      [second.id]: null,
    });
  });
});
