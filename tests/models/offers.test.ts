import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { duplicateOffer, endOffer, listOffersOfOrg, saveOffer } from "../../app/models/employer-offers.server";
import { expireOffers, getOfferForViewer } from "../../app/models/offers.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { applicationEvents, applications, auditLog, notifications, offers, organisations } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import {
  addMember,
  insertApplication,
  insertEmployer,
  insertOffer,
  insertOrganisation,
  insertUser,
  registerCandidate,
} from "../helpers/factories";
import { offerInput } from "../helpers/offers";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const today = isoToday();
const offerRow = (id: number) => db.select().from(offers).where(eq(offers.id, id)).get()!;
const allOffers = () => db.select().from(offers).all();

/** A verified organisation that already has a published offer: its next clean offer goes online. */
async function establishedEmployer() {
  const { user, org } = await insertEmployer(db, "verified");
  insertOffer(db, {
    orgId: org.id,
    title: "Ancienne offre",
    status: "closed",
    publishedAt: new Date(Date.now() - 86_400_000),
  });
  return { user, org };
}

describe("saveOffer: who may publish", () => {
  it("saves a draft for an organisation not yet verified", async () => {
    const { user, org } = await insertEmployer(db, "pending");
    const result = saveOffer(db, { userId: user.id, input: offerInput(), intent: "draft" });
    expect(result).toEqual({ ok: true, offerId: expect.any(Number), status: "draft", flags: [] });
    const row = offerRow((result as { offerId: number }).offerId);
    expect(row).toMatchObject({
      orgId: org.id,
      status: "draft",
      title: "Maçon qualifié",
      payAmount: 75_000,
      createdBy: user.id,
      publishedAt: null,
    });
    expect(row.languages).toEqual(["fr", "bm"]);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "offer.created")).get();
    expect(audit).toMatchObject({
      actorId: user.id,
      subjectId: String(row.id),
      detail: { status: "draft", flags: [] },
    });
  });

  it.each(["pending", "rejected", "suspended"] as const)(
    "refuses to submit for a %s organisation, with the matching message, and publishes nothing",
    async (status) => {
      const { user } = await insertEmployer(db, status);
      const result = saveOffer(db, { userId: user.id, input: offerInput(), intent: "submit" });
      expect(result).toEqual({ ok: false, fieldErrors: {}, formError: `offer.rules.orgNotVerified.${status}` });
      expect(allOffers()).toEqual([]);
    },
  );

  it("answers null to an account with no employer organisation", async () => {
    const loner = await insertUser(db, { role: "employeur", email: "seul@atelier.ml" });
    expect(saveOffer(db, { userId: loner.id, input: offerInput(), intent: "draft" })).toBeNull();
    expect(allOffers()).toEqual([]);
  });

  it("holds a verified organisation's first offer for a counsellor (first_offer)", async () => {
    const { user } = await insertEmployer(db, "verified");
    const result = saveOffer(db, { userId: user.id, input: offerInput(), intent: "submit" });
    expect(result).toMatchObject({ ok: true, status: "pending", flags: ["first_offer"] });
    const row = offerRow((result as { offerId: number }).offerId);
    expect(row).toMatchObject({ status: "pending", moderationFlags: ["first_offer"], publishedAt: null });
  });

  it("publishes the next clean offer at once, with its publication time", async () => {
    const { user } = await establishedEmployer();
    const before = Date.now();
    const result = saveOffer(db, { userId: user.id, input: offerInput({ title: "Carreleur" }), intent: "submit" });
    expect(result).toMatchObject({ ok: true, status: "published", flags: [] });
    const row = offerRow((result as { offerId: number }).offerId);
    expect(row.status).toBe("published");
    expect(row.publishedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it.each([
    ["asks_money", "Des frais de dossier de 5 000 F sont à payer avant l'entretien, puis le poste commence."],
    ["work_abroad", "Chantier en Algérie pour douze mois, logement et transport pris en charge par l'entreprise."],
  ])("holds an offer whose wording triggers %s", async (flag, description) => {
    const { user } = await establishedEmployer();
    const result = saveOffer(db, { userId: user.id, input: offerInput({ description }), intent: "submit" });
    expect(result).toMatchObject({ ok: true, status: "pending", flags: [flag] });
    expect(offerRow((result as { offerId: number }).offerId)).toMatchObject({
      status: "pending",
      moderationFlags: [flag],
      publishedAt: null,
    });
  });

  it("saves a risky text as a draft without holding it", async () => {
    const { user } = await establishedEmployer();
    const input = offerInput({
      description: "Visa et billet pour la Libye fournis, départ dans un mois, logé nourri.",
    });
    expect(saveOffer(db, { userId: user.id, input, intent: "draft" })).toMatchObject({
      ok: true,
      status: "draft",
      flags: [],
    });
  });
});

describe("saveOffer: the rules", () => {
  it("refuses a phone number in the description even for a draft, and saves nothing", async () => {
    const { user } = await insertEmployer(db, "pending");
    const input = offerInput({
      description: "Pour postuler, appelez le 70 12 34 56 entre 8 h et 17 h, du lundi au vendredi.",
    });
    expect(saveOffer(db, { userId: user.id, input, intent: "draft" })).toEqual({
      ok: false,
      fieldErrors: { description: { key: "offer.rules.contactIn.phone", values: { found: "70 12 34 56" } } },
    });
    expect(allOffers()).toEqual([]);
  });

  it("refuses a cdi under the SMIG and a closing date in the past", async () => {
    const { user } = await establishedEmployer();
    const input = offerInput({ contract: "cdi", payAmount: "39 999", closingDate: addDays(today, -1) });
    const result = saveOffer(db, { userId: user.id, input, intent: "submit" });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        closingDate: "offer.rules.closingDateFuture",
        payAmount: { key: "offer.rules.underSmig", values: { smig: 40_000 } },
      },
    });
  });
});

