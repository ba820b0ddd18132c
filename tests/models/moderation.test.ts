import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { reportOffer } from "../../app/models/fraud-reports.server";
import { decideOffer, decideOrganisation, decideReports } from "../../app/models/moderation.server";
import {
  moderationCounts,
  openReports,
  pendingOffers,
  pendingOrganisations,
} from "../../app/models/moderation-queues.server";
import { searchOffers } from "../../app/models/search.server";
import { moderationSchema } from "../../app/schemas/moderation";
import type { Db } from "../../app/utils/db.server";
import { parseForm } from "../../app/utils/forms";
import { auditLog, fraudReports, notifications, offers, organisations, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { addMember, insertFraudReport, insertOffer, insertOrganisation, insertUser } from "../helpers/factories";

let db: Db;
let counsellorId: number;
beforeEach(async () => {
  db = createTestDb();
  counsellorId = (await insertUser(db, { role: "conseiller", displayName: "Kadia Konaté" })).id;
});

/** An employer organisation with two members (owner and colleague) and an outsider elsewhere. */
async function employerOrg(
  status: "pending" | "verified" | "rejected" | "suspended" = "pending",
  name = "Garage Coulibaly",
) {
  const org = insertOrganisation(db, { name, status });
  const owner = await insertUser(db, { role: "employeur" });
  const colleague = await insertUser(db, { role: "employeur" });
  addMember(db, owner.id, org.id, "owner");
  addMember(db, colleague.id, org.id, "member");
  const outsider = await insertUser(db, { role: "employeur" });
  addMember(db, outsider.id, insertOrganisation(db, { name: "Autre atelier" }).id, "owner");
  return { org, members: [owner.id, colleague.id], outsider: outsider.id };
}

const notificationsOf = (userId: number) =>
  db.select().from(notifications).where(eq(notifications.userId, userId)).all();
const auditOf = (subjectType: string, subjectId: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, String(subjectId))))
    .all();
const orgRow = (id: number) => db.select().from(organisations).where(eq(organisations.id, id)).get()!;
const offerRow = (id: number) => db.select().from(offers).where(eq(offers.id, id)).get()!;
const reportRows = (offerId: number) => db.select().from(fraudReports).where(eq(fraudReports.offerId, offerId)).all();
const inSearch = (title: string) => searchOffers(db, { q: title }).items.some((item) => item.title === title);

/** A candidate whose account is a month old: its reports count towards a suspension. */
async function establishedAccount() {
  const { id } = await insertUser(db, { role: "candidat" });
  db.update(users)
    .set({ createdAt: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) })
    .where(eq(users.id, id))
    .run();
  return id;
}

