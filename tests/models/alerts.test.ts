import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { deleteAlert, listAlerts, MAX_SAVED_SEARCHES, runAlerts, saveAlert } from "../../app/models/alerts.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { notifications, type OfferStatus, offers, outbox, savedSearches, users } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertCandidate, insertEmployer, insertOffer } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Today at 08:00:05 UTC (Mali time): the hour a daily job would run.
const day0 = Date.parse(`${isoToday()}T08:00:05Z`);

const digestsOf = (userId: number) => db.select().from(notifications).where(eq(notifications.userId, userId)).all();
const queued = () => db.select().from(outbox).all();

/** An alert last checked at a given time (as if the previous run happened then). */
function alertFor(userId: number, query: Record<string, string>, lastCheckedAt = day0 - 6 * HOUR) {
  saveAlert(db, userId, query);
  const alert = listAlerts(db, userId).find((a) => JSON.stringify(a.query) === JSON.stringify(query))!;
  db.update(savedSearches)
    .set({ lastCheckedAt: new Date(lastCheckedAt) })
    .where(eq(savedSearches.id, alert.id))
    .run();
  return alert;
}

async function world() {
  const { org } = await insertEmployer(db);
  const candidate = await insertCandidate(db, { phone: "+22375000001", smsConsent: true });
  const offer = (
    title: string,
    publishedAt: number,
    values: { status?: OfferStatus; region?: string; type?: "emploi" | "stage"; orgId?: number } = {},
  ) => {
    const row = insertOffer(db, {
      orgId: values.orgId ?? org.id,
      title,
      status: values.status,
      type: values.type,
      publishedAt: new Date(publishedAt),
    });
    if (values.region) db.update(offers).set({ region: values.region }).where(eq(offers.id, row.id)).run();
    return row;
  };
  return { org, candidate, offer };
}

describe("saveAlert, listAlerts, deleteAlert", () => {
  it("keeps only the search's known parameters, cut to 200 characters", async () => {
    const candidate = await insertCandidate(db);
    const result = saveAlert(db, candidate.id, {
      q: "maçon".padEnd(10_000, "x"),
      region: "kayes",
      type: "",
      page: "3",
      sort: "date",
      "<script>": "alert(1)",
      secteur: "btp",
    });
    expect(result).toEqual({ ok: true, duplicate: false });
    const [alert] = listAlerts(db, candidate.id);
    expect(Object.keys(alert!.query).sort()).toEqual(["q", "region", "secteur"]);
    expect(alert!.query.q).toHaveLength(200);
    expect(alert!.query.region).toBe("kayes");
  });

  it("keeps the same search once, whatever the order of its parameters", async () => {
    const candidate = await insertCandidate(db);
    expect(saveAlert(db, candidate.id, { q: "soudeur", region: "sikasso" }, "Soudure")).toEqual({
      ok: true,
      duplicate: false,
    });
    expect(saveAlert(db, candidate.id, { region: "sikasso", q: "soudeur", page: "2" })).toEqual({
      ok: true,
      duplicate: true,
    });
    expect(listAlerts(db, candidate.id)).toEqual([
      expect.objectContaining({ label: "Soudure", query: { q: "soudeur", region: "sikasso" } }),
    ]);
  });

  it(`keeps at most ${MAX_SAVED_SEARCHES} alerts per person`, async () => {
    const candidate = await insertCandidate(db);
    const other = await insertCandidate(db);
    for (let i = 0; i < MAX_SAVED_SEARCHES; i++) expect(saveAlert(db, candidate.id, { q: `métier${i}` }).ok).toBe(true);
    expect(saveAlert(db, candidate.id, { q: "un de trop" })).toEqual({ ok: false, reason: "too_many" });
    // Saving one they already have is still fine; someone else is not limited by them.
    expect(saveAlert(db, candidate.id, { q: "métier3" })).toEqual({ ok: true, duplicate: true });
    expect(saveAlert(db, other.id, { q: "un de trop" })).toEqual({ ok: true, duplicate: false });
    expect(listAlerts(db, candidate.id)).toHaveLength(MAX_SAVED_SEARCHES);
  });

  it("deletes only the person's own alert", async () => {
    const candidate = await insertCandidate(db);
    const other = await insertCandidate(db);
    saveAlert(db, candidate.id, { q: "chauffeur" });
    const [alert] = listAlerts(db, candidate.id);
    expect(listAlerts(db, other.id)).toEqual([]);
    expect(deleteAlert(db, other.id, alert!.id)).toBe(false);
    expect(listAlerts(db, candidate.id)).toHaveLength(1);
    expect(deleteAlert(db, candidate.id, alert!.id)).toBe(true);
    expect(listAlerts(db, candidate.id)).toEqual([]);
    expect(deleteAlert(db, candidate.id, alert!.id)).toBe(false);
  });
});