describe("saveOffer: editing", () => {
  it("keeps a published offer published when its new text is clean (even if it is the only one)", async () => {
    const { user, org } = await insertEmployer(db, "verified");
    const published = insertOffer(db, { orgId: org.id, title: "Maçon", publishedAt: new Date(2026, 0, 5) });
    const result = saveOffer(db, {
      userId: user.id,
      offerId: published.id,
      input: offerInput({ title: "Maçon confirmé" }),
      intent: "submit",
    });
    expect(result).toEqual({ ok: true, offerId: published.id, status: "published", flags: [] });
    const row = offerRow(published.id);
    expect(row).toMatchObject({ title: "Maçon confirmé", status: "published" });
    expect(row.publishedAt).toEqual(new Date(2026, 0, 5));
    expect(allOffers()).toHaveLength(1);
  });

  it("holds a published offer again when the new text asks for money", async () => {
    const { user, org } = await insertEmployer(db, "verified");
    const published = insertOffer(db, { orgId: org.id, title: "Maçon" });
    const input = offerInput({
      description: "Une caution de 20 000 F est demandée à chaque candidat retenu avant le début.",
    });
    // "Save the draft" on a published offer cannot take it offline quietly: the rules run.
    const result = saveOffer(db, { userId: user.id, offerId: published.id, input, intent: "draft" });
    expect(result).toEqual({ ok: true, offerId: published.id, status: "pending", flags: ["asks_money"] });
    expect(offerRow(published.id)).toMatchObject({ status: "pending", moderationFlags: ["asks_money"] });
  });

  it("sends a rejected offer, corrected, back to a counsellor (resubmitted) and clears the old reason", async () => {
    const { user, org } = await establishedEmployer();
    const rejected = insertOffer(db, { orgId: org.id, status: "rejected" });
    db.update(offers).set({ rejectionReason: "Salaire flou" }).where(eq(offers.id, rejected.id)).run();
    const result = saveOffer(db, { userId: user.id, offerId: rejected.id, input: offerInput(), intent: "submit" });
    expect(result).toMatchObject({ ok: true, status: "pending", flags: ["resubmitted"] });
    expect(offerRow(rejected.id)).toMatchObject({ status: "pending", rejectionReason: null, publishedAt: null });
  });

  it("refuses to change an offer that reports took down until a counsellor decides", async () => {
    const { user, org } = await establishedEmployer();
    const reported = insertOffer(db, { orgId: org.id, title: "Signalée" });
    db.update(offers)
      .set({ status: "pending", moderationFlags: ["reported"] })
      .where(eq(offers.id, reported.id))
      .run();
    for (const intent of ["draft", "submit"] as const) {
      expect(
        saveOffer(db, { userId: user.id, offerId: reported.id, input: offerInput({ title: "Propre" }), intent }),
      ).toEqual({
        ok: false,
        fieldErrors: {},
        formError: "offer.rules.underReview",
      });
    }
    expect(offerRow(reported.id)).toMatchObject({
      title: "Signalée",
      status: "pending",
      moderationFlags: ["reported"],
    });
  });

  it.each(["closed", "filled", "expired"] as const)(
    "refuses to edit a %s offer and leaves it as it was",
    async (status) => {
      const { user, org } = await insertEmployer(db, "verified");
      const ended = insertOffer(db, { orgId: org.id, title: "Soudeur", status });
      const result = saveOffer(db, {
        userId: user.id,
        offerId: ended.id,
        input: offerInput({ title: "Autre" }),
        intent: "submit",
      });
      expect(result).toEqual({ ok: false, fieldErrors: {}, formError: "offer.rules.notEditable" });
      expect(offerRow(ended.id)).toMatchObject({ title: "Soudeur", status });
    },
  );

  it("answers null to a member of another organisation, by id, and changes nothing", async () => {
    const { org } = await insertEmployer(db, "verified", "Garage Sissoko");
    const theirs = insertOffer(db, { orgId: org.id, title: "Mécanicien" });
    const { user: intruder } = await insertEmployer(db, "verified", "Garage Voisin");
    for (const intent of ["draft", "submit"] as const) {
      expect(
        saveOffer(db, { userId: intruder.id, offerId: theirs.id, input: offerInput({ title: "Piraté" }), intent }),
      ).toBeNull();
    }
    expect(saveOffer(db, { userId: intruder.id, offerId: 999_999, input: offerInput(), intent: "draft" })).toBeNull();
    expect(offerRow(theirs.id).title).toBe("Mécanicien");
    expect(allOffers()).toHaveLength(1);
  });

  it("lets any member of the organisation edit, not only its owner", async () => {
    const { org } = await insertEmployer(db, "verified");
    const colleague = await insertUser(db, { role: "employeur", email: "collegue@atelier.ml" });
    addMember(db, colleague.id, org.id, "member");
    const offer = insertOffer(db, { orgId: org.id, status: "draft" });
    expect(
      saveOffer(db, { userId: colleague.id, offerId: offer.id, input: offerInput(), intent: "draft" }),
    ).toMatchObject({ ok: true });
  });
});

