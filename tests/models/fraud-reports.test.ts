import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { hashIp, REPORT_WINDOW_MS, REPORTERS_TO_SUSPEND, reportOffer } from "../../app/models/fraud-reports.server";
import { openReports } from "../../app/models/moderation-queues.server";
import { searchOffers } from "../../app/models/search.server";
import { reportSchema } from "../../app/schemas/report";
import type { Db } from "../../app/utils/db.server";
import { parseForm } from "../../app/utils/forms";
import { auditLog, fraudReports, notifications, offers, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { addMember, insertOffer, insertOrganisation, insertUser } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

async function publishedOffer(title = "Mécanicien moto") {
  const org = insertOrganisation(db, { name: "Garage du Fleuve" });
  const owner = await insertUser(db, { role: "employeur" });
  const colleague = await insertUser(db, { role: "employeur" });
  addMember(db, owner.id, org.id, "owner");
  addMember(db, colleague.id, org.id, "member");
  return { offer: insertOffer(db, { orgId: org.id, title }), members: [owner.id, colleague.id] };
}

const report = (offerId: number, ip: string, reporterId: number | null = null, now?: number) =>
  reportOffer(
    db,
    { offerId, reporterId, ip, reason: "money", details: "Ils demandent 10 000 F de frais de dossier." },
    now,
  );
const offerRow = (id: number) => db.select().from(offers).where(eq(offers.id, id)).get()!;
const inSearch = (title: string) => searchOffers(db, { q: title }).items.some((item) => item.title === title);
const auditActions = (offerId: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "offer"), eq(auditLog.subjectId, String(offerId))))
    .all()
    .map((a) => a.action);

/** A report written directly, at a given time (to test the 24-hour window). */
function backdated(offerId: number, at: number, who: { ip?: string; reporterId?: number }) {
  db.insert(fraudReports)
    .values({
      offerId,
      reason: "fake",
      reporterIpHash: who.ip ? hashIp(who.ip) : null,
      reporterId: who.reporterId ?? null,
      createdAt: new Date(at),
    })
    .run();
}

const DAY = 24 * 60 * 60 * 1000;

/** An account made `ageMs` before now (30 days unless told): its reports count towards a suspension after 24 hours. */
async function account(ageMs = 30 * DAY, now = Date.now()) {
  const user = await insertUser(db, { role: "candidat" });
  db.update(users)
    .set({ createdAt: new Date(now - ageMs) })
    .where(eq(users.id, user.id))
    .run();
  return user.id;
}