describe("runAlerts: one digest a day of the new matching offers", () => {
  it("puts the new matching offers in one digest, in the portal and the outbox", async () => {
    const { candidate, offer } = await world();
    alertFor(candidate.id, { q: "electricien" });
    const match = offer("Électricien bâtiment", day0 - HOUR);
    offer("Électricien ancien", day0 - 7 * HOUR); // published before the last check
    offer("Maçon", day0 - HOUR); // does not match

    expect(runAlerts(db, day0)).toEqual({ digests: 1 });
    expect(digestsOf(candidate.id)).toEqual([
      expect.objectContaining({
        kind: "alerts.digest",
        link: "/candidat/alertes",
        payload: { count: 1, titles: "Électricien bâtiment" },
      }),
    ]);
    expect(queued()).toEqual([
      expect.objectContaining({
        template: "alerts.digest",
        channel: "sms",
        recipient: "+22375000001",
        dedupeKey: `alerts:${candidate.id}:${isoToday(new Date(day0))}`,
        payload: { count: 1, titles: "Électricien bâtiment", link: "/candidat/alertes" },
      }),
    ]);
    expect(match.id).toBeGreaterThan(0);
  });

  it("keeps the digest in the portal, without an SMS, while the candidate's number is not confirmed", async () => {
    const { candidate, offer } = await world();
    db.update(users).set({ phoneConfirmedAt: null }).where(eq(users.id, candidate.id)).run();
    alertFor(candidate.id, { q: "soudeur" });
    offer("Soudeur", day0 - HOUR);
    expect(runAlerts(db, day0)).toEqual({ digests: 1 });
    expect(digestsOf(candidate.id)).toHaveLength(1);
    expect(queued()).toEqual([]);
  });

  it("sends one digest for two alerts of the same person, each offer once", async () => {
    const { candidate, offer } = await world();
    alertFor(candidate.id, { q: "chauffeur" });
    alertFor(candidate.id, { region: "kayes" });
    offer("Chauffeur poids lourd", day0 - HOUR, { region: "kayes" }); // matches both
    offer("Chauffeur livreur", day0 - 2 * HOUR);
    offer("Couturière", day0 - 3 * HOUR, { region: "kayes" });
    offer("Couturière", day0 - 3 * HOUR, { region: "mopti" });

    expect(runAlerts(db, day0)).toEqual({ digests: 1 });
    const [digest, ...more] = digestsOf(candidate.id);
    expect(more).toEqual([]);
    expect(digest!.payload.count).toBe(3);
    expect(queued()).toHaveLength(1);
  });

  it("sends one digest per person", async () => {
    const { candidate, offer } = await world();
    const other = await insertCandidate(db, { smsConsent: true });
    alertFor(candidate.id, { q: "chauffeur" });
    alertFor(other.id, { q: "chauffeur" });
    offer("Chauffeur", day0 - HOUR);
    expect(runAlerts(db, day0)).toEqual({ digests: 2 });
    expect(digestsOf(candidate.id)).toHaveLength(1);
    expect(digestsOf(other.id)).toHaveLength(1);
    expect(new Set(queued().map((m) => m.dedupeKey)).size).toBe(2);
  });

  it("sends nothing when nothing new matches, and moves the check forward", async () => {
    const { candidate, offer } = await world();
    const alert = alertFor(candidate.id, { q: "mécanicien" });
    offer("Maçon", day0 - HOUR);
    expect(runAlerts(db, day0)).toEqual({ digests: 0 });
    expect(digestsOf(candidate.id)).toEqual([]);
    expect(queued()).toEqual([]);
    expect(db.select().from(savedSearches).where(eq(savedSearches.id, alert.id)).get()!.lastCheckedAt).toEqual(
      new Date(day0),
    );
  });

  it.each(["closed", "filled", "expired", "draft", "pending", "rejected"] as const)(
    "leaves out a %s offer",
    async (status) => {
      const { candidate, offer } = await world();
      alertFor(candidate.id, { q: "soudeur" });
      offer("Soudeur", day0 - HOUR, { status });
      expect(runAlerts(db, day0)).toEqual({ digests: 0 });
    },
  );

  it("leaves out offers of an unverified organisation and offers whose closing date has passed", async () => {
    const { candidate, offer } = await world();
    const { org: pendingOrg } = await insertEmployer(db, "pending");
    alertFor(candidate.id, { q: "soudeur" });
    offer("Soudeur", day0 - HOUR, { orgId: pendingOrg.id });
    const late = offer("Soudeur", day0 - HOUR);
    db.update(offers)
      .set({ closingDate: addDays(isoToday(new Date(day0)), -1) })
      .where(eq(offers.id, late.id))
      .run();
    expect(runAlerts(db, day0)).toEqual({ digests: 0 });
  });

  it("applies the alert's filters (type)", async () => {
    const { candidate, offer } = await world();
    alertFor(candidate.id, { type: "stage" });
    offer("Stage comptabilité", day0 - HOUR, { type: "stage" });
    offer("Comptable", day0 - HOUR, { type: "emploi" });
    runAlerts(db, day0);
    expect(digestsOf(candidate.id)[0]!.payload).toEqual({ count: 1, titles: "Stage comptabilité" });
  });

  it("sends nothing more the same day, and keeps that day's new offers for the next day's digest", async () => {
    const { candidate, offer } = await world();
    alertFor(candidate.id, { q: "boulanger" });
    offer("Boulanger", day0 - HOUR);
    expect(runAlerts(db, day0)).toEqual({ digests: 1 });

    offer("Boulanger pâtissier", day0 + HOUR);
    expect(runAlerts(db, day0 + 2 * HOUR)).toEqual({ digests: 0 });
    expect(runAlerts(db, day0 + 12 * HOUR)).toEqual({ digests: 0 });
    expect(digestsOf(candidate.id)).toHaveLength(1);
    expect(queued()).toHaveLength(1);

    // Next day, at the same time: the offer of yesterday afternoon is in it.
    expect(runAlerts(db, day0 + DAY)).toEqual({ digests: 1 });
    const digests = digestsOf(candidate.id);
    expect(digests).toHaveLength(2);
    expect(digests[1]!.payload).toEqual({ count: 1, titles: "Boulanger pâtissier" });
    expect(queued().map((m) => m.dedupeKey)).toEqual([
      `alerts:${candidate.id}:${isoToday(new Date(day0))}`,
      `alerts:${candidate.id}:${isoToday(new Date(day0 + DAY))}`,
    ]);
  });

  it("sends the next day's digest even when the daily job runs a few seconds earlier than the day before", async () => {
    const { candidate, offer } = await world();
    alertFor(candidate.id, { q: "plombier" });
    offer("Plombier", day0 - HOUR);
    runAlerts(db, day0);
    offer("Plombier chauffagiste", day0 + 3 * HOUR);
    expect(runAlerts(db, day0 + DAY - 5_000)).toEqual({ digests: 1 });
    expect(digestsOf(candidate.id)).toHaveLength(2);
  });
});