describe("decideOrganisation", () => {
  it("verifies a pending organisation: status, who and when, audit row, every member told", async () => {
    const { org, members, outsider } = await employerOrg();
    expect(decideOrganisation(db, { counsellorId, orgId: org.id, decision: "verify", ip: "41.73.1.2" })).toEqual({
      status: "verified",
    });

    const row = orgRow(org.id);
    expect(row.verificationStatus).toBe("verified");
    expect(row.verifiedBy).toBe(counsellorId);
    expect(row.verifiedAt).toBeInstanceOf(Date);
    expect(row.verificationReason).toBeNull();
    const [audit] = auditOf("organisation", org.id);
    expect(audit).toMatchObject({ actorId: counsellorId, action: "organisation.verified", ip: "41.73.1.2" });
    for (const member of members) {
      expect(notificationsOf(member)).toMatchObject([
        { kind: "moderation.organisation.verified", link: "/employeur/organisation" },
      ]);
    }
    expect(notificationsOf(outsider)).toEqual([]);
    expect(pendingOrganisations(db).items).toEqual([]);
  });

  it("rejects with the reason stored, logged and sent to the members", async () => {
    const { org, members } = await employerOrg();
    const reason = "Le RCCM donné ne correspond à aucune entreprise.";
    expect(decideOrganisation(db, { counsellorId, orgId: org.id, decision: "reject", reason })).toEqual({
      status: "rejected",
    });
    expect(orgRow(org.id)).toMatchObject({
      verificationStatus: "rejected",
      verificationReason: reason,
      verifiedAt: null,
    });
    expect(auditOf("organisation", org.id)).toMatchObject([
      { actorId: counsellorId, action: "organisation.rejected", detail: { reason, from: "pending" } },
    ]);
    for (const member of members) {
      expect(notificationsOf(member)).toMatchObject([
        { kind: "moderation.organisation.rejected", payload: { reason } },
      ]);
    }
  });

  it("suspends a verified organisation with a reason: its offers leave the search", async () => {
    const { org, members } = await employerOrg("verified");
    insertOffer(db, { orgId: org.id, title: "Soudeur confirmé" });
    expect(inSearch("Soudeur confirmé")).toBe(true);
    expect(
      decideOrganisation(db, { counsellorId, orgId: org.id, decision: "suspend", reason: "Plaintes de candidats." }),
    ).toEqual({ status: "suspended" });
    expect(orgRow(org.id)).toMatchObject({
      verificationStatus: "suspended",
      verificationReason: "Plaintes de candidats.",
    });
    expect(auditOf("organisation", org.id)).toMatchObject([
      { action: "organisation.suspended", actorId: counsellorId },
    ]);
    expect(notificationsOf(members[1]!)).toMatchObject([{ kind: "moderation.organisation.suspended" }]);
    expect(inSearch("Soudeur confirmé")).toBe(false);
  });

  it("returns null for an organisation already decided, and changes nothing", async () => {
    const { org, members } = await employerOrg();
    decideOrganisation(db, { counsellorId, orgId: org.id, decision: "reject", reason: "Dossier incomplet." });
    // A second counsellor on a stale page: neither verify nor reject again overwrite the first decision.
    expect(decideOrganisation(db, { counsellorId, orgId: org.id, decision: "verify" })).toBeNull();
    expect(
      decideOrganisation(db, { counsellorId, orgId: org.id, decision: "reject", reason: "Autre motif." }),
    ).toBeNull();
    expect(orgRow(org.id)).toMatchObject({ verificationStatus: "rejected", verificationReason: "Dossier incomplet." });
    expect(auditOf("organisation", org.id)).toHaveLength(1);
    expect(notificationsOf(members[0]!)).toHaveLength(1);

    const verified = await employerOrg("verified", "Déjà vérifiée");
    expect(decideOrganisation(db, { counsellorId, orgId: verified.org.id, decision: "verify" })).toBeNull();
  });

  it("returns null for an unknown id and for a partner organisation", () => {
    expect(decideOrganisation(db, { counsellorId, orgId: 999_999, decision: "verify" })).toBeNull();
    const partner = insertOrganisation(db, { kind: "partner", name: "OIM Mali", status: "pending" });
    expect(decideOrganisation(db, { counsellorId, orgId: partner.id, decision: "verify" })).toBeNull();
    expect(orgRow(partner.id).verificationStatus).toBe("pending");
  });

  it("refuses to reject or suspend without a reason (a blank one too)", async () => {
    const { org } = await employerOrg();
    expect(() => decideOrganisation(db, { counsellorId, orgId: org.id, decision: "reject" })).toThrow();
    expect(() => decideOrganisation(db, { counsellorId, orgId: org.id, decision: "suspend", reason: "   " })).toThrow();
    expect(orgRow(org.id).verificationStatus).toBe("pending");
  });
});

describe("moderation form schema", () => {
  const parse = (fields: Record<string, string>) =>
    parseForm(moderationSchema, new URLSearchParams(fields) as unknown as FormData);

  it("refuses a rejection or suspension without a reason, or with only spaces", () => {
    for (const intent of ["org.reject", "org.suspend"]) {
      expect(parse({ intent, orgId: "3", reason: "" })).toMatchObject({
        ok: false,
        fieldErrors: { reason: "moderation:errors.reasonRequired" },
      });
      expect(parse({ intent, orgId: "3" })).toMatchObject({
        ok: false,
        fieldErrors: { reason: "moderation:errors.reasonRequired" },
      });
    }
    for (const intent of ["offer.reject", "reports.suspend"]) {
      expect(parse({ intent, offerId: "3", reason: "   " })).toMatchObject({
        ok: false,
        fieldErrors: { reason: "moderation:errors.reasonRequired" },
      });
    }
  });

  it("refuses a reason over 500 characters and keeps what was typed", () => {
    const reason = "x".repeat(501);
    expect(parse({ intent: "org.reject", orgId: "3", reason })).toMatchObject({
      ok: false,
      fieldErrors: { reason: "moderation:errors.reasonTooLong" },
      values: { intent: "org.reject", orgId: "3", reason },
    });
  });

  it("refuses unknown intents and ids that are not positive whole numbers (SQL, negative, empty)", () => {
    expect(parse({ intent: "org.delete", orgId: "3" }).ok).toBe(false);
    expect(parse({ orgId: "3" }).ok).toBe(false);
    for (const orgId of ["", "0", "-1", "1.5", "1 OR 1=1", "abc", "99999999999999999"]) {
      expect(parse({ intent: "org.verify", orgId }), orgId).toMatchObject({
        ok: false,
        fieldErrors: { orgId: "moderation:errors.notFound" },
      });
    }
  });

  it("accepts a verification without a reason and gives numbers", () => {
    expect(parse({ intent: "org.verify", orgId: "12" })).toEqual({
      ok: true,
      data: { intent: "org.verify", orgId: 12 },
    });
    expect(parse({ intent: "offer.reject", offerId: "7", reason: "  Demande d'argent.  " })).toEqual({
      ok: true,
      data: { intent: "offer.reject", offerId: 7, reason: "Demande d'argent." },
    });
  });
});