describe("reportOffer: three reporters suspend an offer", () => {
  it("is counted in reporters, three of them", () => {
    expect(REPORTERS_TO_SUSPEND).toBe(3);
  });

  it("three established accounts suspend a published offer until a counsellor decides", async () => {
    const { offer, members } = await publishedOffer();
    const [awa, binta, chaka] = [await account(), await account(), await account()];
    expect(report(offer.id, "41.73.0.1", awa)).toEqual({ ok: true, suspended: false });
    expect(report(offer.id, "41.73.0.2", binta)).toEqual({ ok: true, suspended: false });
    expect(offerRow(offer.id).status).toBe("published");
    expect(inSearch("Mécanicien moto")).toBe(true);

    expect(report(offer.id, "41.73.0.3", chaka)).toEqual({ ok: true, suspended: true });
    expect(offerRow(offer.id)).toMatchObject({ status: "pending", moderationFlags: ["reported"] });
    expect(inSearch("Mécanicien moto")).toBe(false);
    expect(auditActions(offer.id)).toEqual([
      "report.created",
      "report.created",
      "report.created",
      "offer.suspended_by_reports",
    ]);
    for (const member of members) {
      const told = db.select().from(notifications).where(eq(notifications.userId, member)).all();
      expect(told).toMatchObject([{ kind: "moderation.offer.reported", payload: { offerTitle: "Mécanicien moto" } }]);
      // The employer is never told who reported.
      expect(JSON.stringify(told)).not.toContain("41.73");
    }
  });

  it("one anonymous report and two from accounts made today, all from one address: the offer stays published, the counsellors see 3 reports", async () => {
    const { offer } = await publishedOffer();
    const [madeThisMorning, madeAnHourAgo] = [await account(5 * 60 * 60 * 1000), await account(60 * 60 * 1000)];
    expect(report(offer.id, "41.73.0.66")).toEqual({ ok: true, suspended: false });
    expect(report(offer.id, "41.73.0.66", madeThisMorning)).toEqual({ ok: true, suspended: false });
    expect(report(offer.id, "41.73.0.66", madeAnHourAgo)).toEqual({ ok: true, suspended: false });
    expect(offerRow(offer.id).status).toBe("published");
    expect(inSearch("Mécanicien moto")).toBe(true);
    expect(openReports(db).items).toMatchObject([
      { offerId: offer.id, suspendedByReports: false, reports: [{}, {}, {}] },
    ]);
  });

  it("ten anonymous reports from ten addresses count as one reporter", async () => {
    const { offer } = await publishedOffer();
    for (let i = 1; i <= 10; i++) expect(report(offer.id, `196.200.${i}.1`)).toEqual({ ok: true, suspended: false });
    expect(offerRow(offer.id).status).toBe("published");
    expect(openReports(db).items[0]!.reports).toHaveLength(10);
    // Visitors together are one voice: two established accounts make three.
    expect(report(offer.id, "41.73.0.1", await account())).toEqual({ ok: true, suspended: false });
    expect(report(offer.id, "41.73.0.2", await account())).toEqual({ ok: true, suspended: true });
  });

  it("an account counts once it is 24 hours old at the time of its report", async () => {
    const { offer } = await publishedOffer();
    const now = Date.now();
    const [old1, old2] = [await account(), await account()];
    report(offer.id, "41.73.0.1", old1, now);
    report(offer.id, "41.73.0.2", old2, now);
    expect(report(offer.id, "41.73.0.3", await account(DAY - 60_000, now), now)).toEqual({
      ok: true,
      suspended: false,
    });
    expect(offerRow(offer.id).status).toBe("published");
    expect(report(offer.id, "41.73.0.4", await account(DAY + 60_000, now), now)).toEqual({ ok: true, suspended: true });
  });

  it("two reports do not suspend it", async () => {
    const { offer } = await publishedOffer();
    report(offer.id, "41.73.0.1", await account());
    report(offer.id, "41.73.0.2", await account());
    expect(offerRow(offer.id).status).toBe("published");
    expect(auditActions(offer.id)).not.toContain("offer.suspended_by_reports");
  });

  it("dismissed reports do not count", async () => {
    const { offer } = await publishedOffer();
    for (const ip of ["41.73.0.1", "41.73.0.2"]) report(offer.id, ip, await account());
    db.update(fraudReports).set({ status: "dismissed" }).where(eq(fraudReports.offerId, offer.id)).run();
    expect(report(offer.id, "41.73.0.3", await account())).toEqual({ ok: true, suspended: false });
    expect(report(offer.id, "41.73.0.4", await account())).toEqual({ ok: true, suspended: false });
    expect(offerRow(offer.id).status).toBe("published");
    expect(report(offer.id, "41.73.0.5", await account())).toEqual({ ok: true, suspended: true });
  });

  it("one person reporting three times is one voice: the offer stays online", async () => {
    const { offer } = await publishedOffer();
    for (let i = 0; i < 3; i++) expect(report(offer.id, "41.73.9.9")).toEqual({ ok: true, suspended: false });
    const awa = await account();
    for (const ip of ["1.1.1.1", "2.2.2.2", "3.3.3.3"]) expect(report(offer.id, ip, awa).ok).toBe(true);
    expect(offerRow(offer.id).status).toBe("published");
    expect(openReports(db).items[0]!.reports).toHaveLength(6);
  });

  it("stores the reason and the details as typed, and only a hash of the address", async () => {
    const { offer } = await publishedOffer();
    const details = `<script>alert("x")</script>'; DROP TABLE offers; --`;
    reportOffer(db, { offerId: offer.id, reporterId: null, ip: "196.200.1.1", reason: "other", details });
    const [row] = db.select().from(fraudReports).all();
    expect(row).toMatchObject({
      reason: "other",
      details,
      status: "open",
      reporterId: null,
      reporterIpHash: hashIp("196.200.1.1"),
    });
    expect(JSON.stringify(db.select().from(auditLog).all())).not.toContain("196.200.1.1");
    expect(offerRow(offer.id).title).toBe("Mécanicien moto");
  });

  it("does not suspend an offer that is not published (a draft cannot come back online through reports)", async () => {
    const org = insertOrganisation(db);
    const offer = insertOffer(db, { orgId: org.id, status: "closed" });
    for (const ip of ["1.1.1.1", "2.2.2.2", "3.3.3.3"])
      expect(report(offer.id, ip, await account())).toEqual({ ok: true, suspended: false });
    expect(offerRow(offer.id).status).toBe("closed");
  });

  it("answers not_found for an unknown offer", () => {
    expect(report(123_456, "1.1.1.1")).toEqual({ ok: false, reason: "not_found" });
    expect(db.select().from(fraudReports).all()).toEqual([]);
  });
});

