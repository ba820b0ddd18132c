import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { notifyCandidate } from "../../app/models/messages.server";
import type { Db } from "../../app/utils/db.server";
import { notifications, outbox, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertCandidate } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const news = (dedupeKey = "application:1:shortlisted") => ({
  kind: "application.shortlisted",
  template: "application.shortlisted",
  payload: { offerId: 1, offerTitle: "Couturière à Kayes" },
  link: "/candidat/candidatures",
  dedupeKey,
});

const inApp = (userId: number) => db.select().from(notifications).where(eq(notifications.userId, userId)).all();
const queued = () => db.select().from(outbox).all();

describe("notifyCandidate", () => {
  it("always tells the candidate in the portal, and sends nothing without their consent to be contacted", async () => {
    const candidate = await insertCandidate(db, { smsConsent: false });
    notifyCandidate(db, candidate.id, news());
    expect(inApp(candidate.id)).toEqual([
      expect.objectContaining({
        kind: "application.shortlisted",
        link: "/candidat/candidatures",
        payload: { offerId: 1, offerTitle: "Couturière à Kayes" },
        readAt: null,
      }),
    ]);
    expect(queued()).toEqual([]);
  });

  it("queues an SMS to the phone when they consented", async () => {
    const candidate = await insertCandidate(db, { phone: "+22376543210", smsConsent: true });
    notifyCandidate(db, candidate.id, news());
    expect(inApp(candidate.id)).toHaveLength(1);
    expect(queued()).toEqual([
      expect.objectContaining({
        channel: "sms",
        recipient: "+22376543210",
        userId: candidate.id,
        template: "application.shortlisted",
        locale: "fr",
        status: "pending",
        attempts: 0,
        dedupeKey: "application:1:shortlisted",
        payload: { offerId: 1, offerTitle: "Couturière à Kayes", link: "/candidat/candidatures" },
      }),
    ]);
  });

  it("prefers the phone when there are both a phone and an e-mail", async () => {
    const candidate = await insertCandidate(db, {
      phone: "+22376543211",
      email: "mariam@example.ml",
      smsConsent: true,
    });
    notifyCandidate(db, candidate.id, news());
    expect(queued()).toEqual([expect.objectContaining({ channel: "sms", recipient: "+22376543211" })]);
  });

  it("queues an e-mail when there is no phone", async () => {
    const candidate = await insertCandidate(db, { phone: null, email: "mariam@example.ml", smsConsent: true });
    notifyCandidate(db, candidate.id, news());
    expect(queued()).toEqual([expect.objectContaining({ channel: "email", recipient: "mariam@example.ml" })]);
  });

  it("writes in the candidate's language", async () => {
    const candidate = await insertCandidate(db, { locale: "en", smsConsent: true });
    notifyCandidate(db, candidate.id, news());
    expect(queued()[0]!.locale).toBe("en");
  });

  it("tells a deleted account nothing at all, neither in the portal nor by SMS", async () => {
    const candidate = await insertCandidate(db, { phone: "+22376543212", smsConsent: true });
    db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, candidate.id)).run();
    notifyCandidate(db, candidate.id, news());
    expect(inApp(candidate.id)).toEqual([]);
    expect(queued()).toEqual([]);
  });

  it("does nothing for an unknown person", () => {
    notifyCandidate(db, 31_337, news());
    expect(db.select().from(notifications).all()).toEqual([]);
    expect(queued()).toEqual([]);
  });

  it("queues the same news (same dedupe key) once", async () => {
    const candidate = await insertCandidate(db, { smsConsent: true });
    notifyCandidate(db, candidate.id, news("application:7:hired"));
    notifyCandidate(db, candidate.id, news("application:7:hired"));
    notifyCandidate(db, candidate.id, news("application:7:rejected"));
    expect(queued().map((m) => m.dedupeKey)).toEqual(["application:7:hired", "application:7:rejected"]);
  });

  it("works inside a transaction (as the pipeline calls it) and rolls back with it", async () => {
    const candidate = await insertCandidate(db, { smsConsent: true });
    expect(() =>
      db.transaction((tx) => {
        notifyCandidate(tx, candidate.id, news());
        throw new Error("the move failed");
      }),
    ).toThrow("the move failed");
    expect(inApp(candidate.id)).toEqual([]);
    expect(queued()).toEqual([]);
  });
});