describe("duplicateOffer", () => {
  it("copies an offer as a new draft, for members only", async () => {
    const { user, org } = await insertEmployer(db, "verified");
    const source = insertOffer(db, { orgId: org.id, title: "Électricien", status: "filled" });
    db.update(offers)
      .set({ moderationFlags: ["asks_money"], rejectionReason: "x", languages: ["fr", "son"] })
      .where(eq(offers.id, source.id))
      .run();
    const copyId = duplicateOffer(db, user.id, source.id)!;
    expect(copyId).not.toBe(source.id);
    const copy = offerRow(copyId);
    expect(copy).toMatchObject({
      orgId: org.id,
      title: "Électricien",
      status: "draft",
      moderationFlags: [],
      rejectionReason: null,
      publishedAt: null,
      closedAt: null,
      createdBy: user.id,
      languages: ["fr", "son"],
    });
    expect(offerRow(source.id).status).toBe("filled");

    const { user: intruder } = await insertEmployer(db, "verified", "Concurrent");
    expect(duplicateOffer(db, intruder.id, source.id)).toBeNull();
    expect(allOffers()).toHaveLength(2);
  });
});

describe("endOffer", () => {
  async function offerWithApplicants() {
    const { user, org } = await insertEmployer(db, "verified");
    const offer = insertOffer(db, { orgId: org.id, title: "Cuisinier" });
    const statuses = ["submitted", "shortlisted", "interview", "offered", "hired", "withdrawn", "rejected"] as const;
    const apps = [];
    for (const [i, status] of statuses.entries()) {
      const candidate = await registerCandidate(db, { phone: `70 00 10 0${i}` });
      apps.push({
        ...insertApplication(db, { offerId: offer.id, candidateId: candidate.id, status }),
        candidateId: candidate.id,
      });
    }
    return { user, offer, apps };
  }

  it.each(["closed", "filled"] as const)(
    "%s: closes open applications with position_filled and tells the candidates",
    async (outcome) => {
      const { user, offer, apps } = await offerWithApplicants();
      expect(endOffer(db, user.id, offer.id, outcome)).toEqual({ ok: true });
      expect(offerRow(offer.id)).toMatchObject({ status: outcome });
      expect(offerRow(offer.id).closedAt).toBeInstanceOf(Date);

      const after = db
        .select()
        .from(applications)
        .where(eq(applications.offerId, offer.id))
        .orderBy(applications.id)
        .all();
      expect(after.map((a) => [a.status, a.refusalReason])).toEqual([
        ["rejected", "position_filled"],
        ["rejected", "position_filled"],
        ["rejected", "position_filled"],
        ["rejected", "position_filled"],
        ["hired", null],
        ["withdrawn", null],
        ["rejected", null],
      ]);
      const events = db.select().from(applicationEvents).orderBy(applicationEvents.applicationId).all();
      expect(events.map((e) => [e.applicationId, e.fromStatus, e.toStatus, e.note, e.actorId])).toEqual(
        apps.slice(0, 4).map((a) => [a.id, a.status, "rejected", "position_filled", user.id]),
      );
      const told = db.select().from(notifications).orderBy(notifications.userId).all();
      expect(told.map((n) => n.userId)).toEqual(apps.slice(0, 4).map((a) => a.candidateId));
      expect(told[0]).toMatchObject({
        kind: "application.positionFilled",
        payload: { offerId: offer.id, offerTitle: "Cuisinier" },
      });
      expect(
        db
          .select()
          .from(auditLog)
          .where(eq(auditLog.action, `offer.${outcome}`))
          .get(),
      ).toMatchObject({
        actorId: user.id,
        subjectId: String(offer.id),
      });
    },
  );

  it("refuses to end an offer twice, and another organisation's offer", async () => {
    const { user, offer } = await offerWithApplicants();
    const { user: intruder } = await insertEmployer(db, "verified", "Concurrent");
    expect(endOffer(db, intruder.id, offer.id, "closed")).toBeNull();
    expect(offerRow(offer.id).status).toBe("published");
    expect(db.select().from(notifications).all()).toEqual([]);

    endOffer(db, user.id, offer.id, "filled");
    expect(endOffer(db, user.id, offer.id, "closed")).toEqual({ ok: false, reason: "notOpen" });
    expect(offerRow(offer.id).status).toBe("filled");
  });
});

