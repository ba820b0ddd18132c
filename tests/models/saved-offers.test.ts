// Saved offers: saving and removing are idempotent, only open offers can be saved, the list puts
// offers closed since at the end (marked), and a candidate's buttons know which are saved.
import { beforeEach, describe, expect, it } from "vitest";
import {
  listSavedOffers,
  SAVED_PAGE_SIZE,
  savedOfferCounts,
  saveOffer,
  saveStateFor,
  unsaveOffer,
} from "../../app/models/saved-offers.server";
import { addDays, isoToday } from "../../app/utils/dates";
import type { Db } from "../../app/utils/db.server";
import { savedOffers } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { insertCandidate, insertEmployer, insertOffer } from "../helpers/factories";

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

async function world() {
  const { org } = await insertEmployer(db);
  const { org: unverified } = await insertEmployer(db, "pending");
  const awa = await insertCandidate(db);
  const bintou = await insertCandidate(db);
  return { org, unverified, awa, bintou };
}

describe("saving an offer", () => {
  it("saves an open offer once, however often it is saved, and removes it once", async () => {
    const { org, awa } = await world();
    const offer = insertOffer(db, { orgId: org.id });
    expect(saveOffer(db, awa.id, offer.id)).toBe(true);
    expect(saveOffer(db, awa.id, offer.id)).toBe(true);
    expect(db.select().from(savedOffers).all()).toHaveLength(1);
    unsaveOffer(db, awa.id, offer.id);
    unsaveOffer(db, awa.id, offer.id);
    expect(db.select().from(savedOffers).all()).toHaveLength(0);
  });

  it("refuses what the public cannot see: draft, pending, rejected, closed, expired, unverified employer", async () => {
    const { org, unverified, awa } = await world();
    const hidden = [
      insertOffer(db, { orgId: org.id, status: "draft" }),
      insertOffer(db, { orgId: org.id, status: "pending" }),
      insertOffer(db, { orgId: org.id, status: "rejected" }),
      insertOffer(db, { orgId: org.id, status: "closed" }),
      insertOffer(db, { orgId: org.id, closingDate: addDays(isoToday(), -1) }),
      insertOffer(db, { orgId: unverified.id }),
    ];
    for (const offer of hidden) expect(saveOffer(db, awa.id, offer.id)).toBe(false);
    expect(saveOffer(db, awa.id, 999_999)).toBe(false);
    expect(db.select().from(savedOffers).all()).toHaveLength(0);
  });

  it("removing an offer of someone else's list leaves that list alone", async () => {
    const { org, awa, bintou } = await world();
    const offer = insertOffer(db, { orgId: org.id });
    saveOffer(db, awa.id, offer.id);
    unsaveOffer(db, bintou.id, offer.id);
    expect(savedOfferCounts(db, awa.id)).toEqual({ total: 1, open: 1 });
  });
});

describe("the saved list", () => {
  it("shows open offers most recently saved first, then one past its closing date since, marked", async () => {
    const { org, awa, bintou } = await world();
    const first = insertOffer(db, { orgId: org.id, title: "Maçon" });
    const closing = insertOffer(db, { orgId: org.id, title: "Chauffeur", closingDate: addDays(isoToday(), 2) });
    const last = insertOffer(db, { orgId: org.id, title: "Couturière" });
    for (const [minutesAgo, offer] of [
      [30, first],
      [20, closing],
      [10, last],
    ] as const) {
      saveOffer(db, awa.id, offer.id);
      db.$client
        .prepare("UPDATE saved_offers SET created_at = ? WHERE offer_id = ?")
        .run(Date.now() - minutesAgo * 60_000, offer.id);
    }
    saveOffer(db, bintou.id, first.id);
    const inThreeDays = addDays(isoToday(), 3);
    const list = listSavedOffers(db, awa.id, 1, inThreeDays);
    expect(list.items.map((o) => [o.title, o.isOpen])).toEqual([
      ["Couturière", true],
      ["Maçon", true],
      ["Chauffeur", false],
    ]);
    expect(savedOfferCounts(db, awa.id, inThreeDays)).toEqual({ total: 3, open: 2 });
  });

  it("keeps the saving order within open offers and puts a closed one last", async () => {
    const { org, awa } = await world();
    const [a, b, c] = ["Maçon", "Couturière", "Chauffeur"].map((title) => insertOffer(db, { orgId: org.id, title }));
    saveOffer(db, awa.id, a!.id);
    saveOffer(db, awa.id, b!.id);
    saveOffer(db, awa.id, c!.id);
    db.update(savedOffers)
      .set({ createdAt: new Date(Date.now() - 60_000) })
      .run();
    unsaveOffer(db, awa.id, b!.id);
    saveOffer(db, awa.id, b!.id);
    insertOffer(db, { orgId: a!.orgId });
    const closeOnly = (id: number) => db.$client.prepare("UPDATE offers SET status = 'closed' WHERE id = ?").run(id);
    closeOnly(a!.id);
    const list = listSavedOffers(db, awa.id);
    expect(list.items.map((o) => [o.title, o.isOpen])).toEqual([
      ["Couturière", true],
      ["Chauffeur", true],
      ["Maçon", false],
    ]);
    expect(savedOfferCounts(db, awa.id)).toEqual({ total: 3, open: 2 });
  });

  it("is paged 25 at a time, a page past the last giving the last", async () => {
    const { org, awa } = await world();
    for (let i = 0; i < SAVED_PAGE_SIZE + 3; i++) saveOffer(db, awa.id, insertOffer(db, { orgId: org.id }).id);
    const second = listSavedOffers(db, awa.id, 2);
    expect([second.page, second.pageCount, second.items.length]).toEqual([2, 2, 3]);
    expect(listSavedOffers(db, awa.id, 99).page).toBe(2);
    expect(listSavedOffers(db, awa.id, 1).items).toHaveLength(SAVED_PAGE_SIZE);
  });
});

describe("what the save buttons show", () => {
  it("a candidate sees which offers of the page are saved, a visitor a login link, other roles nothing", async () => {
    const { org, awa } = await world();
    const [a, b] = [insertOffer(db, { orgId: org.id }), insertOffer(db, { orgId: org.id })];
    saveOffer(db, awa.id, b.id);
    expect(saveStateFor(db, { id: awa.id, role: "candidat" }, [a.id, b.id])).toEqual({
      as: "candidate",
      savedIds: [b.id],
    });
    expect(saveStateFor(db, { id: awa.id, role: "candidat" }, [])).toEqual({ as: "candidate", savedIds: [] });
    expect(saveStateFor(db, null, [a.id])).toEqual({ as: "visitor" });
    for (const role of ["employeur", "conseiller", "admin"])
      expect(saveStateFor(db, { id: 1, role }, [a.id])).toBeNull();
  });
});