describe("decideOffer", () => {
  it("publishes a held offer of a verified organisation: in search, audit row, members told", async () => {
    const { org, members } = await employerOrg("verified");
    const offer = insertOffer(db, { orgId: org.id, title: "Apprenti menuisier", status: "pending" });
    db.update(offers)
      .set({ moderationFlags: ["first_offer"] })
      .where(eq(offers.id, offer.id))
      .run();
    expect(pendingOffers(db).items.map((o) => [o.title, o.moderationFlags])).toEqual([
      ["Apprenti menuisier", ["first_offer"]],
    ]);
    expect(inSearch("Apprenti menuisier")).toBe(false);

    expect(decideOffer(db, { counsellorId, offerId: offer.id, decision: "publish", ip: "41.73.1.3" })).toEqual({
      status: "published",
    });
    expect(offerRow(offer.id)).toMatchObject({ status: "published", rejectionReason: null });
    expect(offerRow(offer.id).publishedAt).toBeInstanceOf(Date);
    expect(inSearch("Apprenti menuisier")).toBe(true);
    expect(auditOf("offer", offer.id)).toMatchObject([
      { actorId: counsellorId, action: "offer.published", ip: "41.73.1.3" },
    ]);
    for (const member of members) {
      expect(notificationsOf(member)).toMatchObject([
        { kind: "moderation.offer.published", link: `/employeur/offres/${offer.id}` },
      ]);
    }
    expect(pendingOffers(db).items).toEqual([]);
  });

  it("rejects with the reason stored and sent", async () => {
    const { org, members } = await employerOrg("verified");
    const offer = insertOffer(db, { orgId: org.id, title: "Travail en Libye", status: "pending" });
    const reason = "Recrutement pour l'étranger sans agrément.";
    expect(decideOffer(db, { counsellorId, offerId: offer.id, decision: "reject", reason })).toEqual({
      status: "rejected",
    });
    expect(offerRow(offer.id)).toMatchObject({ status: "rejected", rejectionReason: reason, publishedAt: null });
    expect(auditOf("offer", offer.id)).toMatchObject([
      { action: "offer.rejected", actorId: counsellorId, detail: { reason } },
    ]);
    expect(notificationsOf(members[0]!)).toMatchObject([
      { kind: "moderation.offer.rejected", payload: { offerTitle: "Travail en Libye", reason } },
    ]);
    expect(() => decideOffer(db, { counsellorId, offerId: offer.id, decision: "reject", reason: "" })).toThrow();
  });

  it("refuses to publish an offer of an organisation that is not verified", async () => {
    for (const status of ["pending", "rejected", "suspended"] as const) {
      const { org, members } = await employerOrg(status, `Atelier ${status}`);
      const offer = insertOffer(db, { orgId: org.id, title: `Offre ${status}`, status: "pending" });
      expect(decideOffer(db, { counsellorId, offerId: offer.id, decision: "publish" })).toEqual({
        error: "moderation.orgNotVerified",
      });
      expect(offerRow(offer.id).status).toBe("pending");
      expect(auditOf("offer", offer.id)).toEqual([]);
      expect(notificationsOf(members[0]!)).toEqual([]);
    }
  });

  it("returns null for an offer already decided, not pending, or unknown", async () => {
    const { org } = await employerOrg("verified");
    const offer = insertOffer(db, { orgId: org.id, status: "pending" });
    decideOffer(db, { counsellorId, offerId: offer.id, decision: "reject", reason: "Arnaque." });
    expect(decideOffer(db, { counsellorId, offerId: offer.id, decision: "publish" })).toBeNull();
    expect(offerRow(offer.id).status).toBe("rejected");
    const draft = insertOffer(db, { orgId: org.id, status: "draft" });
    expect(decideOffer(db, { counsellorId, offerId: draft.id, decision: "publish" })).toBeNull();
    expect(offerRow(draft.id).status).toBe("draft");
    expect(decideOffer(db, { counsellorId, offerId: 424_242, decision: "publish" })).toBeNull();
  });

  it("answers the open reports of an offer suspended by them: upheld when it is rejected", async () => {
    const { org } = await employerOrg("verified");
    const offer = insertOffer(db, { orgId: org.id, title: "Chauffeur livreur" });
    for (const ip of ["1.1.1.1", "2.2.2.2", "3.3.3.3"])
      reportOffer(db, { offerId: offer.id, reporterId: await establishedAccount(), ip, reason: "money" });
    expect(offerRow(offer.id).status).toBe("pending");
    decideOffer(db, { counsellorId, offerId: offer.id, decision: "reject", reason: "Frais demandés aux candidats." });
    expect(reportRows(offer.id).map((r) => [r.status, r.decidedBy])).toEqual(Array(3).fill(["upheld", counsellorId]));
    expect(openReports(db).items).toEqual([]);
  });
});