describe("expireOffers", () => {
  it("marks expired only published and pending offers whose closing date has passed", () => {
    const org = insertOrganisation(db);
    const past = addDays(today, -1);
    const make = (status: "published" | "pending" | "draft" | "closed" | "rejected", closingDate: string) =>
      insertOffer(db, { orgId: org.id, status, closingDate, title: `${status} ${closingDate}` }).id;
    const ids = {
      publishedPast: make("published", past),
      pendingPast: make("pending", past),
      publishedToday: make("published", today),
      draftPast: make("draft", past),
      closedPast: make("closed", past),
      rejectedPast: make("rejected", past),
    };
    expect(expireOffers(db, today)).toBe(2);
    const status = Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, offerRow(id).status]));
    expect(status).toEqual({
      publishedPast: "expired",
      pendingPast: "expired",
      publishedToday: "published",
      draftPast: "draft",
      closedPast: "closed",
      rejectedPast: "rejected",
    });
    expect(expireOffers(db, today)).toBe(0);
  });
});

describe("getOfferForViewer", () => {
  it("shows an open offer to everyone, anything else only to its organisation and counsellors", async () => {
    const { user: member, org } = await insertEmployer(db, "verified");
    const { user: stranger } = await insertEmployer(db, "verified", "Autre");
    const candidate = await registerCandidate(db, { phone: "70 99 99 99" });
    const counsellor = await insertUser(db, { role: "conseiller", email: "c@oim.ml" });
    const admin = await insertUser(db, { role: "admin", email: "a@baara.ml" });
    const open = insertOffer(db, { orgId: org.id });
    const draft = insertOffer(db, { orgId: org.id, status: "draft" });
    const pastClosing = insertOffer(db, { orgId: org.id, closingDate: addDays(today, -1) });

    const viewers = {
      visitor: null,
      candidate: { id: candidate.id, role: "candidat" },
      stranger: { id: stranger.id, role: "employeur" },
      member: { id: member.id, role: "employeur" },
      counsellor: { id: counsellor.id, role: "conseiller" },
      admin: { id: admin.id, role: "admin" },
    };
    const sees = (offerId: number) =>
      Object.entries(viewers)
        .filter(([, viewer]) => getOfferForViewer(db, offerId, viewer) !== null)
        .map(([name]) => name);

    expect(sees(open.id)).toEqual(Object.keys(viewers));
    expect(getOfferForViewer(db, open.id, null)).toMatchObject({ isOpen: true, org: { id: org.id } });
    expect(sees(draft.id)).toEqual(["member", "counsellor", "admin"]);
    expect(sees(pastClosing.id)).toEqual(["member", "counsellor", "admin"]);
    expect(getOfferForViewer(db, pastClosing.id, viewers.member)).toMatchObject({ isOpen: false });
    expect(sees(999_999)).toEqual([]);

    // A suspended organisation's published offers disappear from public view.
    db.update(organisations).set({ verificationStatus: "suspended" }).where(eq(organisations.id, org.id)).run();
    expect(sees(open.id)).toEqual(["member", "counsellor", "admin"]);
  });
});

