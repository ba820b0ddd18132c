// npm run jobs: inactive candidates anonymised after 24 months, report details
// cleared after 12, tested on back-dated rows.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { anonymiseInactiveCandidates, clearOldReportDetails } from "../../app/models/retention.server";
import { fraudReports, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertCandidate, insertEmployer, insertFraudReport, insertOffer } from "../helpers/factories";

const monthsAgo = (months: number) => {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
};

describe("anonymiseInactiveCandidates", () => {
  it("anonymises candidates silent for 24 months, and only them", async () => {
    const db = createTestDb();
    const stale = await insertCandidate(db, { phone: "+22366111111" });
    const recent = await insertCandidate(db, { phone: "+22366222222" });
    const neverCame = await insertCandidate(db, { phone: "+22366333333" });
    const employer = await insertEmployer(db);
    db.update(users)
      .set({ lastLoginAt: monthsAgo(25) })
      .where(eq(users.id, stale.id))
      .run();
    db.update(users)
      .set({ lastLoginAt: monthsAgo(23), createdAt: monthsAgo(30) })
      .where(eq(users.id, recent.id))
      .run();
    db.update(users)
      .set({ lastLoginAt: null, createdAt: monthsAgo(26) })
      .where(eq(users.id, neverCame.id))
      .run();
    db.update(users)
      .set({ lastLoginAt: monthsAgo(40) })
      .where(eq(users.id, employer.user.id))
      .run();

    expect(anonymiseInactiveCandidates(db)).toBe(2);
    const row = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;
    for (const id of [stale.id, neverCame.id]) {
      expect(row(id).deletedAt).not.toBeNull();
      expect(row(id).phone).toBeNull();
      expect(row(id).displayName).not.toMatch(/Awa/);
    }
    expect(row(recent.id).phone).toBe("+22366222222");
    expect(row(employer.user.id).deletedAt).toBeNull();
    // Running it again changes nothing.
    expect(anonymiseInactiveCandidates(db)).toBe(0);
  });
});

describe("clearOldReportDetails", () => {
  it("clears the free text and address hash of reports older than 12 months, keeping their reason", async () => {
    const db = createTestDb();
    const { org } = await insertEmployer(db);
    const offer = insertOffer(db, { orgId: org.id });
    insertFraudReport(db, offer.id);
    insertFraudReport(db, offer.id);
    const [old, young] = db.select({ id: fraudReports.id }).from(fraudReports).orderBy(fraudReports.id).all();
    if (!old || !young) throw new Error("two reports expected");
    db.update(fraudReports)
      .set({ details: "Il m'a demandé 5 000 F", reporterIpHash: "abc", createdAt: monthsAgo(13) })
      .where(eq(fraudReports.id, old.id))
      .run();
    db.update(fraudReports)
      .set({ details: "Numéro suspect", reporterIpHash: "def", createdAt: monthsAgo(11) })
      .where(eq(fraudReports.id, young.id))
      .run();

    expect(clearOldReportDetails(db)).toBe(1);
    const report = (id: number) => db.select().from(fraudReports).where(eq(fraudReports.id, id)).get()!;
    expect(report(old.id)).toMatchObject({ details: null, reporterIpHash: null });
    expect(report(old.id).reason).toBeTruthy();
    expect(report(young.id)).toMatchObject({ details: "Numéro suspect", reporterIpHash: "def" });
  });
});