describe("reportOffer: 5 reports per address or account in 24 hours", () => {
  it("refuses the sixth report from one address, and says when to retry; another address still may", async () => {
    const offers = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => publishedOffer(`Offre ${i}`)));
    const now = Date.now();
    for (const [i, { offer }] of offers.slice(0, 5).entries()) {
      expect(report(offer.id, "41.73.5.5", null, now - (5 - i) * 60_000).ok).toBe(true);
    }
    const sixth = report(offers[5]!.offer.id, "41.73.5.5", null, now);
    // The first report was sent 5 minutes ago: a slot frees up 24 hours after it.
    expect(sixth).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: (REPORT_WINDOW_MS - 5 * 60_000) / 1000,
    });
    expect(db.select().from(fraudReports).where(eq(fraudReports.offerId, offers[5]!.offer.id)).all()).toEqual([]);
    expect(report(offers[5]!.offer.id, "41.73.5.6", null, now)).toEqual({ ok: true, suspended: false });
  });

  it("limits a logged-in reporter across addresses", async () => {
    const { offer } = await publishedOffer();
    const awa = await insertUser(db, { role: "candidat" });
    for (let i = 1; i <= 5; i++) expect(report(offer.id, `10.1.1.${i}`, awa.id).ok).toBe(true);
    expect(report(offer.id, "10.1.1.99", awa.id)).toMatchObject({ ok: false, reason: "rate_limited" });
    // Another person from that last address is not blocked by Awa's reports.
    expect(report(offer.id, "10.1.1.99", null).ok).toBe(true);
  });

  it("does not count reports older than 24 hours", async () => {
    const { offer } = await publishedOffer();
    const awa = await insertUser(db, { role: "candidat" });
    const now = Date.now();
    for (let i = 0; i < 5; i++)
      backdated(offer.id, now - REPORT_WINDOW_MS - (i + 1) * 60_000, { ip: "41.73.7.7", reporterId: awa.id });
    expect(report(offer.id, "41.73.7.7", null, now).ok).toBe(true);
    expect(report(offer.id, "8.8.8.8", awa.id, now).ok).toBe(true);
    // Four more within the last day and the one just sent from that address make five: the next is refused.
    for (let i = 0; i < 4; i++) backdated(offer.id, now - REPORT_WINDOW_MS + (i + 1) * 60_000, { ip: "41.73.7.7" });
    expect(report(offer.id, "41.73.7.7", null, now)).toMatchObject({ ok: false, reason: "rate_limited" });
  });
});

describe("report form schema", () => {
  const parse = (fields: Record<string, string>) =>
    parseForm(reportSchema, new URLSearchParams(fields) as unknown as FormData);

  it("needs a reason from the list", () => {
    expect(parse({ details: "bizarre" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: "moderation:report.errors.reasonRequired" },
    });
    expect(parse({ reason: "spam" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: "moderation:report.errors.reasonRequired" },
    });
  });

  it("needs details for `other` only", () => {
    expect(parse({ reason: "other", details: "   " })).toMatchObject({
      ok: false,
      fieldErrors: { details: "moderation:report.errors.detailsRequired" },
    });
    expect(parse({ reason: "money", details: "" })).toEqual({ ok: true, data: { reason: "money" } });
  });

  it("refuses 10 000 characters of details and control characters", () => {
    expect(parse({ reason: "fake", details: "a".repeat(10_000) })).toMatchObject({
      ok: false,
      fieldErrors: { details: "moderation:report.errors.detailsTooLong" },
    });
    expect(parse({ reason: "fake", details: "a\u0000b" })).toMatchObject({
      ok: false,
      fieldErrors: { details: "validation.invalidCharacters" },
    });
    expect(parse({ reason: "fake", details: "Ligne 1\nLigne 2" })).toEqual({
      ok: true,
      data: { reason: "fake", details: "Ligne 1\nLigne 2" },
    });
  });
});