describe("listOffersOfOrg", () => {
  it("lists the organisation's offers with applicants and those waiting, filtered by status", async () => {
    const { org } = await insertEmployer(db, "verified");
    const other = insertOrganisation(db, { name: "Autre" });
    const a = insertOffer(db, { orgId: org.id, title: "A" });
    insertOffer(db, { orgId: org.id, title: "B", status: "draft" });
    insertOffer(db, { orgId: other.id, title: "C" });
    const c1 = await registerCandidate(db, { phone: "70 00 20 01" });
    const c2 = await registerCandidate(db, { phone: "70 00 20 02" });
    insertApplication(db, { offerId: a.id, candidateId: c1.id, status: "submitted" });
    insertApplication(db, { offerId: a.id, candidateId: c2.id, status: "interview" });

    const { rows } = listOffersOfOrg(db, org.id);
    expect(rows.map((r) => [r.title, r.applicants, r.waiting]).sort()).toEqual([
      ["A", 2, 1],
      ["B", 0, 0],
    ]);
    expect(listOffersOfOrg(db, org.id, "draft").rows.map((r) => r.title)).toEqual(["B"]);
    expect(listOffersOfOrg(db, org.id, "expired")).toEqual({ rows: [], total: 0, page: 1, pageCount: 1 });
    expect(
      db
        .select()
        .from(offers)
        .where(and(eq(offers.orgId, other.id)))
        .all(),
    ).toHaveLength(1);
  });
});