describe("decideReports", () => {
  async function suspendedByReports(title: string, extraFlags: string[] = []) {
    const { org, members } = await employerOrg("verified");
    const offer = insertOffer(db, { orgId: org.id, title });
    db.update(offers).set({ moderationFlags: extraFlags }).where(eq(offers.id, offer.id)).run();
    for (const ip of ["10.0.0.1", "10.0.0.2", "10.0.0.3"]) {
      reportOffer(db, {
        offerId: offer.id,
        reporterId: await establishedAccount(),
        ip,
        reason: "fake",
        details: `vu par ${ip}`,
      });
    }
    expect(offerRow(offer.id).status).toBe("pending");
    return { offer, members };
  }

  it("dismissing the reports of an offer they suspended publishes it again and tells the employer", async () => {
    const { offer, members } = await suspendedByReports("Vendeuse en boutique");
    expect(inSearch("Vendeuse en boutique")).toBe(false);
    expect(openReports(db).items).toMatchObject([
      { offerId: offer.id, suspendedByReports: true, reports: [{}, {}, {}] },
    ]);

    expect(decideReports(db, { counsellorId, offerId: offer.id, decision: "dismiss", ip: "41.73.1.4" })).toEqual({
      reports: 3,
      offerStatus: "published",
    });
    expect(offerRow(offer.id)).toMatchObject({ status: "published", moderationFlags: [] });
    expect(inSearch("Vendeuse en boutique")).toBe(true);
    expect(reportRows(offer.id).every((r) => r.status === "dismissed" && r.decidedBy === counsellorId)).toBe(true);
    expect(auditOf("offer", offer.id).filter((a) => a.actorId === counsellorId)).toMatchObject([
      { action: "report.dismissed", ip: "41.73.1.4", detail: { reports: 3, from: "pending", to: "published" } },
    ]);
    expect(notificationsOf(members[1]!).map((n) => n.kind)).toEqual([
      "moderation.offer.reported",
      "moderation.offer.republished",
    ]);
    expect(openReports(db).items).toEqual([]);
  });

  it("publishes it again even when it had been held for another reason before (a counsellor had published it)", async () => {
    const { offer } = await suspendedByReports("Maçon qualifié", ["first_offer"]);
    decideReports(db, { counsellorId, offerId: offer.id, decision: "dismiss" });
    expect(offerRow(offer.id)).toMatchObject({ status: "published", moderationFlags: ["first_offer"] });
  });

  it("dismissing reports that did not suspend the offer leaves it published", async () => {
    const { org, members } = await employerOrg("verified");
    const offer = insertOffer(db, { orgId: org.id, title: "Aide-comptable" });
    reportOffer(db, { offerId: offer.id, reporterId: null, ip: "5.5.5.5", reason: "discrimination" });
    expect(decideReports(db, { counsellorId, offerId: offer.id, decision: "dismiss" })).toEqual({
      reports: 1,
      offerStatus: "published",
    });
    expect(offerRow(offer.id).status).toBe("published");
    expect(notificationsOf(members[0]!).map((n) => n.kind)).toEqual(["moderation.offer.reportsDismissed"]);
  });

  it("suspending makes the offer rejected with the reason, out of search, reports upheld", async () => {
    const { org, members } = await employerOrg("verified");
    const offer = insertOffer(db, { orgId: org.id, title: "Serveuse restaurant" });
    reportOffer(db, {
      offerId: offer.id,
      reporterId: null,
      ip: "6.6.6.6",
      reason: "trafficking",
      details: "Départ pour Dubaï.",
    });
    expect(inSearch("Serveuse restaurant")).toBe(true);
    const reason = "Recrutement vers l'étranger déguisé.";

    expect(decideReports(db, { counsellorId, offerId: offer.id, decision: "suspend", reason })).toEqual({
      reports: 1,
      offerStatus: "rejected",
    });
    expect(offerRow(offer.id)).toMatchObject({ status: "rejected", rejectionReason: reason });
    expect(inSearch("Serveuse restaurant")).toBe(false);
    expect(reportRows(offer.id)).toMatchObject([{ status: "upheld", decidedBy: counsellorId }]);
    expect(auditOf("offer", offer.id).filter((a) => a.actorId === counsellorId)).toMatchObject([
      { action: "report.upheld", detail: { reason } },
    ]);
    for (const member of members) {
      expect(notificationsOf(member)).toMatchObject([{ kind: "moderation.offer.suspended", payload: { reason } }]);
    }
    expect(() => decideReports(db, { counsellorId, offerId: offer.id, decision: "suspend" })).toThrow();
  });

  it("returns null when the offer has no open report (already decided, or unknown)", async () => {
    const { org } = await employerOrg("verified");
    const offer = insertOffer(db, { orgId: org.id });
    expect(decideReports(db, { counsellorId, offerId: offer.id, decision: "dismiss" })).toBeNull();
    insertFraudReport(db, offer.id);
    decideReports(db, { counsellorId, offerId: offer.id, decision: "dismiss" });
    expect(
      decideReports(db, { counsellorId, offerId: offer.id, decision: "suspend", reason: "Trop tard." }),
    ).toBeNull();
    expect(offerRow(offer.id).status).toBe("published");
    expect(decideReports(db, { counsellorId, offerId: 777_777, decision: "dismiss" })).toBeNull();
  });
});

describe("lists and counts", () => {
  it("lists pending employers only, the oldest first, and counts each queue", async () => {
    const first = insertOrganisation(db, { name: "Première", status: "pending" });
    const second = insertOrganisation(db, { name: "Seconde", status: "pending" });
    insertOrganisation(db, { name: "Vérifiée", status: "verified" });
    insertOrganisation(db, { kind: "partner", name: "APEJ", status: "pending" });
    expect(pendingOrganisations(db).items.map((o) => o.id)).toEqual([first.id, second.id]);

    const verified = insertOrganisation(db, { name: "Vérifiée 2" });
    const held = insertOffer(db, {
      orgId: verified.id,
      status: "pending",
      description: `${"Description longue. ".repeat(100)}`,
    });
    const reported = insertOffer(db, { orgId: verified.id });
    insertFraudReport(db, reported.id);
    insertFraudReport(db, reported.id);
    insertFraudReport(db, reported.id, "dismissed");
    expect(pendingOffers(db).items[0]).toMatchObject({ id: held.id, truncated: true });
    expect(pendingOffers(db).items[0]!.excerpt.length).toBe(300);
    expect(pendingOffers(db).items[0]!.id).toBe(held.id);
    expect(moderationCounts(db)).toEqual({ organisations: 2, identity: 0, offers: 1, reports: 2, reportedOffers: 1 });
    const [group] = openReports(db).items;
    expect(group).toMatchObject({ offerId: reported.id, reports: [{ reason: "money" }, { reason: "money" }] });
    // Who reported is never part of what the counsellor's page receives.
    expect(Object.keys(group!.reports[0]!)).not.toContain("reporterId");
  });
});
